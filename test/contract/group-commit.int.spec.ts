import { randomBytes } from 'node:crypto';
import { ChainedEventStore, verifyAll } from '@laurel/infra/audit';
import { ConcurrencyError, EventIdConflictError } from '@laurel/infra/event-store/errors';
import type { AppendResult, EventToAppend, ExpectedVersion, JsonObject } from '@laurel/infra/event-store/port';
import { PgSqlClient } from '@laurel/infra/event-store/sql/pg-client';
import type { QueryOptions, SqlClient, SqlQueryable } from '@laurel/infra/event-store/sql/sql-client';
import {
  AppendQueueTimeoutError,
  SqlEventStore,
  type AppendBatchInfo,
  type SqlEventStoreOptions,
} from '@laurel/infra/event-store/sql/sql-event-store';
import { isStoreUnreachable } from '@laurel/infra/event-store/sql/unreachable';
import { createTestDatabase, databaseUrlFrom, probePostgresSync, type TestDatabase } from '../support/postgres';
import { TcpProxy } from '../support/tcp-proxy';
import { SLOW, rejectionOf } from './contract-support';

/**
 * Group commit on PostgreSQL (infra/event-store/sql/group-commit.ts): what
 * goes together, and that every caller in a group still gets the outcome a
 * single append would have given it. Each test opens a store on a schema of
 * its own, so onAppendBatch sees only that test's round trips.
 * A few lines over 400: its round-trip counting store and the fault proxy
 * serve every case, and the cases are one feature.
 */
const adminUrl = databaseUrlFrom(process.env);
const probe = probePostgresSync(adminUrl);
if (!probe.reachable) process.stdout.write(`group commit suite skipped: ${probe.reason}\n`);
const suite = probe.reachable ? describe : describe.skip;

interface AppendRequest {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedVersion;
}

interface Opened {
  readonly store: SqlEventStore;
  readonly schema: string;
  readonly batches: AppendBatchInfo[];
  readonly grouped: () => AppendBatchInfo[];
}

/** Counts append statements on the wire at once, to see how many groups fly together. */
class InFlightProbe implements SqlClient {
  private current = 0;
  max = 0;
  constructor(private readonly inner: SqlClient) {}
  get driver(): SqlClient['driver'] {
    return this.inner.driver;
  }
  async query<R extends object>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]> {
    const counted = /append_event_batch|append_events/.test(text);
    if (counted) this.max = Math.max(this.max, ++this.current);
    try {
      return await this.inner.query<R>(text, params, options);
    } finally {
      if (counted) this.current--;
    }
  }
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.inner.transaction(fn);
  }
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.inner.listen(channel, onNotify);
  }
  notify(channel: string): void {
    this.inner.notify(channel);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

suite('SqlEventStore group commit (PostgreSQL)', () => {
  const run = randomBytes(3).toString('hex');
  let counter = 0;
  let database: TestDatabase;
  let client: PgSqlClient;
  const opened: SqlEventStore[] = [];

  const stream = (label = 'nomination'): string => `${label}-${run}_${++counter}`;
  const event = (id: string, data: JsonObject = {}): EventToAppend => ({
    id,
    type: 'SomethingHappened',
    data,
    metadata: {},
  });
  const request = (name: string, expected: ExpectedVersion, ...ids: string[]): AppendRequest => ({
    stream: name,
    events: (ids.length > 0 ? ids : [`${name}:${Number(expected === 'any' ? 0 : expected) + 1}`]).map((id) =>
      event(id),
    ),
    expected,
  });

  async function open(options: SqlEventStoreOptions = {}, over: SqlClient = client): Promise<Opened> {
    const schema = `gc_${run}_${++counter}`;
    const batches: AppendBatchInfo[] = [];
    const store = await SqlEventStore.create(over, {
      schema,
      closeClient: false,
      pollIntervalMs: 250,
      onAppendBatch: (batch) => batches.push(batch),
      ...options,
    });
    opened.push(store);
    return { store, schema, batches, grouped: () => batches.filter((b) => b.grouped) };
  }

  const send = (store: SqlEventStore, r: AppendRequest): Promise<AppendResult> =>
    store.append(r.stream, r.events, r.expected);

  /**
   * A primer append to a stream of its own goes first (alone, nothing in
   * flight), so every request, sent in the same tick, waits for it and goes
   * in the group that follows.
   */
  async function burst(
    store: SqlEventStore,
    requests: readonly AppendRequest[],
  ): Promise<PromiseSettledResult<AppendResult>[]> {
    const primer = send(store, request(stream('primer'), 0));
    const [first, ...outcomes] = await Promise.allSettled([primer, ...requests.map((r) => send(store, r))]);
    expect(first!.status).toBe('fulfilled');
    return outcomes;
  }

  const valueOf = (outcome: PromiseSettledResult<AppendResult> | undefined): AppendResult => {
    if (outcome?.status !== 'fulfilled') throw new Error(`expected an append result, got ${String(outcome?.reason)}`);
    return outcome.value;
  };
  const reasonOf = (outcome: PromiseSettledResult<AppendResult> | undefined): unknown => {
    if (outcome?.status !== 'rejected') throw new Error('expected the append to be refused');
    return outcome.reason;
  };

  /**
   * Runs `statement` in a transaction on a connection of its own and keeps it
   * open, holding whatever it locked, until the returned function rolls it back.
   */
  async function holdOpen(statement: string): Promise<() => Promise<void>> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const rolledBack = new Error('rolled back on purpose');
    const done = client
      .transaction(async (tx) => {
        await tx.query(statement);
        started();
        await released;
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    await Promise.race([running, done]);
    return async () => {
      release();
      await done;
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    client = new PgSqlClient({ connectionString: database.url, poolSize: 24 });
  }, SLOW);

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  afterAll(async () => {
    await client?.close();
    await database?.drop();
  }, SLOW);

  it('sends appends that arrive during one in flight as one group: one statement, one transaction', async () => {
    const { store, batches } = await open();
    const requests = Array.from({ length: 7 }, () => request(stream(), 0));
    const results = (await burst(store, requests)).map(valueOf);

    expect(batches.map((b) => [b.size, b.grouped])).toEqual([
      [1, false],
      [7, true],
    ]);
    expect(results.every((r) => r.nextVersion === 1)).toBe(true);
    // One commit: every position carries the group's transaction id.
    expect(new Set(results.map((r) => r.position.commit)).size).toBe(1);
    for (const r of requests) expect(await store.streamVersion(r.stream)).toBe(1);
  });

  it('sends a second group beside the first once 8 appends wait, so the two commits overlap, unless it shares a stream', async () => {
    const { store, batches } = await open();
    const requests = Array.from({ length: 20 }, () => request(stream(), 0));
    const results = (await burst(store, requests)).map(valueOf);

    // The primer in flight; the eighth to wait sends its group; the other twelve go once the primer is done.
    expect(batches.map((b) => [b.size, b.grouped])).toEqual([
      [1, false],
      [8, true],
      [12, true],
    ]);
    expect(new Set(results.slice(0, 8).map((r) => r.position.commit)).size).toBe(1);
    expect(new Set(results.map((r) => r.position.commit)).size).toBe(2);
    for (const r of requests) expect(await store.streamVersion(r.stream)).toBe(1);

    // An append to the stream in flight keeps the waiting ones from overlapping it: its version check comes after.
    const careful = await open();
    const primed = stream('primed');
    const primer = send(careful.store, request(primed, 0));
    const queued = [request(primed, 1, `${primed}:2`), ...Array.from({ length: 8 }, () => request(stream(), 0))];
    const outcomes = await Promise.all([primer, ...queued.map((r) => send(careful.store, r))]);
    expect(careful.batches.map((b) => [b.size, b.grouped])).toEqual([
      [1, false],
      [9, true],
    ]);
    expect(outcomes[1]!.nextVersion).toBe(2);

    // Set high, every append that waits goes in the one group that follows.
    const patient = await open({ groupOverlapAt: 64 });
    (
      await burst(
        patient.store,
        Array.from({ length: 20 }, () => request(stream(), 0)),
      )
    ).map(valueOf);
    expect(patient.batches.map((b) => [b.size, b.grouped])).toEqual([
      [1, false],
      [20, true],
    ]);
  });

  it('holds a full group back while it shares a stream with the group in flight', async () => {
    // Overlap at 8 set out of reach, so only the rule for full groups (64 waiting) could send a second group.
    const onTheWire = new InFlightProbe(client);
    const { store, batches } = await open({ groupOverlapAt: 1_000 }, onTheWire);
    const primed = stream('primed');
    const primer = send(store, request(primed, 0));
    const queued = [request(primed, 1, `${primed}:2`), ...Array.from({ length: 64 }, () => request(stream(), 0))];
    const outcomes = await Promise.all([primer, ...queued.map((r) => send(store, r))]);

    expect(batches.map((b) => [b.size, b.grouped])).toEqual([
      [1, false],
      [64, true],
      [1, false],
    ]);
    // The full group waited for the primer to commit: never two appends on the wire at once.
    expect(onTheWire.max).toBe(1);
    expect(outcomes[1]!.nextVersion).toBe(2);
    expect(await store.streamVersion(primed)).toBe(2);
  });

  it('refuses an overlap threshold that is not a positive integer, before it touches the database', async () => {
    for (const groupOverlapAt of [0, -1, 2.5, Number.NaN]) {
      await expect(open({ groupOverlapAt })).rejects.toThrow(/groupOverlapAt must be a positive integer/);
    }
  });

  it('sends a lone append at once on the single path, without waiting for company', async () => {
    const { store, batches } = await open();
    const pending = send(store, request(stream(), 0));
    // Reported before the call even yielded: nothing held it back.
    expect(batches).toEqual([expect.objectContaining({ size: 1, grouped: false })]);
    expect((await pending).nextVersion).toBe(1);

    // Without group commit, a burst is as many single appends.
    const single = await open({ groupCommit: false });
    (await burst(single.store, [request(stream(), 0), request(stream(), 0)])).map(valueOf);
    expect(single.batches.map((b) => [b.size, b.grouped])).toEqual([
      [1, false],
      [1, false],
      [1, false],
    ]);
  });

  it('refuses a wrong expected version in a group for its own append only', async () => {
    const { store, grouped } = await open();
    const taken = stream();
    await send(store, request(taken, 0));
    const good = [request(stream(), 0), request(stream(), 0)];
    const outcomes = await burst(store, [good[0]!, request(taken, 0, `${taken}:other`), good[1]!]);

    expect(grouped().map((b) => b.size)).toEqual([3]);
    expect(valueOf(outcomes[0]).nextVersion).toBe(1);
    expect(valueOf(outcomes[2]).nextVersion).toBe(1);
    const refusal = reasonOf(outcomes[1]);
    expect(refusal).toBeInstanceOf(ConcurrencyError);
    expect(refusal).toMatchObject({ streamName: taken, expectedVersion: 0, actualVersion: 1 });
    expect(await store.streamVersion(taken)).toBe(1);
  });

  it('applies two appends to one stream in one group as if one after the other', async () => {
    const { store, grouped } = await open();
    const chained = stream();
    const contested = stream();
    const outcomes = await burst(store, [
      request(chained, 0),
      request(contested, 0, `${contested}:a`),
      request(chained, 1),
      request(contested, 0, `${contested}:b`),
    ]);

    expect(grouped().map((b) => b.size)).toEqual([4]);
    // The second append to `chained` saw the first's version.
    expect(valueOf(outcomes[0]).nextVersion).toBe(1);
    expect(valueOf(outcomes[2]).nextVersion).toBe(2);
    // Of two appends at the same version, the first to arrive wins; the second conflicts.
    expect(valueOf(outcomes[1]).nextVersion).toBe(1);
    expect(reasonOf(outcomes[3])).toMatchObject({ streamName: contested, actualVersion: 1 });
    const contestedIds: string[] = [];
    for await (const e of store.readStream(contested)) contestedIds.push(e.id);
    expect(contestedIds).toEqual([`${contested}:a`]);
  });

  it('answers an idempotent retry inside a group with the first result, and refuses a reused id', async () => {
    const { store, grouped } = await open();
    const earlier = stream();
    const first = await send(store, request(earlier, 0));
    const twice = stream();
    const outcomes = await burst(store, [
      request(earlier, 0), // a retry of what committed before
      request(twice, 0), // the same append twice in one group
      request(twice, 0),
      { stream: stream(), events: [event(`${earlier}:1`, { other: true })], expected: 0 },
    ]);

    expect(grouped().map((b) => b.size)).toEqual([4]);
    expect(valueOf(outcomes[0])).toEqual(first);
    expect(valueOf(outcomes[2])).toEqual(valueOf(outcomes[1]));
    expect(reasonOf(outcomes[3])).toBeInstanceOf(EventIdConflictError);
    expect(await store.streamVersion(twice)).toBe(1);
  });

  it('refuses one new id carried by two streams of one group for one of them alone', async () => {
    const { store, grouped } = await open();
    const [first, second, bystander] = [stream(), stream(), stream()];
    const shared = `${first}:shared`;
    const outcomes = await burst(store, [request(first, 0, shared), request(second, 0, shared), request(bystander, 0)]);

    // The id is new to the table: only the second insert in the group meets it. That item alone rolls back (and
    // is explained as an id stored elsewhere); which stream comes first is the group's lock order, not arrival.
    expect(grouped().map((b) => b.size)).toEqual([3]);
    const kept = outcomes.slice(0, 2).filter((o) => o.status === 'fulfilled');
    expect(kept).toHaveLength(1);
    expect(valueOf(kept[0]).nextVersion).toBe(1);
    const refused = outcomes.slice(0, 2).find((o) => o.status === 'rejected');
    expect(reasonOf(refused)).toBeInstanceOf(EventIdConflictError);
    expect(valueOf(outcomes[2]).nextVersion).toBe(1);
    const versions = [await store.streamVersion(first), await store.streamVersion(second)];
    expect(versions.sort()).toEqual([0, 1]);
  });

  it('keeps the hash chain whole through grouped appends', async () => {
    const { store, grouped } = await open();
    const chained = new ChainedEventStore(store);
    const streams = Array.from({ length: 16 }, () => stream());
    await Promise.all(
      streams.map(async (name) => {
        for (let version = 0; version < 8; version++) {
          await chained.append(name, [event(`${name}:${version + 1}`, { version })], version);
        }
      }),
    );

    expect(grouped().length).toBeGreaterThan(0);
    const verified = await verifyAll(store);
    expect(verified).toMatchObject({ ok: true, events: 16 * 8, streams: 16 });
  });

  it(
    'caps a group at 64 appends and 1 MiB, flying up to 4 at once only while full groups wait',
    async () => {
      const probeClient = new InFlightProbe(client);
      const { store, batches, grouped } = await open({}, probeClient);
      const many = Array.from({ length: 300 }, () => request(stream(), 0));
      (await burst(store, many)).map(valueOf);
      expect(Math.max(...batches.map((b) => b.size))).toBe(64);
      expect(batches.reduce((sum, b) => sum + b.size, 0)).toBe(301);
      expect(probeClient.max).toBeGreaterThan(1);
      expect(probeClient.max).toBeLessThanOrEqual(4);

      const big = (name: string, n: number): AppendRequest => ({
        stream: name,
        events: Array.from({ length: n }, (_, i) => event(`${name}:${i + 1}`, { text: 'x'.repeat(300 * 1024) })),
        expected: 0,
      });
      batches.length = 0;
      const heavy = [...Array.from({ length: 8 }, () => big(stream(), 1)), big(stream(), 4)];
      (await burst(store, heavy)).map(valueOf);
      const mib = 1024 * 1024;
      expect(grouped().every((b) => b.bytes <= mib && b.size <= 3)).toBe(true);
      // The 1.2 MiB append goes, alone.
      expect(batches.some((b) => b.size === 1 && b.bytes > mib)).toBe(true);
    },
    SLOW,
  );

  it(
    'fails appends that wait 3 s for a group with AppendQueueTimeoutError, sending nothing of them',
    async () => {
      const { store, schema } = await open();
      const release = await holdOpen(`LOCK TABLE "${schema}".events IN SHARE MODE`);
      let blocked: Promise<AppendResult> | undefined;
      try {
        // The lone append blocks on the lock; the others queue behind it.
        blocked = send(store, request(stream(), 0));
        const queued = [request(stream(), 0), request(stream(), 0)];
        const started = Date.now();
        const refusals = await Promise.all(queued.map((r) => rejectionOf(send(store, r))));
        expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
        for (const refusal of refusals) {
          expect(refusal).toBeInstanceOf(AppendQueueTimeoutError);
          // The API answers it as an outage (503 STORE_UNAVAILABLE), not a bug.
          expect(isStoreUnreachable(refusal)).toBe(true);
        }
        await release();
        expect((await blocked).nextVersion).toBe(1);
        for (const r of queued) expect(await store.streamVersion(r.stream)).toBe(0);
      } finally {
        await release();
        await blocked?.catch(() => undefined);
      }
    },
    SLOW,
  );

  it(
    'replays a group that failed on a lock timeout one by one, so the others do not wait for the lock',
    async () => {
      const { store, schema } = await open();
      const locked = stream();
      // Another transaction is writing `locked` at version 1 and has not committed.
      const release = await holdOpen(
        `INSERT INTO "${schema}".events (stream_name, version, event_id, type, data, metadata)
         VALUES ('${locked}', 1, '${locked}:held', 'Held', '{}', '{}')`,
      );
      const free = [request(stream(), 0), request(stream(), 0)];
      let lockedAppend: Promise<AppendResult> | undefined;
      try {
        const started = Date.now();
        const primer = send(store, request(stream('primer'), 0));
        lockedAppend = send(store, request(locked, 0));
        const others = free.map((r) => send(store, r));
        await primer;
        // The group hit lock_timeout (500 ms); replayed alone, the free streams commit while the lock still holds.
        for (const result of await Promise.all(others)) expect(result.nextVersion).toBe(1);
        expect(Date.now() - started).toBeLessThan(3000);
        await release();
        expect((await lockedAppend).nextVersion).toBe(1);
      } finally {
        await release();
        await lockedAppend?.catch(() => undefined);
      }
    },
    SLOW,
  );

  it('replays a group the server refused as a whole one by one, each caller getting its own outcome', async () => {
    const { store, schema, grouped } = await open();
    const taken = stream();
    await send(store, request(taken, 0));
    await client.query(`DROP FUNCTION "${schema}".append_event_batch(jsonb, boolean)`);
    const outcomes = await burst(store, [
      request(stream(), 0),
      request(taken, 0, `${taken}:other`),
      request(stream(), 0),
    ]);

    expect(grouped().map((b) => b.size)).toEqual([3]);
    expect(valueOf(outcomes[0]).nextVersion).toBe(1);
    expect(reasonOf(outcomes[1])).toBeInstanceOf(ConcurrencyError);
    expect(valueOf(outcomes[2]).nextVersion).toBe(1);

    // Creating the schema again is idempotent and brings the function back.
    const again = await open({ schema });
    const results = (await burst(again.store, [request(stream(), 0), request(stream(), 0)])).map(valueOf);
    expect(new Set(results.map((r) => r.position.commit)).size).toBe(1);
  });

  it(
    'gives every caller in a group the same unreachable error when the server is out of reach',
    async () => {
      const upstream = new URL(database.url);
      const proxy = await TcpProxy.start(upstream.hostname, Number(upstream.port || 5432));
      const proxied = new URL(database.url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      const remote = new PgSqlClient({ connectionString: proxied.toString(), poolSize: 8 });
      try {
        const { store, grouped } = await open({}, remote);
        proxy.set('cut');
        const primer = rejectionOf(send(store, request(stream('primer'), 0)));
        const refusals = await Promise.all(
          Array.from({ length: 5 }, () => rejectionOf(send(store, request(stream(), 0)))),
        );
        expect(isStoreUnreachable(await primer)).toBe(true);
        expect(grouped().map((b) => b.size)).toEqual([5]);
        expect(isStoreUnreachable(refusals[0])).toBe(true);
        for (const refusal of refusals) expect(refusal).toBe(refusals[0]);

        proxy.set('open');
        expect((await send(store, request(stream(), 0))).nextVersion).toBe(1);
      } finally {
        await Promise.all(opened.splice(0).map((store) => store.close()));
        await remote.close();
        await proxy.stop();
      }
    },
    SLOW,
  );
});
