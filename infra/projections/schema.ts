import { assertSchemaName } from '../event-store/sql/schema';

/**
 * The read models' tables, in the same schema (and database) as the event
 * store, so that the projections, their checkpoint and — on PGlite — the
 * events all live in one place. Every statement is idempotent.
 */
export interface ProjectionTables {
  readonly schema: string;
  readonly checkpoints: string;
  readonly nominationList: string;
  readonly taskInbox: string;
  /** One row per nomination with the dimensions and stage figures reports aggregate (statistics/). */
  readonly statistics: string;
  /** The sessions read model (sessions/): one row per block or council session, one per session item. */
  readonly sessionHeader: string;
  readonly sessionItems: string;
  /** NOTIFY channel of the event store (see infra/event-store/sql/schema.ts). */
  readonly eventsChannel: string;
  /** NOTIFY channel on which runners announce a new checkpoint (a hint: listeners re-read the table). */
  readonly progressChannel: string;
  readonly createSchema: readonly string[];
  readonly lockSchema: string;
}

export function projectionTables(schema: string): ProjectionTables {
  assertSchemaName(schema);
  const checkpoints = `"${schema}".projection_checkpoints`;
  const nominationList = `"${schema}".nomination_list`;
  const taskInbox = `"${schema}".task_inbox`;
  const statistics = `"${schema}".statistics`;
  const sessionHeader = `"${schema}".session_header`;
  const sessionItems = `"${schema}".session_items`;
  const stageColumns = ['block_vote', 'council_review', 'supplement', 'decision']
    .map(
      (s) => `${s}_entered_at timestamptz, ${s}_exited_at timestamptz, ${s}_days integer,
        ${s}_overdue boolean NOT NULL DEFAULT false`,
    )
    .join(',\n        ');
  return {
    schema,
    checkpoints,
    nominationList,
    taskInbox,
    statistics,
    sessionHeader,
    sessionItems,
    eventsChannel: `${schema}_events`,
    progressChannel: `${schema}_projections`,
    lockSchema: `SELECT pg_advisory_xact_lock(hashtext('laurel.projections.schema.' || $1::text))`,
    createSchema: [
      `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
      // `epoch` changes on every rebuild, so a runner in another process that
      // still works from the old checkpoint notices and starts over.
      `CREATE TABLE IF NOT EXISTS ${checkpoints} (
        name text PRIMARY KEY,
        position_commit bigint NOT NULL,
        position_prepare bigint NOT NULL,
        epoch integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // `state` is the folded NominationState (secret ballots redacted): the
      // next event is evolved from it, and the columns are derived from it.
      `CREATE TABLE IF NOT EXISTS ${nominationList} (
        nomination_id text PRIMARY KEY,
        stage text NOT NULL,
        outcome text,
        nominee_name text,
        nominee_kind text,
        award_type text,
        campaign_year integer,
        province text,
        block_id text,
        proposing_unit_id text,
        stage_deadline timestamptz,
        escalated boolean NOT NULL,
        stage_entered_version integer NOT NULL,
        stage_entered_at timestamptz NOT NULL,
        version integer NOT NULL,
        position_commit bigint NOT NULL,
        position_prepare bigint NOT NULL,
        drafted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        state jsonb NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS nomination_list_recent ON ${nominationList} (drafted_at DESC, nomination_id DESC)`,
      ...(['stage', 'outcome', 'block_id', 'proposing_unit_id', 'campaign_year', 'award_type'] as const).map(
        (column) =>
          `CREATE INDEX IF NOT EXISTS nomination_list_by_${column} ON ${nominationList} (${column}, drafted_at DESC, nomination_id DESC)`,
      ),
      // One row per pending action per assignee scope. `scope` is 'unit:<id>',
      // 'block:<id>' or 'province:<slug>'; `due_sort` puts undated tasks last.
      `CREATE TABLE IF NOT EXISTS ${taskInbox} (
        task_id text PRIMARY KEY,
        nomination_id text NOT NULL,
        action text NOT NULL,
        role text NOT NULL,
        scope text NOT NULL,
        unit_id text,
        block_id text,
        stage text NOT NULL,
        stage_entered_version integer NOT NULL,
        due_at timestamptz,
        due_sort timestamptz NOT NULL,
        excluded_user_ids text[] NOT NULL,
        excluded_unit_ids text[] NOT NULL,
        nominee_name text NOT NULL,
        award_type text NOT NULL,
        campaign_year integer NOT NULL,
        province text NOT NULL,
        proposing_unit_id text NOT NULL,
        nomination_block_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
        created_at timestamptz NOT NULL,
        completed_by text,
        completed_at timestamptz
      )`,
      `CREATE INDEX IF NOT EXISTS task_inbox_pending ON ${taskInbox} (role, scope, due_sort, created_at, task_id)
        WHERE status = 'pending'`,
      `CREATE INDEX IF NOT EXISTS task_inbox_done ON ${taskInbox} (completed_by, completed_at DESC, task_id DESC)
        WHERE status = 'done'`,
      `CREATE INDEX IF NOT EXISTS task_inbox_nomination ON ${taskInbox} (nomination_id)`,
      // `outcome` is the reported one (`Revoked` included), null while open.
      `CREATE TABLE IF NOT EXISTS ${statistics} (
        nomination_id text PRIMARY KEY,
        province text NOT NULL,
        block_id text NOT NULL,
        unit_id text NOT NULL,
        nominee_unit_id text NOT NULL,
        campaign_year integer NOT NULL,
        award_type text NOT NULL,
        nominee_kind text NOT NULL,
        nominee_name text NOT NULL,
        nominee_position text,
        front_line boolean NOT NULL,
        hardship_area boolean NOT NULL,
        stage text NOT NULL,
        stage_entered_at timestamptz NOT NULL,
        outcome text,
        decision_number text,
        decision_date date,
        drafted_at timestamptz NOT NULL,
        submitted_at timestamptz,
        version integer NOT NULL,
        ${stageColumns}
      )`,
      // Every report is within a province (a user's scope) and usually a year. The index carries every
      // column the report aggregates (statistics/statistics.ts, READ_COLUMNS), so a province's year is
      // read from the index alone: its rows are scattered over most of the table's pages.
      `DROP INDEX IF EXISTS "${schema}".statistics_by_province`,
      `CREATE INDEX IF NOT EXISTS statistics_report ON ${statistics} (province, campaign_year) INCLUDE (
        block_id, unit_id, award_type, nominee_kind, outcome, front_line, hardship_area,
        block_vote_entered_at, block_vote_days, block_vote_overdue,
        council_review_entered_at, council_review_days, council_review_overdue,
        supplement_entered_at, supplement_days, supplement_overdue,
        decision_entered_at, decision_days, decision_overdue)`,
      `CREATE INDEX IF NOT EXISTS statistics_by_year ON ${statistics} (campaign_year)`,
      `CREATE INDEX IF NOT EXISTS statistics_by_block ON ${statistics} (block_id, campaign_year)`,
      `CREATE INDEX IF NOT EXISTS statistics_by_unit ON ${statistics} (unit_id, campaign_year)`,
      // The public list: standing awards of a province and year, by decision.
      `CREATE INDEX IF NOT EXISTS statistics_published ON ${statistics} (province, campaign_year, decision_date DESC)
        WHERE outcome = 'Awarded'`,
      // `session_id` is '<kind>|<id>' (block and council sessions have id spaces of their own). Columns
      // are nullable: a batch's upsert names only what changed (sessions/sessions.projection.ts).
      `CREATE TABLE IF NOT EXISTS ${sessionHeader} (
        session_id text PRIMARY KEY,
        kind text,
        province text,
        block_id text,
        campaign_year integer,
        title text,
        stage text,
        quorum_ratio double precision,
        member_ids jsonb,
        members jsonb,
        policy jsonb,
        opened_at timestamptz,
        opened_by text,
        item_count integer,
        ballots jsonb NOT NULL DEFAULT '[]'::jsonb,
        closed jsonb,
        version integer NOT NULL DEFAULT 0,
        updated_at timestamptz
      )`,
      `CREATE TABLE IF NOT EXISTS ${sessionItems} (
        session_id text NOT NULL,
        nomination_id text NOT NULL,
        ordinal integer,
        item jsonb,
        votes_due integer NOT NULL DEFAULT 0,
        votes_applied integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'voting',
        stage text,
        outcome text,
        result jsonb,
        PRIMARY KEY (session_id, nomination_id)
      )`,
      `CREATE INDEX IF NOT EXISTS session_items_agenda ON ${sessionItems} (session_id, ordinal)`,
      `CREATE INDEX IF NOT EXISTS statistics_in_council ON ${statistics} (province, stage_entered_at)
        WHERE stage = 'CouncilReview'`,
    ],
  };
}
