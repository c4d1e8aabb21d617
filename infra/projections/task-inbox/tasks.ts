import {
  defaultPolicies,
  findPolicy,
  recusedUnitIds,
  tasksAt,
  TASK_ACTIONS,
  type ActiveState,
  type NominationEvent,
  type NominationState,
  type PolicyRegistry,
  type Role,
  type Stage,
  type StageFamily,
  type TaskAction,
  type TaskRule,
} from '@laurel/domain';
import type { StageEntry } from '../projection';

/**
 * Which tasks a nomination's state leaves open, as a pure function of that
 * state: the projection diffs the tasks before and after each event, so a
 * replay derives exactly the same rows. Which task stands for which command,
 * in which stage, for which role and scope, is the domain's table of who acts
 * where (domain/policy/acts.ts), which the reminders read too.
 */

export { TASK_ACTIONS, type TaskAction };
export type TaskStatus = 'pending' | 'done' | 'cancelled';

/** The nomination as an inbox shows it beside each task. */
export interface TaskSummary {
  readonly nomineeName: string;
  readonly awardType: string;
  readonly campaignYear: number;
  readonly province: string;
  readonly proposingUnitId: string;
  readonly blockId: string;
}

export interface TaskRow {
  readonly taskId: string;
  readonly nominationId: string;
  readonly action: TaskAction;
  readonly role: Role;
  /** 'unit:<id>', 'block:<id>' or 'province:<slug>': what a user must hold to see the task. */
  readonly scope: string;
  readonly unitId: string | null;
  readonly blockId: string | null;
  readonly stage: Stage;
  readonly stageEnteredVersion: number;
  /** The stage deadline; null in stages without a clock (Draft, OnHold). */
  readonly dueAt: string | null;
  /** Users who may not take the task: recused, already answered, or acted at another stage. */
  readonly excludedUserIds: readonly string[];
  /** Users of these units may not take it (a council member from the proposing or nominee's unit recuses). */
  readonly excludedUnitIds: readonly string[];
  readonly summary: TaskSummary;
  readonly status: TaskStatus;
  readonly createdAt: string;
  readonly completedBy: string | null;
  readonly completedAt: string | null;
}

export interface TaskRules {
  /** Resolves the supplement limit of the policy a nomination runs under. */
  readonly policies?: PolicyRegistry;
}

/** Default when a nomination names a policy the registry does not know: once only [practice]. */
const FALLBACK_MAX_SUPPLEMENTS = 1;

function othersFamilies(state: ActiveState, family: StageFamily | undefined): string[] {
  const users = new Set<string>();
  for (const [f, ids] of Object.entries(state.participants) as [StageFamily, readonly string[]][]) {
    if (f !== family) for (const id of ids) users.add(id);
  }
  return [...users];
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The pending tasks of a nomination in this state, entered at `entry`. */
export function pendingTasks(state: NominationState, entry: StageEntry, rules: TaskRules = {}): TaskRow[] {
  if (state.stage === 'Initial' || state.stage === 'Closed') return [];
  const active: ActiveState = state;
  const { nomination } = state;
  const summary: TaskSummary = {
    nomineeName: nomination.nominee.name,
    awardType: nomination.awardType,
    campaignYear: nomination.campaignYear,
    province: nomination.province,
    proposingUnitId: nomination.proposingUnitId,
    blockId: nomination.blockId,
  };
  const dueAt = state.stage === 'Draft' || state.stage === 'OnHold' ? null : (state.stageDeadline ?? null);
  const base = `${nomination.nominationId}:${entry.version}`;

  function task(
    rule: TaskRule,
    where: { unitId?: string; blockId?: string },
    extra: { key?: string; excludedUserIds?: readonly string[]; excludedUnitIds?: readonly string[] } = {},
  ): TaskRow {
    const action = rule.task;
    const unitId = where.unitId ?? null;
    const blockId = where.blockId ?? null;
    return {
      taskId: extra.key === undefined ? `${base}:${action}` : `${base}:${action}:${extra.key}`,
      nominationId: nomination.nominationId,
      action,
      role: rule.role as Role,
      scope:
        unitId !== null ? `unit:${unitId}` : blockId !== null ? `block:${blockId}` : `province:${nomination.province}`,
      unitId,
      blockId,
      stage: state.stage,
      stageEnteredVersion: entry.version,
      dueAt,
      excludedUserIds: sorted([...othersFamilies(active, rule.family), ...(extra.excludedUserIds ?? [])]),
      excludedUnitIds: sorted(extra.excludedUnitIds ?? []),
      summary,
      status: 'pending',
      createdAt: entry.at,
      completedBy: null,
      completedAt: null,
    };
  }

  /** Where a task waits, by its command's scope kind: the proposing unit, the block, or the province. */
  function place(rule: TaskRule): { unitId?: string; blockId?: string } {
    switch (rule.scope) {
      case 'proposing_unit':
        return { unitId: nomination.proposingUnitId };
      case 'block':
        return { blockId: nomination.blockId };
      default:
        return {};
    }
  }

  // A vote or review that has been closed (and not yet followed by the next stage's opening) leaves nothing to do.
  if (state.stage === 'BlockVote' && state.blockVote.tally) return [];
  if (state.stage === 'CouncilReview' && state.council.tally) return [];
  return tasksAt(state.stage).flatMap((rule): TaskRow[] => {
    switch (rule.task) {
      case 'vote': {
        if (state.stage !== 'BlockVote') return [];
        const voted = new Set(state.blockVote.votes.map((v) => v.unitId));
        return state.blockVote.eligibleVoterUnitIds
          .filter((unitId) => !voted.has(unitId))
          .map((unitId) => task(rule, { unitId, blockId: nomination.blockId }, { key: unitId }));
      }
      case 'give_opinion':
        if (state.stage !== 'CouncilReview') return [];
        return [
          task(rule, place(rule), {
            excludedUserIds: [...state.council.recusedMemberIds, ...state.council.opinions.map((o) => o.memberId)],
            excludedUnitIds: recusedUnitIds(nomination),
          }),
        ];
      case 'request_supplement': {
        if (state.stage !== 'CouncilReview') return [];
        const policy = findPolicy(rules.policies ?? defaultPolicies, nomination.policy.id, nomination.policy.version);
        const maxRequests = policy?.supplement.maxRequests ?? FALLBACK_MAX_SUPPLEMENTS;
        return state.supplementCount < maxRequests ? [task(rule, place(rule))] : [];
      }
      default:
        return [task(rule, place(rule))];
    }
  });
}

/**
 * Who completed a task that the event took off the list; undefined when the
 * event merely ended its stage (the task is then cancelled). `by: null` for a
 * task completed collectively (every council member answered).
 */
export function completionOf(task: TaskRow, event: NominationEvent): { by: string | null } | undefined {
  const by = { by: event.data.by.userId };
  switch (event.type) {
    case 'NominationSubmitted':
      return task.action === 'submit' ? by : undefined;
    case 'BlockVoteCast':
      return task.action === 'vote' && task.unitId === event.data.unitId ? by : undefined;
    case 'BlockVoteClosed':
      return task.action === 'close_block_vote' && event.data.closedBy === 'leader' ? by : undefined;
    case 'CouncilReviewClosed':
      if (task.action === 'close_council_review' && event.data.closedBy === 'board_officer') return by;
      return task.action === 'give_opinion' && event.data.closedBy === 'all_responded' ? { by: null } : undefined;
    case 'SupplementRequested':
      return task.action === 'request_supplement' ? by : undefined;
    case 'SupplementProvided':
      return task.action === 'provide_supplement' ? by : undefined;
    case 'DecisionIssued':
      return task.action === 'decide' ? by : undefined;
    case 'NominationReleasedFromHold':
      return task.action === 'release_hold' ? by : undefined;
    default:
      return undefined;
  }
}

/** A pending task taken off the list by `event`: done by someone, or cancelled with its stage. */
export function closeTask(task: TaskRow, event: NominationEvent): TaskRow {
  const completion = completionOf(task, event);
  return {
    ...task,
    status: completion ? 'done' : 'cancelled',
    completedBy: completion?.by ?? null,
    completedAt: event.data.at,
  };
}

/**
 * A council member's own record of having answered: the shared opinion task
 * stays open for the others, so the answer is kept as a done row of its own
 * (for the member's `?status=done` list). Secret ballots show only that the
 * member answered, never how.
 */
export function answeredTask(shared: TaskRow, memberId: string, at: string): TaskRow {
  return {
    ...shared,
    taskId: `${shared.taskId}:${memberId}`,
    excludedUserIds: [],
    excludedUnitIds: [],
    status: 'done',
    completedBy: memberId,
    completedAt: at,
  };
}

export function sameTask(a: TaskRow, b: TaskRow): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
