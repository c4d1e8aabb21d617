/**
 * Event store throughput on PGlite and PostgreSQL: appends (1 and 16 writers,
 * each writer on its own streams, through ChainedEventStore as the apps do),
 * batches of 10, readAll and chain verification over at least 50,000 events.
 *
 *   npm run bench:store            (DATABASE_URL defaults to the local server)
 *
 * Writes bench/results/store.json and prints it. PostgreSQL runs in a fresh
 * database that is dropped afterwards; PGlite in a fresh temporary folder.
 *
 * On PostgreSQL the same run also measures a plain baseline: 16 clients each
 * committing single-row INSERTs of the same payload into a one-table schema.
 * Laurel's 16-writer appends are reported as a ratio of it, in rounds that
 * alternate which goes first, so the figure holds still when the machine's
 * speed does not. SQL statements per append are counted beside the rates,
 * for a lone writer and for 16, with the mean group size (appends per round
 * trip) that group commit reaches under 16 writers.
 *
 * A few lines over 400: the baseline and the two stores run in one process
 * so their rounds can alternate.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChainedEventStore, verifyAll } from '../infra/audit';
import type { EventStore, EventToAppend } from '../infra/event-store/port';
import { PgSqlClient } from '../infra/event-store/sql/pg-client';
import { PgliteSqlClient } from '../infra/event-store/sql/pglite-client';
import { SqlEventStore, type AppendBatchInfo } from '../infra/event-store/sql/sql-event-store';
import { Pool } from 'pg';
import { createTestDatabase, databaseUrlFrom, probePostgresSync } from '../test/support/postgres';
import { StatementCounter } from './support/statement-counter';

const DURATION_MS = Number(process.env['BENCH_DURATION_MS'] ?? 3000);
const READ_EVENTS = Number(process.env['BENCH_READ_EVENTS'] ?? 60_000);
const WRITERS = 16;
const EVENTS_PER_STREAM = 25;
/** Baseline and Laurel pairs, alternating which goes first; the median ratio is reported. */
const BASELINE_ROUNDS = Number(process.env['BENCH_BASELINE_ROUNDS'] ?? 5);

interface Figures {
  append1PerSec: number;
  append16PerSec: number;
  batch10EventsPerSec: number;
  readEventsPerSec: number;
  verifyEventsPerSec: number;
}

interface Baseline {
  readonly baselineInsert16PerSec: number;
  readonly append16Ratio: number;
  readonly sqlStatementsPerAppend: number;
  /** Under 16 writers: appends per round trip (group commit), and statements per append, NOTIFY signals included. */
  readonly meanGroupSize16: number;
  readonly sqlStatementsPerAppend16: number;
}

/** Round trips the store reported (onAppendBatch), reset per measurement. */
class BatchTally {
  batches = 0;
  appends = 0;
  readonly record = (batch: AppendBatchInfo): void => {
    this.batches += 1;
    this.appends += batch.size;
  };
  reset(): void {
    this.batches = 0;
    this.appends = 0;
  }
  get meanSize(): number {
    return this.batches === 0 ? 0 : Math.round((this.appends / this.batches) * 100) / 100;
  }
}

interface BaselineDetails {
  readonly schema: string;
  readonly rounds: readonly {
    readonly first: 'baseline' | 'laurel';
    readonly baselineInsert16PerSec: number;
    readonly append16PerSec: number;
    readonly ratio: number;
    readonly meanGroupSize: number;
  }[];
  readonly ratioMin: number;
  readonly ratioMax: number;
  /** The 16-writer run the statements were counted on (apart from the rounds: counting slows appends a little). */
  readonly counted16: { readonly appends: number; readonly statements: number; readonly groups: number };
}

interface Details {
  readonly eventsRead: number;
  readonly eventsVerified: number;
  readonly secondsTotal: number;
  readonly batch10With16WritersEventsPerSec: number;
  append16PerSecNotifyInTransaction?: number;
}

/** A realistic nomination event: Vietnamese text, an actor, ids for causation. */
function nominationEvent(stream: string, version: number, writer: number): EventToAppend {
  return {
    id: `${stream}:${version}`,
    type: 'BlockVoteCast',
    data: {
      nominationId: stream,
      unitId: `unit-${writer}`,
      unitName: 'Văn phòng Tỉnh ủy',
      nominee: 'Nguyễn Thị Ánh',
      vote: version % 3 === 0 ? 'against' : 'for',
      castAt: '2026-11-23T10:00:00.000Z',
    },
    metadata: {
      actor: { userId: `user-${writer}`, role: 'block_member', unitId: `unit-${writer}` },
      workflowId: `nomination-${stream}`,
      runId: '00000000-0000-4000-8000-000000000000',
      correlationId: stream,
      causationId: `${stream}:${version - 1}`,
      schemaVersion: 1,
    },
  };
}

/**
 * `writers` loops, each appending `batch` events at a time to its own
 * streams (a new stream every EVENTS_PER_STREAM events) until the deadline.
 */
async function appendLoad(store: EventStore, label: string, writers: number, batch: number): Promise<number> {
  const deadline = Date.now() + DURATION_MS;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let written = 0;
      let streamIndex = 0;
      let version = 0;
      let stream = `${label}-w${writer}s${streamIndex}`;
      while (Date.now() < deadline) {
        if (version >= EVENTS_PER_STREAM) {
          stream = `${label}-w${writer}s${++streamIndex}`;
          version = 0;
        }
        const events = Array.from({ length: batch }, (_, i) => nominationEvent(stream, version + i + 1, writer));
        await store.append(stream, events, version);
        version += batch;
        written += batch;
      }
      return written;
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(counts.reduce((a, b) => a + b, 0) / seconds);
}

/** Tops the store up to READ_EVENTS chained events with large batches, many streams at once. */
async function seed(store: EventStore, have: number): Promise<void> {
  const perAppend = 100;
  const streams = Math.ceil(Math.max(0, READ_EVENTS - have) / perAppend);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < streams) {
        const stream = `seed-${next++}`;
        await store.append(
          stream,
          Array.from({ length: perAppend }, (_, i) => nominationEvent(stream, i + 1, 0)),
          0,
        );
      }
    }),
  );
}

async function countAndTime(store: EventStore): Promise<{ events: number; perSec: number }> {
  const started = process.hrtime.bigint();
  let events = 0;
  for await (const event of store.readAll()) {
    if (event.version > 0) events++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, perSec: Math.round(events / seconds) };
}

async function runSuite(name: string, raw: SqlEventStore): Promise<{ figures: Figures; details: Details }> {
  const began = Date.now();
  const store = new ChainedEventStore(raw);
  const log = (text: string): void => void process.stderr.write(`[${name}] ${text}\n`);

  const append1PerSec = await appendLoad(store, 'onewriter', 1, 1);
  log(`1 writer: ${append1PerSec} appends/s`);
  const append16PerSec = await appendLoad(store, 'sixteen', WRITERS, 1);
  log(`16 writers: ${append16PerSec} appends/s`);
  const batch10EventsPerSec = await appendLoad(store, 'batchten', 1, 10);
  log(`batches of 10, 1 writer: ${batch10EventsPerSec} events/s`);
  const batch10With16WritersEventsPerSec = await appendLoad(store, 'batchsixteen', WRITERS, 10);
  log(`batches of 10, 16 writers: ${batch10With16WritersEventsPerSec} events/s`);

  let head = 0;
  for await (const page of raw.readAllPages()) head += page.length;
  await seed(store, head);
  log(`seeded to ${Math.max(head, READ_EVENTS)} events`);

  // Once to warm caches and let the last transactions settle, then measured.
  await countAndTime(raw);
  const read = await countAndTime(raw);
  log(`readAll: ${read.perSec} events/s over ${read.events}`);

  const verifyStarted = process.hrtime.bigint();
  const verified = await verifyAll(raw);
  const verifySeconds = Number(process.hrtime.bigint() - verifyStarted) / 1e9;
  if (!verified.ok)
    throw new Error(`${name}: chain verification failed: ${JSON.stringify(verified.failures.slice(0, 3))}`);
  const verifyEventsPerSec = Math.round(verified.events / verifySeconds);
  log(`verifyAll: ${verifyEventsPerSec} events/s over ${verified.events} events in ${verified.streams} streams`);

  return {
    figures: { append1PerSec, append16PerSec, batch10EventsPerSec, readEventsPerSec: read.perSec, verifyEventsPerSec },
    details: {
      eventsRead: read.events,
      eventsVerified: verified.events,
      secondsTotal: Math.round((Date.now() - began) / 100) / 10,
      batch10With16WritersEventsPerSec,
    },
  };
}

const BASELINE_TABLE = 'baseline_events';

/** 16 clients, each committing one single-row INSERT at a time (autocommit) until the deadline. */
async function baselineLoad(pool: Pool, payload: string): Promise<number> {
  const deadline = Date.now() + DURATION_MS;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      const client = await pool.connect();
      try {
        let written = 0;
        while (Date.now() < deadline) {
          await client.query({
            name: 'baseline-insert',
            text: `INSERT INTO ${BASELINE_TABLE} (stream, data) VALUES ($1, $2)`,
            values: [`baseline-w${writer}`, payload],
          });
          written += 1;
        }
        return written;
      } finally {
        client.release();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(counts.reduce((a, b) => a + b, 0) / seconds);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * What PostgreSQL itself gives on this machine now, next to Laurel's appends
 * measured between its runs: the ratio carries over where the absolute rate does not.
 */
async function baselineComparison(
  url: string,
  store: EventStore,
  counter: StatementCounter,
  tally: BatchTally,
): Promise<{ figures: Baseline; details: BaselineDetails }> {
  const pool = new Pool({ connectionString: url, max: WRITERS });
  const schema = `CREATE TABLE ${BASELINE_TABLE} (id bigserial PRIMARY KEY, stream text NOT NULL, data jsonb NOT NULL)`;
  try {
    await pool.query(schema);
    const payload = JSON.stringify(nominationEvent('baseline', 1, 0).data);
    const rounds: BaselineDetails['rounds'][number][] = [];
    const laurelRound = async (index: number): Promise<number> => {
      tally.reset();
      return appendLoad(store, `ratio${index}`, WRITERS, 1);
    };
    for (let index = 0; index < BASELINE_ROUNDS; index++) {
      const first = index % 2 === 0 ? 'baseline' : 'laurel';
      let baseline: number;
      let laurel: number;
      if (first === 'baseline') {
        baseline = await baselineLoad(pool, payload);
        laurel = await laurelRound(index);
      } else {
        laurel = await laurelRound(index);
        baseline = await baselineLoad(pool, payload);
      }
      const ratio = Math.round((laurel / baseline) * 1000) / 1000;
      const meanGroupSize = tally.meanSize;
      process.stderr.write(
        `[postgres] round ${index + 1}/${BASELINE_ROUNDS} (${first} first): baseline ${baseline} inserts/s, ` +
          `Laurel ${laurel} appends/s, ratio ${ratio}, mean group ${meanGroupSize}\n`,
      );
      rounds.push({ first, baselineInsert16PerSec: baseline, append16PerSec: laurel, ratio, meanGroupSize });
    }
    // Statements per append, counted on a quiet run of a few hundred appends (the chain's head is cached).
    let statements = 0;
    const appends = 300;
    for (let i = 0; i < appends; i++) {
      const stream = `counted-s${Math.floor(i / EVENTS_PER_STREAM)}`;
      const version = i % EVENTS_PER_STREAM;
      const counted = await counter.count(() =>
        store.append(stream, [nominationEvent(stream, version + 1, 0)], version),
      );
      statements += counted.statements;
    }
    // And under 16 writers, where group commit shares a statement (and a NOTIFY) among a group.
    tally.reset();
    const counted16 = await counter.count(() => appendLoad(store, 'counted16', WRITERS, 1));
    const counted16Details = { appends: tally.appends, statements: counted16.statements, groups: tally.batches };
    process.stderr.write(
      `[postgres] 16 writers, counted: ${counted16Details.statements} statements for ${counted16Details.appends} ` +
        `appends in ${counted16Details.groups} round trips\n`,
    );
    const ratios = rounds.map((r) => r.ratio);
    return {
      figures: {
        baselineInsert16PerSec: Math.round(median(rounds.map((r) => r.baselineInsert16PerSec))),
        append16Ratio: Math.round(median(ratios) * 1000) / 1000,
        sqlStatementsPerAppend: Math.round((statements / appends) * 100) / 100,
        meanGroupSize16: Math.round(median(rounds.map((r) => r.meanGroupSize)) * 100) / 100,
        sqlStatementsPerAppend16: Math.round((counted16Details.statements / counted16Details.appends) * 100) / 100,
      },
      details: {
        schema,
        rounds,
        ratioMin: Math.min(...ratios),
        ratioMax: Math.max(...ratios),
        counted16: counted16Details,
      },
    };
  } finally {
    await pool.end();
  }
}

async function benchPostgres(): Promise<
  { figures: Figures & Baseline; details: Details & { baseline: BaselineDetails } } | { skipped: string }
> {
  const adminUrl = databaseUrlFrom(process.env);
  const probe = probePostgresSync(adminUrl);
  if (!probe.reachable) return { skipped: probe.reason };
  const database = await createTestDatabase(adminUrl, 'laurel_bench');
  const client = new PgSqlClient({ connectionString: database.url, poolSize: WRITERS + 4 });
  const counter = new StatementCounter(client);
  try {
    const tally = new BatchTally();
    const store = await SqlEventStore.create(counter, { closeClient: false, onAppendBatch: tally.record });
    const suite = await runSuite('postgres', store);
    const baseline = await baselineComparison(database.url, new ChainedEventStore(store), counter, tally);
    const result = {
      figures: { ...suite.figures, ...baseline.figures },
      details: { ...suite.details, baseline: baseline.details },
    };
    // For comparison: NOTIFY inside each append transaction (see SqlEventStoreOptions.notify).
    const notifying = await SqlEventStore.create(client, { closeClient: false, notify: 'in-transaction' });
    result.details.append16PerSecNotifyInTransaction = await appendLoad(
      new ChainedEventStore(notifying),
      'notifying',
      WRITERS,
      1,
    );
    process.stderr.write(
      `[postgres] 16 writers, NOTIFY in transaction: ${result.details.append16PerSecNotifyInTransaction} appends/s\n`,
    );
    return result;
  } finally {
    await client.close();
    await database.drop();
  }
}

async function benchPglite(): Promise<{ figures: Figures; details: Details }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'laurel-bench-'));
  const client = await PgliteSqlClient.open(path.join(dir, 'events'));
  try {
    const store = await SqlEventStore.create(client, { closeClient: false });
    return await runSuite('pglite', store);
  } finally {
    await client.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  // Other work on the box skews every figure: record how busy it was.
  const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const postgres = await benchPostgres();
  const pglite = await benchPglite();
  const result = {
    cores: os.availableParallelism(),
    postgres: 'figures' in postgres ? postgres.figures : null,
    pglite: pglite.figures,
    details: {
      generatedAt: new Date().toISOString(),
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      durationPerAppendTestMs: DURATION_MS,
      eventsPerStream: EVENTS_PER_STREAM,
      note: 'appends go through ChainedEventStore (hash chain) and each writer uses its own streams; PostgreSQL appends use group commit (the default), PGlite does not; PGlite writes to a temporary folder',
      postgres: 'figures' in postgres ? postgres.details : { skipped: postgres.skipped },
      pglite: pglite.details,
      targetsPostgres: {
        append16PerSec: 5000,
        append16Ratio: 0.6,
        readEventsPerSec: 100_000,
        verifyEventsPerSec: 50_000,
      },
      baselineRounds: BASELINE_ROUNDS,
      totalSeconds: Math.round((Date.now() - started) / 1000),
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const out = path.join(__dirname, 'results', 'store.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, text);
  process.stdout.write(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
