/**
 * Event store throughput on PGlite and PostgreSQL: appends (1 and 16 writers,
 * each writer on its own streams, through ChainedEventStore as the apps do),
 * batches of 10, readAll and chain verification over at least 50,000 events.
 *
 *   npm run bench:store            (DATABASE_URL defaults to the local server)
 *
 * Writes bench/results/store.json and prints it. PostgreSQL runs in a fresh
 * database that is dropped afterwards; PGlite in a fresh temporary folder.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChainedEventStore, verifyAll } from '../infra/audit';
import type { EventStore, EventToAppend } from '../infra/event-store/port';
import { PgSqlClient } from '../infra/event-store/sql/pg-client';
import { PgliteSqlClient } from '../infra/event-store/sql/pglite-client';
import { SqlEventStore } from '../infra/event-store/sql/sql-event-store';
import { createTestDatabase, databaseUrlFrom, probePostgresSync } from '../test/support/postgres';

const DURATION_MS = Number(process.env['BENCH_DURATION_MS'] ?? 3000);
const READ_EVENTS = Number(process.env['BENCH_READ_EVENTS'] ?? 60_000);
const WRITERS = 16;
const EVENTS_PER_STREAM = 25;

interface Figures {
  append1PerSec: number;
  append16PerSec: number;
  batch10EventsPerSec: number;
  readEventsPerSec: number;
  verifyEventsPerSec: number;
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

async function benchPostgres(): Promise<{ figures: Figures; details: Details } | { skipped: string }> {
  const adminUrl = databaseUrlFrom(process.env);
  const probe = probePostgresSync(adminUrl);
  if (!probe.reachable) return { skipped: probe.reason };
  const database = await createTestDatabase(adminUrl, 'laurel_bench');
  const client = new PgSqlClient({ connectionString: database.url, poolSize: WRITERS + 4 });
  try {
    const store = await SqlEventStore.create(client, { closeClient: false });
    const result = await runSuite('postgres', store);
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
      note: 'appends go through ChainedEventStore (hash chain) and each writer uses its own streams; PGlite writes to a temporary folder',
      postgres: 'figures' in postgres ? postgres.details : { skipped: postgres.skipped },
      pglite: pglite.details,
      targetsPostgres: { append16PerSec: 5000, readEventsPerSec: 100_000, verifyEventsPerSec: 50_000 },
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
