import type { SqlQueryable } from '../../event-store/sql/sql-client';
import type { ProjectionTables } from '../schema';
import { STAGE_COLUMNS } from './statistics.projection';

/** The dimensions a report is cut by. */
export const STATISTICS_DIMENSIONS = [
  'province',
  'block',
  'unit',
  'year',
  'awardType',
  'nomineeKind',
  'outcome',
] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

/** `InProgress`: not closed yet. The others are the API's reported outcomes. */
export const STATISTICS_OUTCOMES = ['Awarded', 'NotAwarded', 'Withdrawn', 'Expired', 'Revoked', 'InProgress'] as const;
export type StatisticsOutcome = (typeof STATISTICS_OUTCOMES)[number];

export interface StatisticsFilter {
  readonly province?: string;
  readonly blockId?: string;
  /** The proposing unit. */
  readonly unitId?: string;
  readonly campaignYear?: number;
  /** A period of campaign years (e.g. 2020–2025), both ends included. */
  readonly yearFrom?: number;
  readonly yearTo?: number;
  readonly awardType?: string;
  readonly nomineeKind?: 'individual' | 'collective';
  readonly outcome?: StatisticsOutcome;
}

export interface StatisticsCounts {
  readonly nominations: number;
  readonly awarded: number;
  readonly notAwarded: number;
  readonly withdrawn: number;
  readonly expired: number;
  readonly revoked: number;
  readonly inProgress: number;
  /** Standing awards (outcome Awarded) to individuals and to collectives. */
  readonly individualAwardees: number;
  readonly collectiveAwardees: number;
  readonly frontLineAwardees: number;
  readonly hardshipAreaAwardees: number;
  /** frontLineAwardees / individualAwardees; null when there is no individual awardee. */
  readonly frontLineShare: number | null;
  readonly hardshipAreaShare: number | null;
}

export interface StatisticsGroup extends StatisticsCounts {
  /** The group's value of each `groupBy` dimension (ids and codes; the caller names them). */
  readonly key: Readonly<Partial<Record<StatisticsDimension, string | number | null>>>;
}

export interface StageFigures {
  readonly stage: keyof typeof STAGE_COLUMNS;
  /** Nominations that entered the stage. */
  readonly entered: number;
  /** Of those, the ones with at least one visit ended (the median counts these). */
  readonly completed: number;
  /** Median working days spent in the stage (visits summed per nomination); null when none completed. */
  readonly medianWorkingDays: number | null;
  /** Nominations whose visit ran past its deadline or was escalated. */
  readonly overdue: number;
  /** overdue / entered; null when none entered. */
  readonly overdueShare: number | null;
}

export interface StatisticsReport {
  readonly totals: StatisticsCounts;
  readonly groups: readonly StatisticsGroup[];
  readonly stages: readonly StageFigures[];
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

/** Only what the aggregates read; the `statistics_report` index includes each of them (schema.ts). */
export const STATISTICS_READ_COLUMNS: readonly string[] = [
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
];
const READ_COLUMNS = STATISTICS_READ_COLUMNS.join(', ');

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
  /** Totals and the stage figures, from one pass over the filtered rows. */
  readonly summary: CountsRow & Record<string, number | null>;
  readonly groups: (CountsRow & { readonly k: (string | number | null)[] })[] | null;
}

/**
 * Aggregates over the statistics rows: one statement, one round trip.
 *
 * Every column read here is in the `statistics_report` index (province and
 * year, the rest included), so a province's year is an index-only range scan
 * rather than a heap visit per row: the rows of one province and year lie
 * scattered over most of the table's pages. Totals and stage figures come
 * from one aggregate over that range; with a `groupBy` the range is
 * materialised and read a second time for the groups. Shares are of standing
 * individual awards: a revoked award is counted apart, since it no longer
 * stands.
 */
export class Statistics {
  private readonly table: string;

  constructor(
    private readonly sql: SqlQueryable,
    tables: ProjectionTables,
  ) {
    this.table = tables.statistics;
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
    const stageFigures = Object.values(STAGE_COLUMNS).flatMap((s) => [
      `count(*) FILTER (WHERE ${s}_entered_at IS NOT NULL)::int AS "${s}.entered"`,
      `count(${s}_days)::int AS "${s}.completed"`,
      `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${s}_days) AS "${s}.median"`,
      `count(*) FILTER (WHERE ${s}_overdue)::int AS "${s}.overdue"`,
    ]);
    const filtered = `SELECT ${READ_COLUMNS} FROM ${this.table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`;
    const source = keys.length === 0 ? `(${filtered}) f` : 'f';
    const summarySql = `(SELECT row_to_json(t) FROM (SELECT ${COUNTS}, ${stageFigures.join(', ')} FROM ${source}) t)`;
    const rows = await this.sql.query<ReportRow>(
      keys.length === 0
        ? `SELECT ${summarySql} AS summary, NULL::json AS groups`
        : `WITH f AS MATERIALIZED (${filtered})
          SELECT ${summarySql} AS summary,
            (SELECT json_agg(g ORDER BY g.k) FROM (
              SELECT json_build_array(${keys.join(', ')})::jsonb AS k, ${COUNTS}
              FROM f GROUP BY ${keys.join(', ')}
            ) g) AS groups`,
      params,
    );
    const row = rows[0]!;
    const summary = row.summary;
    return {
      totals: counts(summary),
      groups: (row.groups ?? []).map((g) => ({
        key: Object.fromEntries(groupBy.map((d, i) => [d, g.k[i] ?? null])),
        ...counts(g),
      })),
      stages: (Object.entries(STAGE_COLUMNS) as [keyof typeof STAGE_COLUMNS, string][]).map(([stage, s]) => {
        const entered = Number(summary[`${s}.entered`] ?? 0);
        const overdue = Number(summary[`${s}.overdue`] ?? 0);
        const median = summary[`${s}.median`];
        return {
          stage,
          entered,
          completed: Number(summary[`${s}.completed`] ?? 0),
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
