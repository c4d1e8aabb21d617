// The statistics query as it was before the `statistics_report` covering index and the single pass for
// totals and stage figures, kept for bench/reports.bench.ts to measure against the current one on the same
// rows, in the same run, and to check that both give the same answers. Not used by the application.
import type { SqlQueryable } from '@laurel/infra/event-store/sql/sql-client';
import { STAGE_COLUMNS } from '@laurel/infra/projections/statistics/statistics.projection';
import type {
  StatisticsCounts,
  StatisticsDimension,
  StatisticsFilter,
  StatisticsReport,
} from '@laurel/infra/projections/statistics/statistics';

/** The indexes the table had then (statistics_by_province instead of statistics_report). */
export function indexesBefore(table: string, suffix: string): string[] {
  return [
    `CREATE INDEX statistics_by_province_${suffix} ON ${table} (province, campaign_year)`,
    `CREATE INDEX statistics_by_year_${suffix} ON ${table} (campaign_year)`,
    `CREATE INDEX statistics_by_block_${suffix} ON ${table} (block_id, campaign_year)`,
    `CREATE INDEX statistics_by_unit_${suffix} ON ${table} (unit_id, campaign_year)`,
    `CREATE INDEX statistics_published_${suffix} ON ${table} (province, campaign_year, decision_date DESC)
      WHERE outcome = 'Awarded'`,
    `CREATE INDEX statistics_in_council_${suffix} ON ${table} (province, stage_entered_at)
      WHERE stage = 'CouncilReview'`,
  ];
}

const DIMENSION_COLUMN: Readonly<Record<StatisticsDimension, string>> = {
  province: 'province',
  block: 'block_id',
  unit: 'unit_id',
  year: 'campaign_year',
  awardType: 'award_type',
  nomineeKind: 'nominee_kind',
  outcome: `coalesce(outcome, 'InProgress')`,
};

/** Only what the aggregates read: the materialised rows stay narrow. */
const READ_COLUMNS = [
  'province',
  'block_id',
  'unit_id',
  'campaign_year',
  'award_type',
  'nominee_kind',
  'outcome',
  'front_line',
  'hardship_area',
  ...Object.values(STAGE_COLUMNS).flatMap((s) => [`${s}_entered_at`, `${s}_days`, `${s}_overdue`]),
].join(', ');

const COUNTS = `count(*)::int AS nominations,
  count(*) FILTER (WHERE outcome = 'Awarded')::int AS awarded,
  count(*) FILTER (WHERE outcome = 'NotAwarded')::int AS not_awarded,
  count(*) FILTER (WHERE outcome = 'Withdrawn')::int AS withdrawn,
  count(*) FILTER (WHERE outcome = 'Expired')::int AS expired,
  count(*) FILTER (WHERE outcome = 'Revoked')::int AS revoked,
  count(*) FILTER (WHERE outcome IS NULL)::int AS in_progress,
  count(*) FILTER (WHERE outcome = 'Awarded' AND nominee_kind = 'individual')::int AS individual_awardees,
  count(*) FILTER (WHERE outcome = 'Awarded' AND nominee_kind = 'collective')::int AS collective_awardees,
  count(*) FILTER (WHERE outcome = 'Awarded' AND nominee_kind = 'individual' AND front_line)::int AS front_line,
  count(*) FILTER (WHERE outcome = 'Awarded' AND nominee_kind = 'individual' AND hardship_area)::int AS hardship`;

interface CountsRow {
  readonly nominations: number;
  readonly awarded: number;
  readonly not_awarded: number;
  readonly withdrawn: number;
  readonly expired: number;
  readonly revoked: number;
  readonly in_progress: number;
  readonly individual_awardees: number;
  readonly collective_awardees: number;
  readonly front_line: number;
  readonly hardship: number;
}

interface ReportRow {
  readonly totals: CountsRow;
  readonly groups: (CountsRow & { readonly k: (string | number | null)[] })[] | null;
  readonly stages: Record<string, number | null>;
}

/**
 * Aggregates over the statistics rows: one statement, one round trip. The
 * filtered rows are materialised once and read three times (groups, totals,
 * stage figures). Shares are of standing individual awards: a revoked award
 * is counted apart, since it no longer stands.
 */
export class StatisticsBefore {
  private readonly table: string;

  constructor(
    private readonly sql: SqlQueryable,
    table: string,
  ) {
    this.table = table;
  }

  async report(filter: StatisticsFilter, groupBy: readonly StatisticsDimension[] = []): Promise<StatisticsReport> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (clause: (p: string) => string, value: unknown): void => {
      if (value === undefined) return;
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    add((p) => `province = ${p}`, filter.province);
    add((p) => `block_id = ${p}`, filter.blockId);
    add((p) => `unit_id = ${p}`, filter.unitId);
    add((p) => `campaign_year = ${p}::int`, filter.campaignYear);
    add((p) => `campaign_year >= ${p}::int`, filter.yearFrom);
    add((p) => `campaign_year <= ${p}::int`, filter.yearTo);
    add((p) => `award_type = ${p}`, filter.awardType);
    add((p) => `nominee_kind = ${p}`, filter.nomineeKind);
    if (filter.outcome === 'InProgress') where.push('outcome IS NULL');
    else add((p) => `outcome = ${p}`, filter.outcome);

    const keys = groupBy.map((d) => DIMENSION_COLUMN[d]);
    const stageFigures = Object.entries(STAGE_COLUMNS).flatMap(([stage, s]) => [
      `'${stage}.entered', count(*) FILTER (WHERE ${s}_entered_at IS NOT NULL)`,
      `'${stage}.completed', count(${s}_days)`,
      `'${stage}.median', percentile_cont(0.5) WITHIN GROUP (ORDER BY ${s}_days)`,
      `'${stage}.overdue', count(*) FILTER (WHERE ${s}_overdue)`,
    ]);
    const groupsSql =
      keys.length === 0
        ? 'NULL::json'
        : `(SELECT json_agg(g ORDER BY g.k) FROM (
            SELECT json_build_array(${keys.join(', ')})::jsonb AS k, ${COUNTS}
            FROM f GROUP BY ${keys.join(', ')}
          ) g)`;
    const rows = await this.sql.query<ReportRow>(
      `WITH f AS MATERIALIZED (
        SELECT ${READ_COLUMNS} FROM ${this.table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      )
      SELECT (SELECT row_to_json(t) FROM (SELECT ${COUNTS} FROM f) t) AS totals,
        ${groupsSql} AS groups,
        (SELECT json_build_object(${stageFigures.join(', ')}) FROM f) AS stages`,
      params,
    );
    const row = rows[0]!;
    return {
      totals: counts(row.totals),
      groups: (row.groups ?? []).map((g) => ({
        key: Object.fromEntries(groupBy.map((d, i) => [d, g.k[i] ?? null])),
        ...counts(g),
      })),
      stages: (Object.keys(STAGE_COLUMNS) as (keyof typeof STAGE_COLUMNS)[]).map((stage) => {
        const entered = Number(row.stages[`${stage}.entered`] ?? 0);
        const overdue = Number(row.stages[`${stage}.overdue`] ?? 0);
        const median = row.stages[`${stage}.median`];
        return {
          stage,
          entered,
          completed: Number(row.stages[`${stage}.completed`] ?? 0),
          medianWorkingDays: median === null || median === undefined ? null : Number(median),
          overdue,
          overdueShare: entered === 0 ? null : overdue / entered,
        };
      }),
    };
  }
}

function counts(row: CountsRow): StatisticsCounts {
  return {
    nominations: row.nominations,
    awarded: row.awarded,
    notAwarded: row.not_awarded,
    withdrawn: row.withdrawn,
    expired: row.expired,
    revoked: row.revoked,
    inProgress: row.in_progress,
    individualAwardees: row.individual_awardees,
    collectiveAwardees: row.collective_awardees,
    frontLineAwardees: row.front_line,
    hardshipAreaAwardees: row.hardship,
    frontLineShare: row.individual_awardees === 0 ? null : row.front_line / row.individual_awardees,
    hardshipAreaShare: row.individual_awardees === 0 ? null : row.hardship / row.individual_awardees,
  };
}
