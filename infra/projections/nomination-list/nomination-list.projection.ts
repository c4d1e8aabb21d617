import { reportedOutcome, type NominationState } from '@laurel/domain';
import type { NominationChange, Projection, TrackedNomination } from '../projection';
import type { ProjectionTables } from '../schema';
import { isoText } from '../sql-text';

export interface StateRow {
  readonly nomination_id: string;
  readonly state: NominationState;
  readonly stage_entered_version: number;
  readonly stage_entered_at: string;
  readonly version: number;
  readonly drafted_at: string;
  readonly updated_at: string;
  readonly position_commit: string;
  readonly position_prepare: string;
}

/**
 * The nomination list: one row per nomination, holding the folded state that
 * every projection evolves from, plus the columns the list filters on.
 */
export class NominationListProjection implements Projection {
  readonly name = 'nomination_list';
  private readonly table: string;
  private readonly columns: readonly string[];

  constructor(tables: ProjectionTables) {
    this.table = tables.nominationList;
    this.columns = [
      'nomination_id',
      'stage',
      'outcome',
      'nominee_name',
      'nominee_kind',
      'award_type',
      'campaign_year',
      'province',
      'block_id',
      'proposing_unit_id',
      'stage_deadline',
      'escalated',
      'stage_entered_version',
      'stage_entered_at',
      'version',
      'position_commit',
      'position_prepare',
      'drafted_at',
      'updated_at',
      'state',
    ];
  }

  upsertSql(rowsParam: string, guard: string): string {
    const { columns } = this;
    return `INSERT INTO ${this.table} (${columns.join(', ')})
      SELECT ${columns.map((c) => `r.${c}`).join(', ')}
      FROM jsonb_to_recordset(${rowsParam}::text::jsonb) AS r(nomination_id text, stage text, outcome text,
        nominee_name text, nominee_kind text, award_type text, campaign_year integer, province text, block_id text,
        proposing_unit_id text, stage_deadline timestamptz, escalated boolean, stage_entered_version integer,
        stage_entered_at timestamptz, version integer, position_commit bigint, position_prepare bigint,
        drafted_at timestamptz, updated_at timestamptz, state jsonb)
      WHERE EXISTS (SELECT 1 FROM ${guard})
      ON CONFLICT (nomination_id) DO UPDATE SET ${columns
        .filter((c) => c !== 'nomination_id')
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ')}`;
  }

  /**
   * A scalar subquery giving the stored states of the nominations whose ids
   * are in `idsParam` (a text[] parameter), as a JSON array for `parseStates`.
   */
  statesSql(idsParam: string): string {
    return `(SELECT coalesce(jsonb_agg(jsonb_build_object(
        'nomination_id', l.nomination_id, 'state', l.state, 'stage_entered_version', l.stage_entered_version,
        'stage_entered_at', ${isoText('l.stage_entered_at')}, 'version', l.version,
        'drafted_at', ${isoText('l.drafted_at')},
        'updated_at', ${isoText('l.updated_at')}, 'position_commit', l.position_commit::text,
        'position_prepare', l.position_prepare::text)), '[]'::jsonb)
      FROM ${this.table} l WHERE l.nomination_id = ANY(${idsParam}::text[]))`;
  }

  parseStates(rows: readonly StateRow[]): Map<string, TrackedNomination> {
    const found = new Map<string, TrackedNomination>();
    for (const row of rows) {
      found.set(row.nomination_id, {
        nominationId: row.nomination_id,
        state: row.state,
        entry: { version: row.stage_entered_version, at: row.stage_entered_at },
        streamVersion: row.version,
        firstRecordedAt: row.drafted_at,
        updatedAt: row.updated_at,
        position: { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) },
      });
    }
    return found;
  }

  rows(changes: readonly NominationChange[]): object[] {
    // Only each nomination's last state is written: one row per nomination per batch.
    const last = new Map<string, TrackedNomination>();
    for (const change of changes) last.set(change.after.nominationId, change.after);
    return [...last.values()].map(listRow);
  }
}

function listRow(tracked: TrackedNomination): Record<string, unknown> {
  const { state } = tracked;
  const active = state.stage === 'Initial' ? undefined : state;
  const nomination = active?.nomination;
  return {
    nomination_id: tracked.nominationId,
    stage: state.stage,
    // `Revoked` once the award is taken back; rows projected before that change need `laurel projections rebuild`.
    outcome: state.stage === 'Closed' ? reportedOutcome(state) : null,
    nominee_name: nomination?.nominee.name ?? null,
    nominee_kind: nomination?.nominee.kind ?? null,
    award_type: nomination?.awardType ?? null,
    campaign_year: nomination?.campaignYear ?? null,
    province: nomination?.province ?? null,
    block_id: nomination?.blockId ?? null,
    proposing_unit_id: nomination?.proposingUnitId ?? null,
    stage_deadline: active?.stageDeadline ?? null,
    escalated: active?.escalated ?? false,
    stage_entered_version: tracked.entry.version,
    stage_entered_at: tracked.entry.at,
    version: tracked.streamVersion,
    position_commit: tracked.position.commit.toString(),
    position_prepare: tracked.position.prepare.toString(),
    drafted_at: nomination?.draftedAt ?? tracked.firstRecordedAt,
    updated_at: tracked.updatedAt,
    state,
  };
}
