import { parseInstant, resolvePolicy, workingDaysBetween, type PolicyRegistry } from '@laurel/domain';

/** How a task's deadline stands today, by the province's working-day calendar (holidays included). */
export interface TaskDeadlineStanding {
  /**
   * Working days from today's local day to the deadline's: 0 = due today,
   * negative = that many working days late; null when the stage has no deadline.
   */
  readonly workingDaysLeft: number | null;
  /** The deadline has passed (to the minute, not the day). */
  readonly overdue: boolean;
}

export function deadlineStanding(
  policies: PolicyRegistry,
  province: string,
  dueAt: string | null,
  now: Date,
): TaskDeadlineStanding {
  if (dueAt === null) return { workingDaysLeft: null, overdue: false };
  const nowIso = now.toISOString();
  const { calendar } = resolvePolicy(policies, province, nowIso);
  const overdue = parseInstant(dueAt) < now.getTime();
  const workingDaysLeft =
    parseInstant(dueAt) >= now.getTime()
      ? workingDaysBetween(nowIso, dueAt, calendar)
      : -workingDaysBetween(dueAt, nowIso, calendar);
  return { workingDaysLeft, overdue };
}
