import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import type { JsonObject } from '../event-store/port';

/** `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: keys sorted (UTF-16 code unit order), no white space, and a
 * throw — never a silent substitute — for anything that is not plain JSON.
 */
const canonicalJson = configure({ deterministic: true, strict: true, circularValue: Error, bigint: false });

/** The parts of an event the hash covers. */
export interface HashedEventFields {
  readonly streamName: string;
  readonly version: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  /** Includes `prevHash`; a `hash` key, if present, is left out. */
  readonly metadata: JsonObject;
}

export function canonicalEventJson(event: HashedEventFields): string {
  const { hash: _excluded, ...metadata } = event.metadata;
  const text = canonicalJson({
    streamName: event.streamName,
    version: event.version,
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
  });
  if (text === undefined) throw new TypeError('event is not serialisable');
  return text;
}

/** sha256, lower-case hex, over the canonical JSON of the event without its own hash. */
export function eventHash(event: HashedEventFields): string {
  return createHash('sha256').update(canonicalEventJson(event)).digest('hex');
}
