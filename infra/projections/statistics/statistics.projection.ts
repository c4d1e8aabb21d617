import {
  defaultPolicies,
  findPolicy,
  parseInstant,
  reportedOutcome,
  resolvePolicy,
  workingDaysBetween,
  type NominationState,
  type PolicyRegistry,
  type TimedStage,
  type WorkingCalendar,
} from '@laurel/domain';
import type { NominationChange, Projection, TrackedNomination } from '../projection';
import type { ProjectionTables } from '../schema';

/** Column prefix of each timed stage's figures. */
export const STAGE_COLUMNS: Readonly<Record<TimedStage, string>> = {
  BlockVote: 'block_vote',
  CouncilReview: 'council_review',
  AwaitingSupplement: 'supplement',
  ProvincialDecision: 'decision',
};

const TIMED = new Set<string>(Object.keys(STAGE_COLUMNS));

function isTimed(stage: string): stage is TimedStage {
  return TIMED.has(stage);
}

/** What one batch adds to a stage's figures for one nomination. */
interface StageDelta {
  enteredAt: string | null;
  exitedAt: string | null;
  /** Working days of the visits that ended in this batch; null when none ended. */
  days: number | null;
  overdue: boolean;
}

/**
 * Statistics: one row per nomination with the dimensions reports cut by
 * (province, block, unit, year, award, nominee kind, priority flags, outcome)
 * and, per timed stage, first entry, last exit, working days spent in visits
 * that ended and whether any visit ran overdue. Queries are then aggregates
 * over indexed rows, never walks over streams.
 *
 * Stage figures are *added* on conflict (a stage visited again after a
 * supplement or a hold adds its days): safe because the runner writes each
 * event exactly once, and a rebuild truncates the table first. The other
 * columns are overwritten from the batch's last state.
 *
 * Working days are counted in the calendar of the rule set the nomination
 * runs under (holidays, make-up days, time zone), as its deadlines were.
 * A visit is overdue when it ended after its deadline or was escalated; an
 * open stage past its deadline is not (the row is a function of events, not
 * of the clock — the nomination list's `overdue` answers that question).
 */
export class StatisticsProjection implements Projection {
  readonly name = 'statistics';
  private readonly table: string;
  private readonly calendars = new Map<string, WorkingCalendar>();

  constructor(
    tables: ProjectionTables,
    private readonly policies: PolicyRegistry = defaultPolicies,
  ) {
    this.table = tables.statistics;
  }

  rows(changes: readonly NominationChange[]): object[] {
    const deltas = new Map<string, Map<TimedStage, StageDelta>>();
    const last = new Map<string, TrackedNomination>();
    for (const change of changes) {
      const { before, after } = change;
      if (after.state.stage === 'Initial') continue;
      last.set(after.nominationId, after);
      let stages = deltas.get(after.nominationId);
      if (!stages) deltas.set(after.nominationId, (stages = new Map()));
      const delta = (stage: TimedStage): StageDelta => {
        let d = stages.get(stage);
        if (!d) stages.set(stage, (d = { enteredAt: null, exitedAt: null, days: null, overdue: false }));
        return d;
      };
      const at = after.entry.version === change.recorded.version ? after.entry.at : eventAt(change);
      if (before.state.stage !== after.state.stage) {
        const left = before.state;
        if (left.stage !== 'Initial' && isTimed(left.stage)) {
          const d = delta(left.stage);
          d.exitedAt = at;
          d.days = (d.days ?? 0) + workingDaysBetween(before.entry.at, at, this.calendarOf(left));
          const deadline = left.stageDeadline;
          if (left.escalated || (deadline !== undefined && parseInstant(at) > parseInstant(deadline))) d.overdue = true;
        }
        if (isTimed(after.state.stage)) {
          const d = delta(after.state.stage);
          d.enteredAt ??= at;
        }
      } else if (change.event?.type === 'StageEscalated' && isTimed(after.state.stage)) {
        delta(after.state.stage).overdue = true;
      }
    }
    return [...last.values()].map((tracked) => statisticsRow(tracked, deltas.get(tracked.nominationId)));
  }

  upsertSql(rowsParam: string, guard: string): string {
    const stageColumns = Object.values(STAGE_COLUMNS).flatMap((s) => [
      [`${s}_entered_at`, 'timestamptz'],
      [`${s}_exited_at`, 'timestamptz'],
      [`${s}_days`, 'integer'],
      [`${s}_overdue`, 'boolean'],
    ]);
    const columns = [...DIMENSION_COLUMNS, ...stageColumns];
    const names = columns.map(([c]) => c);
    const merge = Object.values(STAGE_COLUMNS).flatMap((s) => [
      `${s}_entered_at = coalesce(s.${s}_entered_at, EXCLUDED.${s}_entered_at)`,
      `${s}_exited_at = coalesce(EXCLUDED.${s}_exited_at, s.${s}_exited_at)`,
      `${s}_days = CASE WHEN EXCLUDED.${s}_days IS NULL THEN s.${s}_days
        ELSE coalesce(s.${s}_days, 0) + EXCLUDED.${s}_days END`,
      `${s}_overdue = s.${s}_overdue OR EXCLUDED.${s}_overdue`,
    ]);
    return `INSERT INTO ${this.table} AS s (${names.join(', ')})
      SELECT ${names.map((c) => `r.${c}`).join(', ')}
      FROM jsonb_to_recordset(${rowsParam}::text::jsonb) AS r(${columns.map(([c, t]) => `${c} ${t}`).join(', ')})
      WHERE EXISTS (SELECT 1 FROM ${guard})
      ON CONFLICT (nomination_id) DO UPDATE SET ${[
        ...DIMENSION_COLUMNS.filter(([c]) => c !== 'nomination_id').map(([c]) => `${c} = EXCLUDED.${c}`),
        ...merge,
      ].join(', ')}`;
  }

  private calendarOf(state: Exclude<NominationState, { stage: 'Initial' }>): WorkingCalendar {
    const { policy, province, draftedAt } = state.nomination;
    const key = `${policy.id}@${policy.version}`;
    let calendar = this.calendars.get(key);
    if (!calendar) {
      calendar = (
        findPolicy(this.policies, policy.id, policy.version) ?? resolvePolicy(this.policies, province, draftedAt)
      ).calendar;
      this.calendars.set(key, calendar);
    }
    return calendar;
  }
}

/** The event's own instant (the domain's `at`), else (an event the codec could not read) when the store recorded it. */
function eventAt(change: NominationChange): string {
  return change.event?.data.at ?? change.recorded.recordedAt;
}

const DIMENSION_COLUMNS: readonly (readonly [string, string])[] = [
  ['nomination_id', 'text'],
  ['province', 'text'],
  ['block_id', 'text'],
  ['unit_id', 'text'],
  ['nominee_unit_id', 'text'],
  ['campaign_year', 'integer'],
  ['award_type', 'text'],
  ['nominee_kind', 'text'],
  ['nominee_name', 'text'],
  ['nominee_position', 'text'],
  ['front_line', 'boolean'],
  ['hardship_area', 'boolean'],
  ['stage', 'text'],
  ['stage_entered_at', 'timestamptz'],
  ['outcome', 'text'],
  ['decision_number', 'text'],
  ['decision_date', 'date'],
  ['drafted_at', 'timestamptz'],
  ['submitted_at', 'timestamptz'],
  ['version', 'integer'],
];

function statisticsRow(tracked: TrackedNomination, stages: Map<TimedStage, StageDelta> | undefined) {
  const state = tracked.state as Exclude<NominationState, { stage: 'Initial' }>;
  const { nomination } = state;
  const closed = state.stage === 'Closed' ? state : undefined;
  const decision = closed?.decision?.outcome === 'approved' ? closed.decision : undefined;
  const row: Record<string, unknown> = {
    nomination_id: tracked.nominationId,
    province: nomination.province,
    block_id: nomination.blockId,
    unit_id: nomination.proposingUnitId,
    nominee_unit_id: nomination.nominee.unitId,
    campaign_year: nomination.campaignYear,
    award_type: nomination.awardType,
    nominee_kind: nomination.nominee.kind,
    nominee_name: nomination.nominee.name,
    nominee_position: nomination.nominee.position ?? null,
    front_line: nomination.nominee.frontLine === true,
    hardship_area: nomination.nominee.hardshipArea === true,
    stage: state.stage,
    stage_entered_at: tracked.entry.at,
    outcome: closed ? reportedOutcome(closed) : null,
    decision_number: decision?.decisionNumber ?? null,
    decision_date: decision?.decisionDate ?? null,
    drafted_at: nomination.draftedAt,
    submitted_at: nomination.submittedAt ?? null,
    version: tracked.streamVersion,
  };
  for (const [stage, prefix] of Object.entries(STAGE_COLUMNS) as [TimedStage, string][]) {
    const d = stages?.get(stage);
    row[`${prefix}_entered_at`] = d?.enteredAt ?? null;
    row[`${prefix}_exited_at`] = d?.exitedAt ?? null;
    row[`${prefix}_days`] = d?.days ?? null;
    row[`${prefix}_overdue`] = d?.overdue ?? false;
  }
  return row;
}
