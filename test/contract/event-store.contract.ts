import { randomBytes } from 'node:crypto';
import {
  comparePositions,
  type EventStore,
  type EventToAppend,
  type JsonObject,
  type Position,
  type RecordedEvent,
} from '@laurel/infra/event-store/port';
import { SLOW, eventually, type ContractContext, type EventStoreContractHarness } from './contract-support';
import { appendAndRead } from './features/append-and-read';
import { badInputWritesNothing } from './features/bad-input';
import { hashChain } from './features/hash-chain';
import { idempotencyByEventId } from './features/idempotency';
import { optimisticConcurrency } from './features/optimistic-concurrency';
import { readingAllStreams } from './features/reading-all';
import { readingAStream } from './features/reading-a-stream';
import { subscriptions } from './features/subscriptions';

export type { ContractBatch, ContractStoreOptions, EventStoreContractHarness } from './contract-support';

type Describe = (name: string, fn: () => void) => void;

/**
 * The one event store feature suite: every adapter runs it. Tests share one
 * backend per spec file, so each uses fresh stream names (and, for whole-log
 * reads, a fresh category filtered by prefix). Each feature is a file of
 * test/contract/features/, given the context built here.
 */
export function eventStoreContract(
  name: string,
  setup: () => Promise<EventStoreContractHarness>,
  options: { readonly describe?: Describe } = {},
): void {
  const describeSuite = options.describe ?? describe;

  describeSuite(`event store contract: ${name}`, () => {
    let harness: EventStoreContractHarness;
    let store: EventStore;
    const run = randomBytes(3).toString('hex');
    let counter = 0;
    /** A category no other test (or earlier run on a shared server) uses. */
    const freshCategory = (label = 'c'): string => `${label}${run}x${++counter}`;
    const freshStream = (category = 'nomination'): string => `${category}-${run}_${++counter}`;

    beforeAll(async () => {
      harness = await setup();
      store = await harness.openStore();
    }, SLOW);

    afterAll(async () => {
      await store?.close();
      await harness?.dispose();
    }, SLOW);

    const event = (
      id: string,
      data: JsonObject = {},
      type = 'SomethingHappened',
      metadata: JsonObject = {},
    ): EventToAppend => ({
      id,
      type,
      data,
      metadata,
    });
    const ids = (prefix: string, count: number, from = 1): string[] =>
      Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);
    const readAllOf = async (iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
      const out: RecordedEvent[] = [];
      for await (const e of iterable) out.push(e);
      return out;
    };
    /** Resolves once every event up to `position` is settled (visible to whole-log readers). */
    const settled = async (position: Position): Promise<void> => {
      await eventually(async () => comparePositions(await store.headPosition(), position) >= 0);
    };

    const ctx: ContractContext = {
      opened: () => ({ harness, store }),
      freshCategory,
      freshStream,
      event,
      ids,
      readAllOf,
      settled,
    };
    appendAndRead(ctx);
    optimisticConcurrency(ctx);
    idempotencyByEventId(ctx);
    badInputWritesNothing(ctx);
    readingAStream(ctx);
    readingAllStreams(ctx);
    subscriptions(ctx);
    hashChain(ctx);
  });
}
