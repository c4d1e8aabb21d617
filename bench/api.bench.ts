// Read-model benchmark: the task inbox and the projection runner on PostgreSQL.
// `npm run bench:api`; writes bench/results/api.json and prints it.
//
// 1. Fill: nominations spread over 20 blocks of 8 units and a 15-member council,
//    left in every stage, are decided by the domain and appended through the
//    hash-chained store (one append per nomination); the running ProjectionRunner
//    projects them. So the 100,000+ task rows are made by events, as in
//    production, not inserted directly.
// 2. Inbox: ≥ 1,000 `pendingFor` queries for unit heads, council members, the
//    chairman, block leaders and the Board officer, one at a time.
// 3. Under load: 20 writers run whole lifecycles, one append per action, paced
//    at the workflow benchmark's update latency (bench/results/workflow.json);
//    each append is followed by `waitFor(position, 1000)` and a read of the
//    nomination (read-your-writes), while a reader keeps querying inboxes.
//    Lag = time from the store recording an event to the runner committing it.
//
//   DATABASE_URL      PostgreSQL (default the local server); a schema of its own, dropped afterwards
//   BENCH_TASKS       task rows to fill (default 100000)
//   BENCH_QUERIES     inbox queries in phase 2 (default 3000)
//   BENCH_WRITERS     concurrent writers in phase 3 (default 20)
//   BENCH_SECONDS     length of phase 3 (default 20)
//   BENCH_STEP_MS     pace of one writer's actions (default: laurel.updateP50Ms of workflow.json, else 140)
//   BENCH_REBUILD=0   skip timing a full rebuild at the end
//   BENCH_KEEP_SCHEMA=1  leave the schema in place for inspection
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import {
  decide,
  evolve,
  initialState,
  type Actor,
  type NominationCommand,
  type NominationEvent,
  type NominationState,
} from '@laurel/domain';
import { baseEvidence, meritRecord, policy, T0 } from '@laurel/domain/testing/fixtures';
import { ChainedEventStore } from '@laurel/infra/audit/chained-event-store';
import type { EventStore, JsonObject, Position } from '@laurel/infra/event-store/port';
import { PgSqlClient } from '@laurel/infra/event-store/sql/pg-client';
import { SqlEventStore } from '@laurel/infra/event-store/sql/sql-event-store';
import { ProjectionRunner } from '@laurel/infra/projections/runner';
import type { InboxUser } from '@laurel/infra/projections/task-inbox/task-inbox';
import { eventIdFor } from '@laurel/infra/temporal/nomination-activities';

const RESULT_FILE = join(__dirname, 'results', 'api.json');
const WORKFLOW_RESULT_FILE = join(__dirname, 'results', 'workflow.json');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGETS = { inboxP99Ms: 20, lagP99Ms: 50, freshRate: 1 };
/**
 * The store's subscriptions wake on NOTIFY and also poll this often. The poll
 * only matters when a transaction elsewhere on the server (any database) held
 * back catch-up reads and ended without a NOTIFY (event-store/sql/schema.ts).
 */
const STORE_POLL_MS = 50;

const BLOCKS = 20;
const UNITS_PER_BLOCK = 8;
const COUNCIL = 15;
const HOUR = 3_600_000;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

// ─── Figures ────────────────────────────────────────────────────────────────

interface Summary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Nearest-rank percentiles, to 0.01 ms. */
function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted.length === 0
      ? Number.NaN
      : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    count: sorted.length,
    p50Ms: round(at(50)),
    p95Ms: round(at(95)),
    p99Ms: round(at(99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    meanMs: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

// ─── The province ───────────────────────────────────────────────────────────

const blockId = (b: number): string => `block-${String(b).padStart(2, '0')}`;
const unitId = (b: number, u: number): string => `unit-${String(b).padStart(2, '0')}-${u}`;
const unitsOf = (b: number): string[] => Array.from({ length: UNITS_PER_BLOCK }, (_, u) => unitId(b, u));
const officer = (b: number, u: number): Actor => ({
  userId: `officer-${unitId(b, u)}`,
  role: 'unit_officer',
  unitId: unitId(b, u),
  blockId: blockId(b),
});
const head = (b: number, u: number): Actor => ({
  userId: `head-${unitId(b, u)}`,
  role: 'unit_head',
  unitId: unitId(b, u),
  blockId: blockId(b),
});
const leader = (b: number): Actor => ({
  userId: `leader-${blockId(b)}`,
  role: 'block_leader',
  unitId: unitId(b, 0),
  blockId: blockId(b),
});
const councillor = (k: number): Actor => ({ userId: `council-${k}`, role: 'council_member', unitId: `dept-${k}` });
const board: Actor = { userId: 'board-1', role: 'board_officer' };
const chairman: Actor = { userId: 'chairman-1', role: 'chairman' };

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['Thị Hương', 'Văn Bình', 'Thị Lan', 'Minh Tuấn', 'Thu Hà', 'Quốc Anh', 'Ngọc Mai', 'Đức Long'];

/** A deterministic generator, so every run builds the same province. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Target = 'Draft' | 'BlockVote' | 'CouncilReview' | 'ProvincialDecision' | 'Closed';

/** Every command of one nomination up to `target`, with a few partial votes and opinions on the way. */
function lifecycle(id: string, target: Target, random: () => number): NominationCommand[] {
  const b = Math.floor(random() * BLOCKS);
  const u = Math.floor(random() * UNITS_PER_BLOCK);
  const start = Date.parse(T0) + Math.floor(random() * 20 * 24) * HOUR;
  const iso = (hours: number): string => new Date(start + hours * HOUR).toISOString();
  const unit = unitId(b, u);
  const base = { nominationId: id };
  const commands: NominationCommand[] = [
    {
      ...base,
      type: 'DraftNomination',
      actor: officer(b, u),
      at: iso(0),
      nominee: {
        kind: 'individual',
        name: `${FAMILY[Math.floor(random() * FAMILY.length)]} ${GIVEN[Math.floor(random() * GIVEN.length)]}`,
        unitId: unit,
        personId: `p-${id}`,
      },
      awardType: 'ProvincialCertificateOfMerit',
      campaignYear: 2024,
      province: policy.province,
      proposingUnitId: unit,
      blockId: blockId(b),
      achievements: 'Hoàn thành xuất sắc nhiệm vụ năm 2024',
      record: meritRecord,
      evidence: baseEvidence,
    },
  ];
  if (target === 'Draft') return commands;
  commands.push({
    ...base,
    type: 'SubmitNomination',
    actor: head(b, u),
    at: iso(1),
    eligibleVoterUnitIds: unitsOf(b),
    councilMemberCount: COUNCIL,
  });
  const voters = unitsOf(b).filter((v) => v !== unit);
  const voteCount = target === 'BlockVote' ? Math.floor(random() * (voters.length - 1)) : voters.length;
  voters.slice(0, voteCount).forEach((v, i) =>
    commands.push({
      ...base,
      type: 'CastBlockVote',
      actor: head(b, Number(v.split('-')[2])),
      at: iso(2 + i * 0.1),
      choice: 'approve',
    }),
  );
  if (target === 'BlockVote') return commands;
  const opinionCount = target === 'CouncilReview' ? Math.floor(random() * 10) : COUNCIL;
  for (let k = 1; k <= opinionCount; k++) {
    commands.push({
      ...base,
      type: 'RecordCouncilOpinion',
      actor: councillor(k),
      at: iso(30 + k * 0.1),
      recommendation: 'approve',
    });
  }
  if (target === 'CouncilReview') return commands;
  if (target === 'ProvincialDecision') return commands;
  commands.push({
    ...base,
    type: 'IssueDecision',
    actor: chairman,
    at: iso(60),
    outcome: 'approved',
    decisionNumber: '163/QĐ-UBND',
  });
  return commands;
}

function pickTarget(random: () => number): Target {
  const r = random();
  if (r < 0.15) return 'Draft';
  if (r < 0.5) return 'BlockVote';
  if (r < 0.75) return 'CouncilReview';
  if (r < 0.85) return 'ProvincialDecision';
  return 'Closed';
}

/** Runs commands through the decider, as the workflow does, returning the events of each command. */
function decideAll(commands: readonly NominationCommand[]): { events: NominationEvent[][]; state: NominationState } {
  let state = initialState;
  const events: NominationEvent[][] = [];
  for (const command of commands) {
    const decision = decide(state, command, policy);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.message}`);
    events.push(decision.events);
    state = decision.events.reduce(evolve, state);
  }
  return { events, state };
}

function toAppend(streamName: string, firstVersion: number, events: readonly NominationEvent[], actor: Actor) {
  return events.map((event, i) => ({
    id: eventIdFor(`${streamName}@${firstVersion + i}`),
    type: event.type,
    data: event.data as unknown as JsonObject,
    metadata: {
      actor: { ...actor },
      workflowId: streamName,
      runId: 'bench',
      causationId: `bench:${streamName}@${firstVersion}`,
      correlationId: streamName.slice('nomination-'.length),
      schemaVersion: 1,
    },
  }));
}

async function inParallel<T>(items: readonly T[], workers: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

// ─── Phases ─────────────────────────────────────────────────────────────────

async function fill(store: EventStore, runner: ProjectionRunner, sql: PgSqlClient, targetTasks: number) {
  const random = rng(20241202);
  let nominations = 0;
  let events = 0;
  let appendMs = 0;
  let tasks = 0;
  const started = performance.now();
  while (tasks < targetTasks) {
    const batch = Array.from({ length: 500 }, () => `fill-${String(nominations++).padStart(6, '0')}`);
    const histories = batch.map((id) => {
      const { events: perCommand } = decideAll(lifecycle(id, pickTarget(random), random));
      return { id, events: perCommand.flat() };
    });
    const appendStarted = performance.now();
    let last: Position | undefined;
    await inParallel(histories, 8, async ({ id, events: history }) => {
      const stream = `nomination-${id}`;
      // A whole history in one append: the fill is about the read model's size, not the write path.
      const result = await store.append(stream, toAppend(stream, 1, history, board), 0);
      events += history.length;
      if (!last || result.position.commit > last.commit) last = result.position;
    });
    appendMs += performance.now() - appendStarted;
    if (!(await runner.waitFor(last!, 120_000))) throw new Error('the runner did not catch up with the fill');
    tasks = Number(
      (await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${runner.tables.taskInbox}`))[0]!.n,
    );
    process.stdout.write(`\rfill: ${nominations} nominations, ${events} events, ${tasks} tasks`);
  }
  process.stdout.write('\n');
  const byStatus = await sql.query<{ status: string; n: string }>(
    `SELECT status, count(*)::text AS n FROM ${runner.tables.taskInbox} GROUP BY status ORDER BY status`,
  );
  await sql.query(`ANALYZE ${runner.tables.taskInbox}`);
  await sql.query(`ANALYZE ${runner.tables.nominationList}`);
  const wallMs = performance.now() - started;
  return {
    method:
      'events: decided by the domain, appended through ChainedEventStore (one append per nomination), projected by the running ProjectionRunner',
    nominations,
    events,
    tasks,
    tasksByStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
    blocks: BLOCKS,
    unitsPerBlock: UNITS_PER_BLOCK,
    councilMembers: COUNCIL,
    wallSeconds: round(wallMs / 1000, 1),
    appendSeconds: round(appendMs / 1000, 1),
    eventsPerSecond: Math.round(events / (wallMs / 1000)),
  };
}

/** The users whose inboxes are queried, by kind, drawn at random per query. */
function userPicker(random: () => number): () => { kind: string; user: InboxUser } {
  const kinds: [string, number, () => InboxUser][] = [
    ['unit_head', 0.4, () => head(Math.floor(random() * BLOCKS), Math.floor(random() * UNITS_PER_BLOCK))],
    ['council_member', 0.3, () => councillor(1 + Math.floor(random() * COUNCIL))],
    ['chairman', 0.15, () => chairman],
    ['block_leader', 0.1, () => leader(Math.floor(random() * BLOCKS))],
    ['board_officer', 0.05, () => board],
  ];
  return () => {
    let r = random();
    for (const [kind, share, make] of kinds) {
      if (r < share) return { kind, user: { ...make(), province: policy.province } };
      r -= share;
    }
    return { kind: 'unit_head', user: head(0, 1) };
  };
}

async function measureInbox(runner: ProjectionRunner, queries: number) {
  const pick = userPicker(rng(7));
  // Warm the connection pool and the prepared statements.
  for (let i = 0; i < 50; i++) await runner.taskInbox.pendingFor(pick().user, { limit: 50 });
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  const sizes = new Map<string, number[]>();
  const nextPage: number[] = [];
  for (let i = 0; i < queries; i++) {
    const { kind, user } = pick();
    const started = performance.now();
    const page = await runner.taskInbox.pendingFor(user, { limit: 50 });
    const ms = performance.now() - started;
    all.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    sizes.set(kind, [...(sizes.get(kind) ?? []), page.items.length]);
    if (page.nextCursor && i % 10 === 0) {
      const second = performance.now();
      await runner.taskInbox.pendingFor(user, { limit: 50, after: page.nextCursor });
      nextPage.push(performance.now() - second);
    }
  }
  const done: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await runner.taskInbox.doneBy(councillor(1 + (i % COUNCIL)), { limit: 50 });
    done.push(performance.now() - started);
  }
  const list: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await runner.nominations.list(i % 2 === 0 ? { blockId: blockId(i % BLOCKS) } : { stage: 'CouncilReview' }, {
      limit: 50,
    });
    list.push(performance.now() - started);
  }
  return {
    all: summarise(all),
    byRole: Object.fromEntries([...byKind].map(([kind, values]) => [kind, summarise(values)])),
    meanPageSize: Object.fromEntries(
      [...sizes].map(([kind, values]) => [kind, round(values.reduce((a, b) => a + b, 0) / values.length, 1)]),
    ),
    secondPage: summarise(nextPage),
    doneBy: summarise(done),
    nominationList: summarise(list),
  };
}

async function measureUnderLoad(
  store: EventStore,
  sql: PgSqlClient,
  runner: ProjectionRunner,
  lags: number[],
  options: { writers: number; seconds: number; stepMs: number },
) {
  const random = rng(99);
  const deadline = performance.now() + options.seconds * 1000;
  const appendMs: number[] = [];
  const waitMs: number[] = [];
  let attempts = 0;
  let fresh = 0;
  let appends = 0;
  let lifecycles = 0;
  const stale: string[] = [];
  lags.length = 0;

  async function writer(w: number): Promise<void> {
    for (let n = 0; performance.now() < deadline; n++) {
      const id = `load-${w}-${n}`;
      const commands = lifecycle(id, 'Closed', random);
      const stream = `nomination-${id}`;
      let state: NominationState = initialState;
      for (const command of commands) {
        if (performance.now() >= deadline) return;
        const stepStarted = performance.now();
        const decision = decide(state, command, policy);
        if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code}`);
        const appendStarted = performance.now();
        const result = await store.append(
          stream,
          toAppend(stream, state.version + 1, decision.events, command.actor),
          state.version,
        );
        const appended = performance.now();
        appendMs.push(appended - appendStarted);
        appends++;
        state = decision.events.reduce(evolve, state);
        // Read-your-writes as the API does it: wait for the position, then read.
        attempts++;
        const reached = await runner.waitFor(result.position, 1000);
        waitMs.push(performance.now() - appended);
        if (reached) {
          const row = await runner.nominations.byId(id);
          if (row && row.version >= result.nextVersion) fresh++;
          else stale.push(`${id}@${result.nextVersion}: read version ${row?.version ?? 'none'}`);
        } else {
          stale.push(`${id}@${result.nextVersion}: waitFor timed out`);
        }
        const rest = options.stepMs - (performance.now() - stepStarted);
        if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
      }
      lifecycles++;
    }
  }

  // A reader querying inboxes while the writers work.
  const underLoad: number[] = [];
  const pick = userPicker(rng(11));
  async function reader(): Promise<void> {
    while (performance.now() < deadline) {
      const started = performance.now();
      await runner.taskInbox.pendingFor(pick().user, { limit: 50 });
      underLoad.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  // Transactions of other databases on the same server hold back catch-up
  // reads too; sampled so that a spike in the lag can be told apart.
  const foreign = { samples: 0, seen: 0, maxMs: 0 };
  async function watchServer(): Promise<void> {
    while (performance.now() < deadline) {
      const rows = await sql.query<{ n: number; max_ms: number | null }>(
        `SELECT count(*)::integer AS n, (extract(epoch FROM max(now() - xact_start)) * 1000)::float8 AS max_ms
         FROM pg_stat_activity
         WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()
           AND now() - xact_start > interval '20 milliseconds'`,
      );
      foreign.samples++;
      if ((rows[0]?.n ?? 0) > 0) {
        foreign.seen++;
        foreign.maxMs = Math.max(foreign.maxMs, Math.round(rows[0]?.max_ms ?? 0));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const started = performance.now();
  await Promise.all([...Array.from({ length: options.writers }, (_, w) => writer(w)), reader(), watchServer()]);
  const wallMs = performance.now() - started;
  return {
    writers: options.writers,
    stepMs: options.stepMs,
    seconds: round(wallMs / 1000, 1),
    appends,
    appendsPerSecond: Math.round(appends / (wallMs / 1000)),
    completedLifecycles: lifecycles,
    lag: summarise(lags),
    append: summarise(appendMs),
    appendToVisible: summarise(waitMs),
    freshRate: attempts === 0 ? Number.NaN : round(fresh / attempts, 4),
    freshAttempts: attempts,
    staleExamples: stale.slice(0, 5),
    inboxUnderLoad: summarise(underLoad),
    otherDatabasesLongTransactions: foreign,
  };
}

async function stepPace(): Promise<{ stepMs: number; source: string }> {
  const fromEnv = process.env['BENCH_STEP_MS']?.trim();
  if (fromEnv) return { stepMs: positiveInt('BENCH_STEP_MS', 140), source: 'BENCH_STEP_MS' };
  try {
    const workflow = JSON.parse(await readFile(WORKFLOW_RESULT_FILE, 'utf8')) as { laurel?: { updateP50Ms?: number } };
    const p50 = workflow.laurel?.updateP50Ms;
    if (typeof p50 === 'number' && p50 > 0)
      return { stepMs: Math.round(p50), source: 'workflow.json laurel.updateP50Ms' };
  } catch {
    // No workflow result yet: the default below.
  }
  return { stepMs: 140, source: 'default' };
}

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL']?.trim() || DEFAULT_DATABASE_URL;
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.end();
  } catch (error) {
    throw new Error(`bench:api measures PostgreSQL and could not reach it at DATABASE_URL: ${String(error)}`, {
      cause: error,
    });
  }

  // Other work on the machine shows in the tails; the load averages tell a reader how quiet it was.
  const loadAtStart = loadavg()[0] ?? 0;
  const schema = `bench_api_${process.pid}`;
  const sql = new PgSqlClient({ connectionString: url, poolSize: 40 });
  const lags: number[] = [];
  let runner: ProjectionRunner | undefined;
  let raw: SqlEventStore | undefined;
  try {
    raw = await SqlEventStore.create(sql, { schema, closeClient: false, pollIntervalMs: STORE_POLL_MS });
    const store = new ChainedEventStore(raw);
    runner = await ProjectionRunner.create({
      store,
      sql,
      schema,
      onApplied: (_event, lagMs) => lags.push(lagMs),
      onError: (error) => console.error('runner error:', error),
    });
    await runner.start();

    const targetTasks = positiveInt('BENCH_TASKS', 100_000);
    const fillResult = await fill(store, runner, sql, targetTasks);
    console.log(`inbox: ${positiveInt('BENCH_QUERIES', 3000)} queries…`);
    const inbox = await measureInbox(runner, positiveInt('BENCH_QUERIES', 3000));
    const pace = await stepPace();
    const writers = positiveInt('BENCH_WRITERS', 20);
    const seconds = positiveInt('BENCH_SECONDS', 20);
    console.log(`load: ${writers} writers for ${seconds} s, one action per ${pace.stepMs} ms each…`);
    const load = await measureUnderLoad(store, sql, runner, lags, { writers, seconds, stepMs: pace.stepMs });

    let rebuild: Record<string, number> | undefined;
    if (process.env['BENCH_REBUILD']?.trim() !== '0') {
      console.log('rebuild…');
      let shown = 0;
      const result = await runner.rebuild({
        onProgress: (p) => {
          if (p.done - shown < 10_000 && p.done !== p.total) return;
          shown = p.done;
          process.stdout.write(`\rrebuild: ${p.done}/${p.total ?? '?'} events`);
        },
      });
      process.stdout.write('\n');
      rebuild = {
        events: result.events,
        nominations: result.nominations,
        tasks: result.tasks,
        seconds: round(result.durationMs / 1000, 1),
        eventsPerSecond: Math.round(result.events / (result.durationMs / 1000)),
      };
    }

    const results = {
      tasks: fillResult.tasks,
      inboxP50Ms: inbox.all.p50Ms,
      inboxP99Ms: inbox.all.p99Ms,
      lagP50Ms: load.lag.p50Ms,
      lagP99Ms: load.lag.p99Ms,
      freshRate: load.freshRate,
      targets: {
        inboxP99Ms: {
          target: `<= ${TARGETS.inboxP99Ms}`,
          value: inbox.all.p99Ms,
          met: inbox.all.p99Ms <= TARGETS.inboxP99Ms,
        },
        lagP99Ms: { target: `<= ${TARGETS.lagP99Ms}`, value: load.lag.p99Ms, met: load.lag.p99Ms <= TARGETS.lagP99Ms },
        freshRate: {
          target: `= ${TARGETS.freshRate}`,
          value: load.freshRate,
          met: load.freshRate >= TARGETS.freshRate,
        },
      },
      fill: fillResult,
      inbox,
      load: { ...load, paceSource: pace.source, storePollIntervalMs: STORE_POLL_MS },
      ...(rebuild ? { rebuild } : {}),
      database: 'postgres',
      lagDefinition: 'event recordedAt (the append transaction start, database clock) to the runner committing it',
      freshDefinition:
        'append, then waitFor(position, 1000) true and a read of the nomination showing the appended version',
      machine: {
        loadAverage1m: { atStart: round(loadAtStart), atEnd: round(loadavg()[0] ?? 0) },
        cores: cpus().length,
        cpu: cpus()[0]?.model.trim() ?? 'unknown',
        node: process.version,
        platform: process.platform,
      },
      measuredAt: new Date().toISOString(),
    };
    await writeFile(RESULT_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await runner?.stop();
    await raw?.close();
    if (process.env['BENCH_KEEP_SCHEMA'] === '1') console.log(`kept schema ${schema}`);
    else await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await sql.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
