import {
  decodeNominationEvent,
  fold,
  redactSecretBallots,
  type NominationEvent,
  type NominationState,
} from '@laurel/domain';
import type { JsonValue, RecordedEvent } from '../event-store/port';

/** The stream's side of reconciliation: its fold, and where two JSON values part. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function viaJson(value: unknown): JsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

/** The first JSON path at which two JSON values differ, or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return path || '(root)';
}

/** The state the stream folds to, as the `state` query would show it. */
export function foldStream(events: readonly RecordedEvent[]): NominationState {
  // Events the codec cannot read are reported separately (unknown_event_type); they fold as nothing.
  const known: NominationEvent[] = [];
  for (const event of events) {
    const decoded = decodeNominationEvent(event);
    if (decoded.ok) known.push(decoded.event);
  }
  return redactSecretBallots(fold(known));
}
