import { addWorkingDays, isIsoInstant, isWorkingDay, localDate, workingDaysBetween } from './calendar';
import { computeDeadline, reminderFor, stageDeadlines } from './deadlines';
import { defaultPolicies, fastTestPolicy, resolvePolicy } from './registry';
import type { WorkingCalendar } from './policy-set';

const policy = resolvePolicy(defaultPolicies, 'lao-cai', '2024-12-01');
const calendar = policy.calendar;
const plain: WorkingCalendar = { timeZoneOffset: '+07:00', holidays: [], makeUpWorkingDays: [] };

describe('working days', () => {
  it.each([
    ['Friday + 1 is Monday', '2024-12-06T09:00:00+07:00', 1, '2024-12-09T02:00:00.000Z'],
    ['Monday + 10 is Monday two weeks on', '2024-12-02T09:00:00+07:00', 10, '2024-12-16T02:00:00.000Z'],
    ['Saturday + 1 is Monday', '2024-12-07T09:00:00+07:00', 1, '2024-12-09T02:00:00.000Z'],
    ['Monday - 1 is the Friday before', '2024-12-09T09:00:00+07:00', -1, '2024-12-06T02:00:00.000Z'],
    ['+ 0 is the same instant', '2024-12-07T09:00:00+07:00', 0, '2024-12-07T02:00:00.000Z'],
    ["New Year's Day is skipped", '2024-12-31T09:00:00+07:00', 1, '2025-01-02T02:00:00.000Z'],
    ['Tết Ất Tỵ (27–31 Jan 2025) is skipped', '2025-01-24T09:00:00+07:00', 1, '2025-02-03T02:00:00.000Z'],
    // 6, 7 Feb; 8–14 Feb off for Tết Giáp Thìn; then 15, 16, 19 … 26 Feb.
    ['10 days across Tết Giáp Thìn 2024', '2024-02-05T09:00:00+07:00', 10, '2024-02-26T02:00:00.000Z'],
    ['30/4, 1/5 and the swapped 2/5 of 2025 are skipped', '2025-04-29T09:00:00+07:00', 1, '2025-05-05T02:00:00.000Z'],
    ['the make-up Saturday 26/4/2025 is a working day', '2025-04-25T09:00:00+07:00', 1, '2025-04-26T02:00:00.000Z'],
    ['Hùng Kings 2026 falls on Sunday: Monday 27/4 is off', '2026-04-24T09:00:00+07:00', 1, '2026-04-28T02:00:00.000Z'],
    ['National Day 2026: 31/8 swapped, 1/9 and 2/9 off', '2026-08-28T09:00:00+07:00', 1, '2026-09-03T02:00:00.000Z'],
  ])('%s', (_name, start, days, expected) => {
    expect(addWorkingDays(start, days, calendar)).toBe(expected);
  });

  it("counts by the province's local day, not the UTC day", () => {
    // 18:00Z on Friday is already 01:00 on Saturday in Vietnam, so the next working day is Monday
    // 01:00 local (Sunday 18:00Z); counting UTC days would give Monday 18:00Z, a day late.
    expect(localDate('2024-12-06T18:00:00Z', plain)).toBe('2024-12-07');
    expect(addWorkingDays('2024-12-06T18:00:00Z', 1, plain)).toBe('2024-12-08T18:00:00.000Z');
    // 16:30Z on Friday is 23:30 Friday local: + 1 is Monday 23:30 local.
    expect(addWorkingDays('2024-12-06T16:30:00Z', 1, plain)).toBe('2024-12-09T16:30:00.000Z');
  });

  it('refuses a fractional number of days', () => {
    expect(() => addWorkingDays('2024-12-06T09:00:00+07:00', 1.5, plain)).toThrow(RangeError);
  });

  it('knows weekends, holidays and make-up days', () => {
    expect(isWorkingDay('2024-12-07', calendar)).toBe(false);
    expect(isWorkingDay('2025-09-02', calendar)).toBe(false);
    expect(isWorkingDay('2024-05-04', calendar)).toBe(true);
    expect(isWorkingDay('2024-12-09', calendar)).toBe(true);
  });

  it('counts working days between two instants', () => {
    expect(workingDaysBetween('2025-01-24T09:00:00+07:00', '2025-02-03T09:00:00+07:00', calendar)).toBe(1);
    expect(workingDaysBetween('2024-12-02T09:00:00+07:00', '2024-12-16T09:00:00+07:00', calendar)).toBe(10);
  });

  it('every listed holiday is a real weekday date, and every make-up day a weekend', () => {
    for (const day of calendar.holidays) {
      expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day);
      expect([1, 2, 3, 4, 5]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
    }
    for (const day of calendar.makeUpWorkingDays) expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
  });
});

describe('deadlines', () => {
  it('a duration deadline is plain arithmetic', () => {
    expect(computeDeadline('2024-12-07T09:00:00+07:00', { kind: 'duration', ms: 10_000 }, calendar)).toBe(
      '2024-12-07T02:00:10.000Z',
    );
  });

  it('each stage has its period: 10, 10, 20 and 10 working days', () => {
    const from = '2024-12-02T09:00:00+07:00';
    expect(stageDeadlines(policy, 'BlockVote', from)).toEqual({
      deadline: '2024-12-16T02:00:00.000Z',
      reminderAt: '2024-12-12T02:00:00.000Z',
    });
    expect(stageDeadlines(policy, 'AwaitingSupplement', from).deadline).toBe('2024-12-16T02:00:00.000Z');
    expect(stageDeadlines(policy, 'CouncilReview', from).deadline).toBe('2024-12-30T02:00:00.000Z');
    expect(stageDeadlines(policy, 'ProvincialDecision', from).deadline).toBe('2024-12-16T02:00:00.000Z');
  });

  it('a reminder before the deadline skips holidays too', () => {
    // Deadline Monday 3 Feb 2025: 2 working days before is Thursday 23 Jan, across Tết.
    expect(reminderFor(policy, '2025-02-03T02:00:00.000Z', '2025-01-01T00:00:00Z')).toBe('2025-01-23T02:00:00.000Z');
  });

  it('no reminder when it would not come after the start', () => {
    expect(reminderFor(policy, '2024-12-03T02:00:00.000Z', '2024-12-02T02:00:00.000Z')).toBeUndefined();
    expect(
      stageDeadlines(
        {
          ...fastTestPolicy,
          deadlines: { ...fastTestPolicy.deadlines, reminderBefore: { kind: 'duration', ms: 20_000 } },
        },
        'BlockVote',
        '2024-12-02T02:00:00.000Z',
      ),
    ).toEqual({
      deadline: '2024-12-02T02:00:10.000Z',
    });
  });

  it('ISO instants must name their zone', () => {
    expect(isIsoInstant('2024-12-02T09:00:00+07:00')).toBe(true);
    expect(isIsoInstant('2024-12-02T02:00:00.000Z')).toBe(true);
    expect(isIsoInstant('2024-12-02T09:00:00')).toBe(false);
    expect(isIsoInstant('2024-12-02')).toBe(false);
    expect(isIsoInstant('2024-13-02T09:00:00Z')).toBe(false);
  });
});
