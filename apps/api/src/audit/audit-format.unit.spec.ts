import type { RecordedEvent } from '@laurel/infra/event-store/port';
import { redactEventData } from './audit-events';
import { csvField } from './export/export-format';
import { eventsAsOf } from './state/state-at';

function event(version: number, at: string): RecordedEvent {
  return {
    id: `e${version}`,
    type: 'ReminderDue',
    data: { at },
    metadata: {},
    streamName: 'nomination-x',
    version,
    position: { commit: 1n, prepare: BigInt(version) },
    recordedAt: '2030-01-01T00:00:00.000Z',
  };
}

describe('audit formats', () => {
  it('quotes CSV fields only when they need it (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField(null)).toBe('');
    expect(csvField(7)).toBe('7');
  });

  it('seals only secret-ballot opinions', () => {
    expect(redactEventData('CouncilOpinionRecorded', { ballot: 'secret', recommendation: 'reject' })).toEqual({
      ballot: 'secret',
      recommendation: 'sealed',
    });
    const open = { ballot: 'open', recommendation: 'reject' };
    expect(redactEventData('CouncilOpinionRecorded', open)).toBe(open);
    const vote = { choice: 'reject' };
    expect(redactEventData('BlockVoteCast', vote)).toBe(vote);
  });

  it('takes the prefix of the history up to a version or an instant, inclusive', () => {
    const events = [
      event(1, '2026-01-01T00:00:00.000Z'),
      event(2, '2026-01-02T00:00:00.000Z'),
      event(3, '2026-01-02T00:00:00.000Z'),
    ];
    expect(eventsAsOf(events, { version: 2 }).map((e) => e.version)).toEqual([1, 2]);
    expect(eventsAsOf(events, { version: 0 })).toEqual([]);
    expect(eventsAsOf(events, { at: '2026-01-02T07:00:00+07:00' }).map((e) => e.version)).toEqual([1, 2, 3]);
    expect(eventsAsOf(events, { at: '2026-01-01T23:59:59.999Z' }).map((e) => e.version)).toEqual([1]);
    expect(eventsAsOf(events, undefined)).toBe(events);
  });
});
