// How our events map onto KurrentDB's: ids, expected versions, stream filters, and back to RecordedEvent.
import { createHash } from 'node:crypto';
import {
  NO_STREAM,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type Filter,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import stringify from 'safe-stable-stringify';
import { EventIdConflictError } from '../errors';
import { START, type AppendResult, type EventToAppend, type JsonObject, type RecordedEvent } from '../port';
import { isPlainObject, type PreparedEvent } from '../validation';

/**
 * KurrentDB event ids must be UUIDs, and ours are free-form strings; the
 * original id travels in the metadata under this key and is restored on read.
 */
export const EVENT_ID_METADATA_KEY = 'laurelEventId';

export function streamStateFor(version: number): AppendStreamState {
  return version === 0 ? NO_STREAM : BigInt(version - 1);
}

export function versionFromState(state: unknown): number | undefined {
  if (typeof state === 'bigint') return Number(state) + 1;
  if (state === NO_STREAM) return 0;
  return undefined;
}

export function filterFor(prefixes: readonly string[]): Filter {
  return prefixes.length > 0 ? streamNameFilter({ prefixes: [...prefixes] }) : excludeSystemEvents();
}

/**
 * A deterministic UUID (version 8, RFC 9562 custom) from the stream, the id and
 * the canonical content: equal retries collide on purpose, other content never does.
 */
export function eventUuid(streamName: string, event: Pick<EventToAppend, 'id' | 'type' | 'data' | 'metadata'>): string {
  const bytes = createHash('sha256')
    .update(stringify([streamName, event.id, event.type, event.data, event.metadata]) ?? '')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Did an earlier append store exactly these events? `window` holds the stored
 * events where they would be, in version order. Our ids with other content
 * there are an id conflict; none of our ids there means a plain version conflict.
 */
export function findRepeat(
  streamName: string,
  prepared: readonly PreparedEvent[],
  window: readonly RecordedEvent[],
): AppendResult | undefined {
  const ours = new Map(prepared.map((event, index) => [event.id, index]));
  const matches = window.filter((stored) => ours.has(stored.id));
  if (matches.length === 0) return undefined;
  for (const stored of matches) {
    const event = prepared[ours.get(stored.id)!]!;
    if (
      stored.type !== event.type ||
      stringify(stored.data) !== stringify(event.data) ||
      stringify(stored.metadata) !== stringify(event.metadata)
    ) {
      throw new EventIdConflictError(stored.id, streamName, 'already stored with other content');
    }
  }
  const first = matches[0]!;
  const consecutive =
    matches.length === prepared.length &&
    matches.every((stored, i) => stored.id === prepared[i]!.id && stored.version === first.version + i);
  if (!consecutive)
    throw new EventIdConflictError(first.id, streamName, 'stored by an append with a different batch of events');
  const last = matches[matches.length - 1]!;
  return { nextVersion: last.version, position: last.position };
}

export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || event.streamId.startsWith('$')) return undefined;
  const data = event.data;
  const rawMetadata = event.metadata;
  if (!isPlainObject(data)) return undefined;
  const metadata: Record<string, unknown> = isPlainObject(rawMetadata) ? { ...rawMetadata } : {};
  const storedId = metadata[EVENT_ID_METADATA_KEY];
  delete metadata[EVENT_ID_METADATA_KEY];
  const position =
    event.position ??
    (resolved.commitPosition !== undefined
      ? { commit: resolved.commitPosition, prepare: resolved.commitPosition }
      : START);
  return {
    id: typeof storedId === 'string' ? storedId : event.id,
    type: event.type,
    data: data as JsonObject,
    metadata: metadata as JsonObject,
    streamName: event.streamId,
    version: Number(event.revision) + 1,
    position: { commit: position.commit, prepare: position.prepare },
    recordedAt: event.created.toISOString(),
  };
}
