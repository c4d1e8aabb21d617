import { readAllInPages, type EventStore, type Position, type RecordedEvent } from '../event-store/port';
import { GENESIS_HASH, eventHash } from './hash';

export type ChainBreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'version_gap' | 'missing_chain';

/** The first event at which a stream's chain does not hold. */
export interface ChainBreak {
  readonly version: number;
  readonly eventId: string;
  readonly reason: ChainBreakReason;
}

/** `events` counts every event read, including those after a break. */
export type StreamVerification =
  | { readonly ok: true; readonly events: number }
  | { readonly ok: false; readonly events: number; readonly firstBroken: ChainBreak };

/**
 * Checks one link: `version` follows on, `prevHash` is the previous event's
 * stored hash, and the stored `hash` matches the recomputed one. A data change
 * shows as `hash_mismatch` on the changed event; a change whose hash was also
 * recomputed shows as `prev_hash_mismatch` on the next one.
 */
export function checkLink(
  event: RecordedEvent,
  previousVersion: number,
  previousHash: string,
): ChainBreakReason | undefined {
  if (event.version !== previousVersion + 1) return 'version_gap';
  const { hash, prevHash } = event.metadata;
  if (typeof hash !== 'string' || typeof prevHash !== 'string') return 'missing_chain';
  if (eventHash(event) !== hash) return 'hash_mismatch';
  if (prevHash !== previousHash) return 'prev_hash_mismatch';
  return undefined;
}

/** Verifies one stream's chain from its first event. */
export async function verifyStream(store: EventStore, streamName: string): Promise<StreamVerification> {
  let events = 0;
  let previousVersion = 0;
  let previousHash = GENESIS_HASH;
  let firstBroken: ChainBreak | undefined;
  for await (const event of store.readStream(streamName)) {
    events++;
    if (firstBroken) continue;
    const reason = checkLink(event, previousVersion, previousHash);
    if (reason) {
      firstBroken = { version: event.version, eventId: event.id, reason };
      continue;
    }
    previousVersion = event.version;
    previousHash = event.metadata['hash'] as string;
  }
  return firstBroken ? { ok: false, events, firstBroken } : { ok: true, events };
}

export interface VerifyProgress {
  readonly events: number;
  readonly streams: number;
  readonly brokenStreams: number;
  readonly position: Position;
}

export interface VerifyAllOptions {
  /** Only streams whose names start with one of these. */
  readonly streamPrefixes?: readonly string[];
  /** Called about every `progressEvery` events (default 10,000) and once at the end. */
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly progressEvery?: number;
}

export interface StreamChainFailure {
  readonly streamName: string;
  readonly firstBroken: ChainBreak;
}

export interface VerifyAllResult {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly brokenStreams: number;
  readonly failures: readonly StreamChainFailure[];
  /** The last position read: the verification covers the store up to here. */
  readonly position: Position;
}

/**
 * Verifies every stream in one pass over readAll (position order keeps each
 * stream's events in version order), keeping only each stream's last version
 * and hash in memory. Reads whole pages where the store offers them.
 */
export async function verifyAll(store: EventStore, options: VerifyAllOptions = {}): Promise<VerifyAllResult> {
  // A broken stream is remembered with version -1 and is not checked further.
  const heads = new Map<string, { version: number; hash: string }>();
  const failures: StreamChainFailure[] = [];
  const progressEvery = options.progressEvery ?? 10_000;
  let events = 0;
  let nextProgress = progressEvery;
  let position: Position = { commit: -1n, prepare: -1n };
  const report = (): void =>
    options.onProgress?.({ events, streams: heads.size, brokenStreams: failures.length, position });

  const readOptions = options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : undefined;
  for await (const page of readAllInPages(store, readOptions)) {
    for (let i = 0; i < page.length; i++) {
      const event = page[i]!;
      let head = heads.get(event.streamName);
      if (!head) {
        head = { version: 0, hash: GENESIS_HASH };
        heads.set(event.streamName, head);
      }
      if (head.version < 0) continue;
      const reason = checkLink(event, head.version, head.hash);
      if (reason) {
        failures.push({
          streamName: event.streamName,
          firstBroken: { version: event.version, eventId: event.id, reason },
        });
        head.version = -1;
        continue;
      }
      head.version = event.version;
      head.hash = event.metadata['hash'] as string;
    }
    events += page.length;
    if (page.length > 0) position = page[page.length - 1]!.position;
    if (events >= nextProgress) {
      nextProgress = events + progressEvery;
      report();
    }
  }
  report();
  return { ok: failures.length === 0, events, streams: heads.size, brokenStreams: failures.length, failures, position };
}
