import type { EventStore, EventToAppend, JsonObject, Position, RecordedEvent } from '@laurel/infra/event-store/port';

/**
 * What the event store contract's features share (test/contract/features/):
 * the harness a spec file gives, the context eventStoreContract builds
 * (test/contract/event-store.contract.ts), and small async helpers.
 */

/** A page read by an adapter, as reported by its `onBatch` hook. */
export interface ContractBatch {
  readonly operation: string;
  readonly requested: number;
  readonly received: number;
}

export interface ContractStoreOptions {
  readonly readBatchSize?: number;
  readonly onBatch?: (batch: ContractBatch) => void;
}

/** What a spec file provides for its adapter. */
export interface EventStoreContractHarness {
  /** Opens a store over the spec file's backend; tests may open several and close them. */
  openStore(options?: ContractStoreOptions): Promise<EventStore>;
  /** Event ids are unique in the whole store (SQL), not only within a stream (KurrentDB). */
  readonly eventIdsUniqueAcrossStreams: boolean;
  /** Rewrites a stored event's data behind the store's back — only where the backend allows it. */
  tamperEventData?(eventId: string, data: JsonObject): Promise<void>;
  /** Moves a stored event's `recorded_at` behind the store's back — only where the backend allows it. */
  tamperRecordedAt?(eventId: string, recordedAt: string): Promise<void>;
  /**
   * Opens a transaction on a connection of its own that has taken a
   * transaction id, and keeps it open until released: a writer still settling,
   * as another process's slow append is. Only where the backend runs
   * transactions side by side.
   */
  holdTransaction?(): Promise<{ release(): Promise<void> }>;
  dispose(): Promise<void>;
}

export const SLOW = 60_000;

/** The suite's fresh names and event helpers, and the store once it is open. */
export interface ContractContext {
  /** The harness and the store `beforeAll` opened; call it from a test or a hook, not while tests are collected. */
  opened(): { readonly harness: EventStoreContractHarness; readonly store: EventStore };
  /** A category no other test (or earlier run on a shared server) uses. */
  freshCategory(label?: string): string;
  freshStream(category?: string): string;
  event(id: string, data?: JsonObject, type?: string, metadata?: JsonObject): EventToAppend;
  ids(prefix: string, count: number, from?: number): string[];
  readAllOf(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]>;
  /** Resolves once every event up to `position` is settled (visible to whole-log readers). */
  settled(position: Position): Promise<void>;
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds; fails with a timeout otherwise. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
