import { readAllInPages, type EventStore, type Position, type RecordedEvent } from '../event-store/port';
import type { ActionVerifier } from './action-proof';
import { checkCheckpoint, type StreamCheckpoint } from './checkpoints';
import { GENESIS_HASH, eventHash, hashVersionOf } from './hash';

export type ChainBreakReason =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'version_gap'
  | 'missing_chain'
  /** `metadata.hashVersion` names no rule this code knows. */
  | 'unknown_hash_version'
  /** A version 1 event after the stream's first version 2 one: the rule that skips `recorded_at`, chosen back. */
  | 'hash_version_downgrade'
  /** A person's action whose proof does not hold (altered actor, unknown key, forged signature). */
  | 'signature_invalid'
  /** A person's action without a proof in a stream whose earlier actions were signed. */
  | 'unsigned_after_signing_began';

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
 * Where a stream stands on hash versions. Events written before version 2
 * verify under version 1 (counted apart); once a stream has a version 2 event,
 * a later version 1 one is a break, or rewriting an event as version 1 would
 * take `recorded_at` back out of its hash.
 */
export interface HashVersionState {
  v2Began: boolean;
}

/** Events of each hash version, as verify reports them. */
export interface HashVersionCounts {
  1: number;
  2: number;
}

/**
 * Checks one link: `version` follows on, `prevHash` is the previous event's
 * stored hash, and the stored `hash` matches the one recomputed under the
 * event's hash version. A data change (or, from version 2, a moved
 * `recorded_at`) shows as `hash_mismatch` on the changed event; a change whose
 * hash was also recomputed shows as `prev_hash_mismatch` on the next one.
 * `versions`, when given, enforces the no-downgrade rule and counts versions.
 */
export function checkLink(
  event: RecordedEvent,
  previousVersion: number,
  previousHash: string,
  versions?: { readonly state: HashVersionState; readonly counts: HashVersionCounts },
): ChainBreakReason | undefined {
  if (event.version !== previousVersion + 1) return 'version_gap';
  const { hash, prevHash } = event.metadata;
  if (typeof hash !== 'string' || typeof prevHash !== 'string') return 'missing_chain';
  const hashVersion = hashVersionOf(event.metadata);
  if (hashVersion === undefined) return 'unknown_hash_version';
  if (versions) {
    if (hashVersion === 1 && versions.state.v2Began) return 'hash_version_downgrade';
    if (hashVersion === 2) versions.state.v2Began = true;
  }
  if (eventHash(event) !== hash) return 'hash_mismatch';
  if (prevHash !== previousHash) return 'prev_hash_mismatch';
  if (versions) versions.counts[hashVersion]++;
  return undefined;
}

/**
 * Where a stream stands on signed actions. Streams recorded before signing
 * began hold people's actions without a proof; those are counted, not broken.
 * The cut-over is per stream and explicit: once one of its actions is signed,
 * every later one must be too, so stripping proofs off new events shows.
 */
export interface ProofState {
  signingBegan: boolean;
}

/** Checks the proof of a person's action (timers, the `system` actor, carry none). */
export function checkProof(
  event: RecordedEvent,
  verifier: ActionVerifier,
  state: ProofState,
): { readonly reason?: ChainBreakReason; readonly unsigned: boolean } {
  const actor = event.metadata['actor'];
  const role = typeof actor === 'object' && actor !== null && !Array.isArray(actor) ? actor['role'] : undefined;
  if (role === 'system') return { unsigned: false };
  const check = verifier.checkStored(event.metadata);
  if (check === 'unsigned') {
    return state.signingBegan ? { reason: 'unsigned_after_signing_began', unsigned: false } : { unsigned: true };
  }
  state.signingBegan = true;
  return check === 'valid' ? { unsigned: false } : { reason: 'signature_invalid', unsigned: false };
}

/** Verifies one stream's chain from its first event. */
export async function verifyStream(
  store: EventStore,
  streamName: string,
  verifier?: ActionVerifier,
): Promise<StreamVerification> {
  const proofs: ProofState = { signingBegan: false };
  const versions = { state: { v2Began: false }, counts: { 1: 0, 2: 0 } };
  let events = 0;
  let previousVersion = 0;
  let previousHash = GENESIS_HASH;
  let firstBroken: ChainBreak | undefined;
  for await (const event of store.readStream(streamName)) {
    events++;
    if (firstBroken) continue;
    const reason =
      checkLink(event, previousVersion, previousHash, versions) ??
      (verifier && checkProof(event, verifier, proofs).reason);
    if (reason) {
      firstBroken = { version: event.version, eventId: event.id, reason };
      continue;
    }
    previousVersion = event.version;
    previousHash = event.metadata['hash'] as string;
  }
  return firstBroken ? { ok: false, events, firstBroken } : { ok: true, events };
}

export type AnchorProblemReason =
  /** A checkpoint exists and the stream has no events. */
  | 'stream_deleted'
  /** The stream ends before its checkpoint's version: its tail was deleted. */
  | 'stream_truncated'
  /** The event at the checkpoint's version has another hash: it, or an event before it, was rewritten. */
  | 'checkpoint_hash_mismatch'
  /** The checkpoint itself was not signed by a key verify knows: the table was written behind the API. */
  | 'checkpoint_signature_invalid';

/** Where the store disagrees with a stream's signed checkpoint. */
export interface AnchorProblem {
  readonly streamName: string;
  readonly reason: AnchorProblemReason;
  /** The first version concerned: the checkpoint's, or the first one missing from a truncated stream. */
  readonly version: number;
  /** The stored event at `version` when there is one (for a truncated stream: none, it is gone). */
  readonly eventId: string | null;
  readonly message: string;
}

/** What verify saw of one stream, for the comparison with its checkpoint. */
export interface StoredHead {
  readonly lastVersion: number;
  /** Hash and id of the event at the checkpoint's version, when the stream has one. */
  readonly anchoredHash?: string;
  readonly anchoredEventId?: string;
}

/** Compares a stream as stored with its checkpoint; `stored` undefined: the stream has no events. */
export function checkAnchor(
  checkpoint: StreamCheckpoint,
  stored: StoredHead | undefined,
  verifier?: ActionVerifier,
): AnchorProblem | undefined {
  const { streamName, version } = checkpoint;
  if (verifier && checkCheckpoint(verifier, checkpoint) !== 'valid') {
    return {
      streamName,
      reason: 'checkpoint_signature_invalid',
      version,
      eventId: stored?.anchoredEventId ?? null,
      message: `the checkpoint of ${streamName} at version ${version} is not signed by a known key (${checkpoint.keyId})`,
    };
  }
  if (!stored || stored.lastVersion === 0) {
    return {
      streamName,
      reason: 'stream_deleted',
      version: 1,
      eventId: null,
      message: `${streamName} has no events, but was checkpointed at version ${version} on ${checkpoint.recordedAt}`,
    };
  }
  if (stored.lastVersion < version) {
    return {
      streamName,
      reason: 'stream_truncated',
      version: stored.lastVersion + 1,
      eventId: null,
      message: `${streamName} ends at version ${stored.lastVersion}, but was checkpointed at version ${version}: events ${stored.lastVersion + 1}..${version} are gone`,
    };
  }
  if (stored.anchoredHash !== checkpoint.hash) {
    return {
      streamName,
      reason: 'checkpoint_hash_mismatch',
      version,
      eventId: stored.anchoredEventId ?? null,
      message: `event ${version} of ${streamName} does not have the hash it was checkpointed with: it, or an event before it, was rewritten`,
    };
  }
  return undefined;
}

/** The stored head of a stream read whole, as checkAnchor wants it. */
export function storedHeadOf(events: readonly RecordedEvent[], anchoredVersion: number): StoredHead | undefined {
  if (events.length === 0) return undefined;
  const anchored = events.find((e) => e.version === anchoredVersion);
  return {
    lastVersion: events[events.length - 1]!.version,
    ...(anchored ? { anchoredHash: anchored.metadata['hash'] as string, anchoredEventId: anchored.id } : {}),
  };
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
  /** Checks the proof of every person's action too (see checkProof); unset: the chain only. */
  readonly actionVerifier?: ActionVerifier;
  /**
   * The streams' signed checkpoints (of the same prefixes): each is compared
   * with the store (checkAnchor). Read them before verifying, so that every
   * event a checkpoint names was settled before the pass began.
   */
  readonly checkpoints?: Iterable<StreamCheckpoint> | AsyncIterable<StreamCheckpoint>;
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
  /** People's actions recorded before signing began (no proof), counted apart: not failures. */
  readonly unsignedBeforeSigning: number;
  /** Events verified under each hash version (up to each stream's first break). */
  readonly hashVersions: HashVersionCounts;
  /** Checkpoints compared (0 without `checkpoints`). */
  readonly checkpoints: number;
  /** Streams the store and their checkpoints disagree on, by stream name. */
  readonly anchorProblems: readonly AnchorProblem[];
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
  const heads = new Map<string, { version: number; hash: string; proofs: ProofState; hashes: HashVersionState }>();
  const hashVersions: HashVersionCounts = { 1: 0, 2: 0 };
  const verifier = options.actionVerifier;
  let unsignedBeforeSigning = 0;
  const failures: StreamChainFailure[] = [];
  const progressEvery = options.progressEvery ?? 10_000;
  let events = 0;
  let nextProgress = progressEvery;
  let position: Position = { commit: -1n, prepare: -1n };
  const report = (): void =>
    options.onProgress?.({ events, streams: heads.size, brokenStreams: failures.length, position });

  const anchors = new Map<string, StreamCheckpoint>();
  if (options.checkpoints) for await (const c of options.checkpoints) anchors.set(c.streamName, c);
  const stored = new Map<string, { lastVersion: number; anchoredHash?: string; anchoredEventId?: string }>();

  const readOptions = options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : undefined;
  for await (const page of readAllInPages(store, readOptions)) {
    for (let i = 0; i < page.length; i++) {
      const event = page[i]!;
      const anchor = anchors.get(event.streamName);
      if (anchor) {
        let seen = stored.get(event.streamName);
        if (!seen) stored.set(event.streamName, (seen = { lastVersion: 0 }));
        seen.lastVersion = Math.max(seen.lastVersion, event.version);
        if (event.version === anchor.version) {
          seen.anchoredHash = event.metadata['hash'] as string;
          seen.anchoredEventId = event.id;
        }
      }
      let head = heads.get(event.streamName);
      if (!head) {
        head = { version: 0, hash: GENESIS_HASH, proofs: { signingBegan: false }, hashes: { v2Began: false } };
        heads.set(event.streamName, head);
      }
      if (head.version < 0) continue;
      let reason = checkLink(event, head.version, head.hash, { state: head.hashes, counts: hashVersions });
      if (!reason && verifier) {
        const proof = checkProof(event, verifier, head.proofs);
        reason = proof.reason;
        if (proof.unsigned) unsignedBeforeSigning++;
      }
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
  const anchorProblems: AnchorProblem[] = [];
  for (const anchor of [...anchors.values()].sort((a, b) => (a.streamName < b.streamName ? -1 : 1))) {
    const problem = checkAnchor(anchor, stored.get(anchor.streamName), verifier);
    if (problem) anchorProblems.push(problem);
  }
  return {
    ok: failures.length === 0 && anchorProblems.length === 0,
    events,
    streams: heads.size,
    brokenStreams: failures.length,
    failures,
    unsignedBeforeSigning,
    hashVersions,
    checkpoints: anchors.size,
    anchorProblems,
    position,
  };
}
