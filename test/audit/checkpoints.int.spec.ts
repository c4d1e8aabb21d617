// Signed checkpoints: the API follows the log and signs each stream's head,
// outside the events table, only where the link onto the last one holds.
import { ChainedEventStore } from '@laurel/infra/audit/chained-event-store';
import {
  SqlCheckpointStore,
  StreamCheckpointer,
  checkCheckpoint,
  type StreamCheckpoint,
} from '@laurel/infra/audit/checkpoints';
import { ActionSigner, ActionVerifier } from '@laurel/infra/audit/action-proof';
import { verifyAll } from '@laurel/infra/audit/verify';
import type { EventToAppend } from '@laurel/infra/event-store/port';
import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { SqlEventStore } from '@laurel/infra/event-store/sql/sql-event-store';
import { testActionSigner, testActionVerifier } from '../support/action-keys';

const schema = 'laurel';
let sql: PgliteSqlClient;
let raw: SqlEventStore;
let events: ChainedEventStore;
let checkpoints: SqlCheckpointStore;

beforeAll(async () => {
  sql = await PgliteSqlClient.open('memory://');
  raw = await SqlEventStore.create(sql, { schema, pollIntervalMs: 20, closeClient: false });
  events = new ChainedEventStore(raw);
  checkpoints = await SqlCheckpointStore.create(sql, schema);
}, 60_000);
afterAll(async () => {
  await raw.close();
  await sql.close();
});

let counter = 0;
function fresh(): string {
  return `nomination-cp${++counter}`;
}
function event(id: string, data: Record<string, number> = {}): EventToAppend {
  return { id, type: 'Step', data, metadata: {} };
}

async function eventually<T>(read: () => Promise<T | undefined>, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function checkpointAt(streamName: string, version: number): Promise<StreamCheckpoint> {
  return eventually(async () => {
    const c = await checkpoints.get(streamName);
    return c && c.version >= version ? c : undefined;
  });
}

function checkpointer(errors: unknown[] = []): StreamCheckpointer {
  return new StreamCheckpointer({ events, checkpoints, signer: testActionSigner, onError: (e) => errors.push(e) });
}

test('signs each stream head as it moves, and resumes where it stopped', async () => {
  const a = fresh();
  const b = fresh();
  const running = checkpointer();
  await running.start();
  await events.append(a, [event(`${a}:1`), event(`${a}:2`)], 0);
  await events.append(b, [event(`${b}:1`)], 0);
  const head = await checkpointAt(a, 2);
  const stored = [];
  for await (const e of raw.readStream(a)) stored.push(e);
  expect(head).toMatchObject({
    streamName: a,
    version: 2,
    hash: stored[1]!.metadata['hash'],
    keyId: testActionSigner.keyId,
  });
  expect(checkCheckpoint(testActionVerifier, head)).toBe('valid');
  expect((await checkpointAt(b, 1)).version).toBe(1);
  await running.stop();

  // Appended while no checkpointer ran: anchored by the next one, from the position stored.
  await events.append(a, [event(`${a}:3`)], 2);
  const next = checkpointer();
  await next.start();
  expect((await checkpointAt(a, 3)).version).toBe(3);
  await next.stop();
});

test('a checkpoint altered or signed by another key does not verify', async () => {
  const a = fresh();
  const running = checkpointer();
  await running.start();
  await events.append(a, [event(`${a}:1`)], 0);
  const head = await checkpointAt(a, 1);
  await running.stop();
  expect(checkCheckpoint(testActionVerifier, { ...head, version: 2 })).toBe('bad_signature');
  const other = new ActionSigner(Buffer.alloc(32, 7));
  expect(checkCheckpoint(new ActionVerifier([other.publicKey]), head)).toBe('unknown_key');
});

test('a link rewritten before the checkpointer reads it is not anchored', async () => {
  const a = fresh();
  const running = checkpointer();
  await running.start();
  await events.append(a, [event(`${a}:1`)], 0);
  await checkpointAt(a, 1);
  await running.stop();
  await events.append(a, [event(`${a}:2`, { n: 1 })], 1);
  await sql.query(`UPDATE "${schema}".events SET data = '{"n":2}'::jsonb WHERE event_id = $1`, [`${a}:2`]);
  const errors: unknown[] = [];
  const next = checkpointer(errors);
  await next.start();
  await eventually(async () => (errors.length > 0 ? true : undefined));
  await next.stop();
  expect(String(errors[0])).toMatch(new RegExp(`not checkpointing ${a} at version 2 .*hash_mismatch`));
  expect((await checkpoints.get(a))?.version).toBe(1);
  const result = await verifyAll(events, {
    streamPrefixes: [a],
    checkpoints: checkpoints.list({ streamPrefixes: [a] }),
  });
  expect(result.failures).toEqual([
    { streamName: a, firstBroken: { version: 2, eventId: `${a}:2`, reason: 'hash_mismatch' } },
  ]);
});

test('resumes after the store fails under it', async () => {
  const a = fresh();
  let subscriptions = 0;
  const flaky = Object.create(events) as ChainedEventStore;
  flaky.subscribe = (options) => {
    // The first subscription fails at once, as an outage does.
    if (++subscriptions === 1) {
      setTimeout(() => options.onError?.(new Error('store unreachable')), 0);
      return { stop: async () => undefined };
    }
    return events.subscribe(options);
  };
  const errors: unknown[] = [];
  const running = new StreamCheckpointer({
    events: flaky,
    checkpoints,
    signer: testActionSigner,
    onError: (e) => errors.push(e),
  });
  await running.start();
  await events.append(a, [event(`${a}:1`)], 0);
  expect((await checkpointAt(a, 1)).version).toBe(1);
  await running.stop();
  expect(String(errors[0])).toMatch(/store unreachable/);
  expect(subscriptions).toBe(2);
});
