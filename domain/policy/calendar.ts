import type { WorkingCalendar } from './policy-set';

const DAY_MS = 24 * 60 * 60 * 1000;

/** '+07:00' → 25 200 000. Throws on a malformed offset: that is a policy bug, not user input. */
export function offsetMs(timeZoneOffset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(timeZoneOffset);
  if (!match) throw new RangeError(`bad time zone offset "${timeZoneOffset}" (expected ±HH:MM)`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -1 : 1) * minutes * 60 * 1000;
}

export function parseInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: "${iso}"`);
  return ms;
}

/** True for a string that parses as an instant and names its zone (Z or an offset): a bare local time is ambiguous. */
export function isIsoInstant(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the calendar's time zone. */
export function localDate(iso: string, calendar: WorkingCalendar): string {
  return new Date(parseInstant(iso) + offsetMs(calendar.timeZoneOffset)).toISOString().slice(0, 10);
}

/**
 * The last millisecond of a local calendar day (YYYY-MM-DD) in the calendar's
 * time zone, as an ISO instant in UTC: a due date given as a day means the
 * end of that day where the province is.
 */
export function endOfLocalDay(isoDate: string, calendar: WorkingCalendar): string {
  if (!isIsoDate(isoDate)) throw new RangeError(`not a calendar date: "${isoDate}"`);
  return new Date(parseInstant(`${isoDate}T23:59:59.999Z`) - offsetMs(calendar.timeZoneOffset)).toISOString();
}

/** Monday–Friday, minus holidays, plus make-up weekend days. */
export function isWorkingDay(isoDate: string, calendar: WorkingCalendar): boolean {
  if (calendar.makeUpWorkingDays.includes(isoDate)) return true;
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !calendar.holidays.includes(isoDate);
}

/**
 * Moves an instant by `days` working days (negative: backwards), keeping its
 * local time of day: Friday 09:00 + 1 → Monday 09:00. Starting on a day off
 * counts from the next working day, so Saturday 09:00 + 1 → Monday 09:00.
 * Returns an ISO instant in UTC.
 */
export function addWorkingDays(startIso: string, days: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(days)) throw new RangeError(`working days must be an integer, got ${days}`);
  const shift = offsetMs(calendar.timeZoneOffset);
  // Work in "local wall time expressed as UTC" so date arithmetic is plain day steps.
  let local = parseInstant(startIso) + shift;
  const step = days < 0 ? -DAY_MS : DAY_MS;
  let remaining = Math.abs(days);
  while (remaining > 0) {
    local += step;
    if (isWorkingDay(new Date(local).toISOString().slice(0, 10), calendar)) remaining -= 1;
  }
  return new Date(local - shift).toISOString();
}

/** Working days strictly after `fromIso`'s local day up to and including `toIso`'s local day. */
export function workingDaysBetween(fromIso: string, toIso: string, calendar: WorkingCalendar): number {
  const shift = offsetMs(calendar.timeZoneOffset);
  const startDay = Math.floor((parseInstant(fromIso) + shift) / DAY_MS);
  const endDay = Math.floor((parseInstant(toIso) + shift) / DAY_MS);
  let count = 0;
  for (let day = startDay + 1; day <= endDay; day += 1) {
    if (isWorkingDay(new Date(day * DAY_MS).toISOString().slice(0, 10), calendar)) count += 1;
  }
  return count;
}
