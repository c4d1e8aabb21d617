import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/vi';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every province Laurel serves keeps Vietnam's time (each policy's `timeZoneOffset`, domain/policy/registry.ts). */
export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** `dd/MM/yyyy HH:mm` in the province's time zone, whatever the browser's own zone. */
export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return '';
  return dayjs(iso).tz(PROVINCE_TIME_ZONE).format('DD/MM/YYYY HH:mm');
}

/** `dd/MM/yyyy` in the province's time zone. */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) return '';
  return dayjs(iso).tz(PROVINCE_TIME_ZONE).format('DD/MM/YYYY');
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the province. */
export function provinceDay(instant: Date | string): string {
  return dayjs(instant).tz(PROVINCE_TIME_ZONE).format('YYYY-MM-DD');
}

/**
 * Working days from today to the deadline's day (Monday–Friday minus the given
 * holidays, both days in the province's zone): 0 = due today, negative = overdue
 * by that many working days. The holiday list comes from the API with the task,
 * so the browser does not keep a calendar of its own.
 */
export function workingDaysUntil(deadlineIso: string, now: Date, holidays: ReadonlySet<string> = new Set()): number {
  const from = dayjs.tz(provinceDay(now), PROVINCE_TIME_ZONE);
  const to = dayjs.tz(provinceDay(deadlineIso), PROVINCE_TIME_ZONE);
  const step = to.isBefore(from) ? -1 : 1;
  let count = 0;
  for (let day = from; !day.isSame(to, 'day');) {
    day = day.add(step, 'day');
    const weekday = day.day();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(day.format('YYYY-MM-DD'))) count += step;
  }
  return count;
}

export { dayjs };
