import { addWorkingDays, parseInstant } from './calendar';
import type { DeadlineSpec, PolicySet, WorkingCalendar } from './policy-set';

/** The stages that run against a clock. */
export type TimedStage = 'BlockVote' | 'CouncilReview' | 'AwaitingSupplement' | 'ProvincialDecision';

export const TIMED_STAGES: readonly TimedStage[] = [
  'BlockVote',
  'CouncilReview',
  'AwaitingSupplement',
  'ProvincialDecision',
];

/** What a stage-entering event records, so the workflow only sets timers from state. */
export interface StageTimes {
  readonly deadline: string;
  /** Absent when the stage is too short for a reminder to come before its deadline. */
  readonly reminderAt?: string;
}

export function deadlineSpecFor(policy: PolicySet, stage: TimedStage): DeadlineSpec {
  switch (stage) {
    case 'BlockVote':
      return policy.deadlines.blockVote;
    case 'CouncilReview':
      return policy.deadlines.councilReview;
    case 'AwaitingSupplement':
      return policy.deadlines.supplement;
    case 'ProvincialDecision':
      return policy.deadlines.decision;
  }
}

/** `fromIso` moved forward (or, with `direction` -1, back) by `spec`. */
export function computeDeadline(
  fromIso: string,
  spec: DeadlineSpec,
  calendar: WorkingCalendar,
  direction: 1 | -1 = 1,
): string {
  switch (spec.kind) {
    case 'workingDays':
      return addWorkingDays(fromIso, direction * spec.days, calendar);
    case 'duration':
      return new Date(parseInstant(fromIso) + direction * spec.ms).toISOString();
  }
}

/** The reminder instant for a deadline, or undefined if it would not fall after `fromIso`. */
export function reminderFor(policy: PolicySet, deadline: string, fromIso: string): string | undefined {
  const reminderAt = computeDeadline(deadline, policy.deadlines.reminderBefore, policy.calendar, -1);
  return parseInstant(reminderAt) > parseInstant(fromIso) ? reminderAt : undefined;
}

/** Deadline and reminder for a stage entered at `fromIso`. */
export function stageDeadlines(policy: PolicySet, stage: TimedStage, fromIso: string): StageTimes {
  const deadline = computeDeadline(fromIso, deadlineSpecFor(policy, stage), policy.calendar);
  return withReminder(policy, deadline, fromIso);
}

/** Stage times for a deadline fixed from outside (a supplement's due date). */
export function withReminder(policy: PolicySet, deadline: string, fromIso: string): StageTimes {
  const reminderAt = reminderFor(policy, deadline, fromIso);
  return reminderAt === undefined ? { deadline } : { deadline, reminderAt };
}
