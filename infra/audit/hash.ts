import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { readEnvelope, type HashVersion } from '@laurel/domain';
import type { JsonObject } from '../event-store/port';

/** `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: keys sorted (UTF-16 code unit order), no white space, and a
 * throw — never a silent substitute — for anything that is not plain JSON.
 */
const canonicalJson = configure({ deterministic: true, strict: true, circularValue: Error, bigint: false });

/**
 * Hash versions, named in each event's `metadata.hashVersion` (absent: 1).
 * 1: the event without `recordedAt`. 2: with it, so moving `recorded_at` in
 * the table breaks the hash. Old events keep verifying under the rule they
 * were written with; a stream never goes back from 2 to 1 (see verify.ts).
 */
export const HASH_VERSION = 2;
export type { HashVersion };

/**
 * The version an event's hash was computed under, or undefined for one this
 * code does not know. Read by the stored-event codec, whose upcaster names
 * the version of events written before `hashVersion` existed (1).
 */
export function hashVersionOf(metadata: JsonObject): HashVersion | undefined {
  return readEnvelope(metadata).hashVersion;
}

/** The parts of an event the hash covers. */
export interface HashedEventFields {
  readonly streamName: string;
  readonly version: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  /** Includes `prevHash`; a `hash` key, if present, is left out. */
  readonly metadata: JsonObject;
  /** Covered from hash version 2 on (ISO-8601, milliseconds, UTC: as the store returns it). */
  readonly recordedAt?: string;
}

export function canonicalEventJson(event: HashedEventFields): string {
  const { hash: _excluded, ...metadata } = event.metadata;
  const version = hashVersionOf(event.metadata);
  if (version === undefined)
    throw new TypeError(`unknown hash version ${JSON.stringify(event.metadata['hashVersion'])}`);
  if (version === 2 && event.recordedAt === undefined) throw new TypeError('hash version 2 covers recordedAt');
  const text = canonicalJson({
    streamName: event.streamName,
    version: event.version,
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    ...(version === 2 ? { recordedAt: event.recordedAt } : {}),
  });
  if (text === undefined) throw new TypeError('event is not serialisable');
  return text;
}

/** sha256, lower-case hex, over the canonical JSON of the event without its own hash, by its hash version. */
export function eventHash(event: HashedEventFields): string {
  return createHash('sha256').update(canonicalEventJson(event)).digest('hex');
}
