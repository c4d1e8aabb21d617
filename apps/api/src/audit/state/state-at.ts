import type { RecordedEvent } from '@laurel/infra/event-store/port';
import type { AsOf } from './get-state-at.query';

/** The domain time of an event; a damaged event without one falls back to when it was recorded. */
export function eventTime(event: RecordedEvent): number {
  const at = event.data['at'];
  const parsed = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  return Number.isNaN(parsed) ? Date.parse(event.recordedAt) : parsed;
}

/** The prefix of the history that `asOf` names (see AsOf). */
export function eventsAsOf(events: readonly RecordedEvent[], asOf: AsOf): readonly RecordedEvent[] {
  if (asOf === undefined) return events;
  const end =
    'version' in asOf
      ? events.findIndex((e) => e.version > asOf.version)
      : events.findIndex((e) => eventTime(e) > Date.parse(asOf.at));
  return end < 0 ? events : events.slice(0, end);
}
