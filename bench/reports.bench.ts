// Statistics and annual-report benchmark on PostgreSQL.
// `npm run bench:reports`; writes bench/results/reports.json and prints it.
//
// 1. Fill: 100,000 statistics rows (one per nomination) are written straight
//    into the projection's table with one INSERT … SELECT over
//    generate_series, in a fresh database: 5 provinces × 20 blocks × 8 units,
//    campaign years 2021–2025, the four awards, 70 % individuals (40 % front
//    line, 20 % hardship area), every outcome, working days per stage. Events
//    would give the same rows (the projection test checks that path); the
//    benchmark measures the queries, not the runner.
// 2. Statistics: the queries the screens send, one at a time: a Board
//    officer's province and year cut by nothing, unit, award × kind, outcome
//    and block, in turn (p50/p99). The admin's whole-country query (every row,
//    by province) is measured too and reported beside it. The same rows are
//    copied into a second table with the indexes of before the
//    `statistics_report` covering index, and the query of then
//    (support/statistics-before.ts) runs there, alternating with the current
//    one, so the machine's load weighs on both alike; every pair of answers
//    must be equal. EXPLAIN (ANALYZE, BUFFERS) of one query of each gives the
//    counts that do not depend on load: pages read, heap fetches.
// 3. Annual report: the XLSX of one year for every province (5 sheets), built
//    from the same aggregates, timed end to end.
//
//   DATABASE_URL        PostgreSQL server (default the local one); a database of its own, dropped afterwards
//   BENCH_NOMINATIONS   rows to fill (default 100000)
//   BENCH_QUERIES       statistics queries in phase 2 (default 1000)
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { PgSqlClient } from '@laurel/infra/event-store/sql/pg-client';
import { projectionTables } from '@laurel/infra/projections/schema';
import { Statistics, type StatisticsDimension } from '@laurel/infra/projections/statistics/statistics';
import { isDeepStrictEqual } from 'node:util';
import { buildAnnualReport } from '../apps/api/src/statistics/annual-report/annual-report.workbook';
import { indexesBefore, StatisticsBefore } from './support/statistics-before';
import type { SqlQueryable } from '@laurel/infra/event-store/sql/sql-client';

const RESULT_FILE = join(__dirname, 'results', 'reports.json');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGETS = { statisticsP99Ms: 50, annualReportSeconds: 10 };
const PROVINCES = ['ninh-thuan', 'lao-cai', 'ha-tinh', 'lang-son', 'yen-bai'];
const YEAR = 2025;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}

/** Deterministic pseudo-random columns from the row number, so every run fills the same table. */
export function fillSql(table: string, n: number): string {
  const r = (salt: number) => `((i * ${salt} + ${salt * 7}) % 1000)`;
  const days = (salt: number, spread: number) => `(${r(salt)} % ${spread})`;
  return `INSERT INTO ${table} (nomination_id, province, block_id, unit_id, nominee_unit_id, campaign_year, award_type,
      nominee_kind, nominee_name, nominee_position, front_line, hardship_area, stage, stage_entered_at, outcome,
      decision_number, decision_date, drafted_at, submitted_at, version,
      block_vote_entered_at, block_vote_exited_at, block_vote_days, block_vote_overdue,
      council_review_entered_at, council_review_exited_at, council_review_days, council_review_overdue,
      supplement_entered_at, supplement_exited_at, supplement_days, supplement_overdue,
      decision_entered_at, decision_exited_at, decision_days, decision_overdue)
    SELECT 'bench-' || i,
      (ARRAY[${PROVINCES.map((p) => `'${p}'`).join(', ')}])[1 + i % ${PROVINCES.length}],
      'block-' || (i % ${PROVINCES.length}) || '-' || ((i / 7) % 20),
      'unit-' || (i % ${PROVINCES.length}) || '-' || ((i / 7) % 20) || '-' || ((i / 3) % 8),
      'unit-' || (i % ${PROVINCES.length}) || '-' || ((i / 7) % 20) || '-' || ((i / 3) % 8),
      2021 + (i / 11) % 5,
      (ARRAY['ProvincialEmulationFlag','ProvincialEmulationFighter','ExcellentLabourCollective',
        'ProvincialCertificateOfMerit'])[1 + ${r(13)} % 4],
      CASE WHEN ${r(17)} < 700 THEN 'individual' ELSE 'collective' END,
      'Người được đề nghị ' || i, 'Chuyên viên',
      ${r(17)} < 700 AND ${r(19)} < 400, ${r(17)} < 700 AND ${r(23)} < 200,
      CASE WHEN ${r(29)} < 900 THEN 'Closed' ELSE 'CouncilReview' END, now(),
      CASE WHEN ${r(29)} >= 900 THEN NULL WHEN ${r(31)} < 650 THEN 'Awarded' WHEN ${r(31)} < 800 THEN 'NotAwarded'
        WHEN ${r(31)} < 900 THEN 'Withdrawn' WHEN ${r(31)} < 980 THEN 'Expired' ELSE 'Revoked' END,
      (100 + i % 400) || '/QĐ-UBND', DATE '2025-01-01' + (i % 330), now(), now(), 20,
      now(), now(), ${days(37, 12)}, ${r(37)} % 12 > 10,
      now(), now(), ${days(41, 25)}, ${r(41)} % 25 > 20,
      CASE WHEN ${r(43)} < 150 THEN now() END, CASE WHEN ${r(43)} < 150 THEN now() END,
        CASE WHEN ${r(43)} < 150 THEN ${days(43, 12)} END, ${r(43)} < 15,
      now(), now(), ${days(47, 14)}, ${r(47)} % 14 > 10
    FROM generate_series(1, ${n}) AS i`;
}

async function main(): Promise<void> {
  const nominations = positiveInt('BENCH_NOMINATIONS', 100_000);
  const queries = positiveInt('BENCH_QUERIES', 1000);
  const adminUrl = process.env['DATABASE_URL']?.trim() || DEFAULT_DATABASE_URL;
  const database = `laurel_bench_reports_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`bench:reports measures PostgreSQL and could not reach it at DATABASE_URL: ${String(error)}`, {
      cause: error,
    });
  }
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const sql = new PgSqlClient({ connectionString: url.toString(), poolSize: 4 });
  const loadAtStart = loadavg()[0] ?? 0;
  try {
    const tables = projectionTables('laurel');
    await sql.transaction(async (tx) => {
      for (const statement of tables.createSchema) await tx.query(statement);
    });
    let started = performance.now();
    await sql.query(fillSql(tables.statistics, nominations));
    const before = `"laurel".statistics_before`;
    await sql.query(`CREATE TABLE ${before} (LIKE ${tables.statistics} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await sql.query(`INSERT INTO ${before} SELECT * FROM ${tables.statistics}`);
    await sql.query(`ALTER TABLE ${before} ADD PRIMARY KEY (nomination_id)`);
    for (const statement of indexesBefore(before, 'before')) await sql.query(statement);
    // As autovacuum leaves a table after its inserts: the visibility map set, so index-only scans need no
    // heap visit (EXPLAIN's Heap Fetches says whether they did).
    await sql.query(`VACUUM ANALYZE ${tables.statistics}`);
    await sql.query(`VACUUM ANALYZE ${before}`);
    const fillSeconds = (performance.now() - started) / 1000;

    const statistics = new Statistics(sql, tables);
    const statisticsBefore = new StatisticsBefore(sql, before);
    const cuts: StatisticsDimension[][] = [[], ['unit'], ['awardType', 'nomineeKind'], ['outcome'], ['block']];
    // Warm up (plans, caches), as a running server would be.
    for (let i = 0; i < 20; i++) {
      await statistics.report({ province: PROVINCES[i % 5]!, campaignYear: YEAR }, cuts[i % 5]!);
      await statisticsBefore.report({ province: PROVINCES[i % 5]!, campaignYear: YEAR }, cuts[i % 5]!);
    }
    const scoped: number[] = [];
    const scopedBefore: number[] = [];
    let mismatches = 0;
    for (let i = 0; i < queries; i++) {
      const filter = { province: PROVINCES[i % PROVINCES.length]!, campaignYear: 2021 + (i % 5) };
      const cut = cuts[i % cuts.length]!;
      // Alternate which goes first, so neither always runs on the other's warmed cache.
      const order = i % 2 === 0 ? (['after', 'before'] as const) : (['before', 'after'] as const);
      const answers: Record<string, unknown> = {};
      for (const which of order) {
        const t = performance.now();
        answers[which] = await (which === 'after' ? statistics : statisticsBefore).report(filter, cut);
        (which === 'after' ? scoped : scopedBefore).push(performance.now() - t);
      }
      if (!isDeepStrictEqual(answers['after'], answers['before'])) mismatches++;
    }
    const whole: number[] = [];
    const wholeBefore: number[] = [];
    for (let i = 0; i < Math.max(20, Math.floor(queries / 10)); i++) {
      let t = performance.now();
      const after = await statistics.report({}, ['province']);
      whole.push(performance.now() - t);
      t = performance.now();
      const answerBefore = await statisticsBefore.report({}, ['province']);
      wholeBefore.push(performance.now() - t);
      if (!isDeepStrictEqual(after, answerBefore)) mismatches++;
    }
    if (mismatches > 0) throw new Error(`${mismatches} statistics answers differ between the query before and now`);
    const explainFilter = { province: PROVINCES[0]!, campaignYear: YEAR };
    const explained = {
      before: await explain(sql, (q) => new StatisticsBefore(q, before).report(explainFilter, ['unit'])),
      after: await explain(sql, (q) => new Statistics(q, tables).report(explainFilter, ['unit'])),
    };
    const rows = await sql.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${tables.statistics} WHERE province = $1 AND campaign_year = $2`,
      [PROVINCES[0], YEAR],
    );

    started = performance.now();
    const workbook = await buildAnnualReport({
      year: YEAR,
      provinces: PROVINCES.map((id) => ({ id, name: id })),
      lang: 'vi',
      source: (filter, groupBy) => statistics.report(filter, groupBy),
      unitName: (id) => `Đơn vị ${id}`,
    });
    const annualReportSeconds = Math.round(((performance.now() - started) / 1000) * 1000) / 1000;

    const scopedSummary = summary(scoped);
    const wholeSummary = summary(whole);
    const scopedBeforeSummary = summary(scopedBefore);
    const wholeBeforeSummary = summary(wholeBefore);
    const result = {
      nominations,
      statisticsP99Ms: scopedSummary.p99Ms,
      annualReportSeconds,
      targets: TARGETS,
      met: {
        statisticsP99Ms: scopedSummary.p99Ms <= TARGETS.statisticsP99Ms,
        annualReportSeconds: annualReportSeconds <= TARGETS.annualReportSeconds,
      },
      statistics: {
        scopedToProvinceAndYear: { ...scopedSummary, rowsPerProvinceYear: Number(rows[0]?.n ?? 0) },
        wholeCountryByProvince: wholeSummary,
        before: {
          what:
            'the same queries, alternating with the ones above on a copy of the rows, with the query and indexes ' +
            'of before the statistics_report covering index; every answer equal',
          scopedToProvinceAndYear: scopedBeforeSummary,
          wholeCountryByProvince: wholeBeforeSummary,
        },
        explainOneProvinceYearByUnit: explained,
      },
      annualReport: { provinces: PROVINCES.length, year: YEAR, bytes: workbook.length },
      fillSeconds: Math.round(fillSeconds * 100) / 100,
      method:
        `${nominations} statistics rows written straight into the projection table of a fresh PostgreSQL database ` +
        `(${PROVINCES.length} provinces × 20 blocks × 8 units, years 2021–2025); ${queries} statistics queries one at a ` +
        'time as a Board officer sends them (one province and year; no grouping, by unit, by award × kind, by ' +
        'outcome, by block, in turn), after 20 warm-up queries: statisticsP99Ms is their p99, each query one ' +
        'statement (totals, groups and stage medians). The whole-country query over every row is reported beside ' +
        'it. annualReportSeconds: the XLSX of one year for every province, from the same aggregates, timed end to end.',
      environment: {
        node: process.version,
        cpus: cpus().length,
        loadAverageAtStart: Math.round(loadAtStart * 100) / 100,
        loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
        postgres: (await sql.query<{ v: string }>('SHOW server_version'))[0]?.v,
      },
      measuredAt: new Date().toISOString(),
    };
    await writeFile(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await sql.close();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly 'Actual Rows'?: number;
  readonly 'Heap Fetches'?: number;
  readonly 'Exact Heap Blocks'?: number;
  readonly Plans?: readonly PlanNode[];
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the one statement `run` sends: the scan of the table (node, index, rows,
 * heap pages or heap fetches) and the shared buffers the statement touched. These do not depend on load.
 */
async function explain(
  sql: SqlQueryable,
  run: (q: SqlQueryable) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  let plan: { Plan: PlanNode & { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number } } | undefined;
  let executionMs = 0;
  const capturing: SqlQueryable = {
    query: async <R extends object>(text: string, params?: readonly unknown[]): Promise<R[]> => {
      const out = await sql.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, params);
      const raw = out[0]!['QUERY PLAN'];
      const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [
        { Plan: NonNullable<typeof plan>['Plan']; 'Execution Time': number },
      ];
      plan = parsed[0];
      executionMs = parsed[0]['Execution Time'];
      return sql.query<R>(text, params);
    },
  } as SqlQueryable;
  await run(capturing);
  const scans: Record<string, unknown>[] = [];
  const walk = (node: PlanNode): void => {
    if (node['Relation Name'] !== undefined) {
      scans.push({
        node: node['Node Type'],
        ...(node['Index Name'] ? { index: node['Index Name'] } : {}),
        rows: node['Actual Rows'],
        ...(node['Exact Heap Blocks'] !== undefined ? { heapPages: node['Exact Heap Blocks'] } : {}),
        ...(node['Heap Fetches'] !== undefined ? { heapFetches: node['Heap Fetches'] } : {}),
      });
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan!.Plan);
  return {
    tableScans: scans,
    sharedBuffers: (plan!.Plan['Shared Hit Blocks'] ?? 0) + (plan!.Plan['Shared Read Blocks'] ?? 0),
    executionMsUnderExplain: Math.round(executionMs * 100) / 100,
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
