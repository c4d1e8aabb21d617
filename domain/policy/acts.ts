import type { NominationCommandType } from '../nomination/commands';
import type { Stage } from '../nomination/state';
import type { ActorRole, Nominee } from '../nomination/values';
import { TIMED_STAGES } from './deadlines';

/**
 * Who acts where: one row per command, read by the decider's role, stage and
 * separation-of-duty guards (domain/nomination/decide.ts), the API's access
 * check (apps/api/src/access/nomination-access.ts), the task inbox
 * (infra/projections/task-inbox/tasks.ts) and the reminder audiences
 * (workflows/nomination/notifications.ts).
 * Auditors read and admins operate; neither acts in a nomination, so neither
 * appears here. `system` is the workflow's timer.
 */

/**
 * Stage families for separation of duties: nobody acts at two of them in one
 * nomination. The Board's supplement requests and holds belong to the council
 * family because the Board prepares the council's review.
 */
export type StageFamily = 'proposal' | 'blockVote' | 'council' | 'decision';

export const STAGE_FAMILIES: readonly StageFamily[] = ['proposal', 'blockVote', 'council', 'decision'];

/**
 * Where an actor must sit to act on a nomination: its proposing unit, its
 * emulation block, or its province. `system` commands have no scope: no
 * person sends them.
 */
export type ScopeKind = 'proposing_unit' | 'block' | 'province';

/** A pending task of the inbox: the command a reviewer is expected to send next. */
export const TASK_ACTIONS = [
  'submit',
  'edit_draft',
  'vote',
  'close_block_vote',
  'give_opinion',
  'close_council_review',
  'request_supplement',
  'provide_supplement',
  'decide',
  'release_hold',
] as const;

export type TaskAction = (typeof TASK_ACTIONS)[number];

export interface ActRule {
  readonly roles: readonly ActorRole[];
  /** The stages in which the command may be sent; any other gives WRONG_STAGE. */
  readonly stages: readonly Stage[];
  readonly scope: ScopeKind | undefined;
  /**
   * The stage family it counts for (separation of duties), or undefined when
   * acting neither blocks nor is blocked by another stage (clerical, timers).
   */
  readonly family: StageFamily | undefined;
  /** A block vote is cast for one eligible member unit, and never by the proposing unit. */
  readonly forVotingUnit?: true;
  /** A council member from the proposing or the nominee's unit, or named recused at submission, may not act. */
  readonly recusal?: true;
  /** The inbox task that stands for the command while it is awaited; none for commands nobody waits on. */
  readonly task?: TaskAction;
}

const OPEN: readonly Stage[] = ['Draft', ...TIMED_STAGES, 'OnHold'];

/**
 * The table. Its order is the order in which the inbox lists a stage's tasks
 * and the reminders name their audiences.
 */
export const ACTS: Readonly<Record<NominationCommandType, ActRule>> = {
  DraftNomination: { roles: ['unit_officer'], stages: ['Initial'], scope: 'proposing_unit', family: 'proposal' },
  SubmitNomination: {
    roles: ['unit_head'],
    stages: ['Draft'],
    scope: 'proposing_unit',
    family: 'proposal',
    task: 'submit',
  },
  EditDraft: {
    roles: ['unit_officer'],
    stages: ['Draft'],
    scope: 'proposing_unit',
    family: 'proposal',
    task: 'edit_draft',
  },
  WithdrawNomination: { roles: ['unit_head'], stages: OPEN, scope: 'proposing_unit', family: 'proposal' },
  CastBlockVote: {
    roles: ['unit_head'],
    stages: ['BlockVote'],
    scope: 'block',
    family: 'blockVote',
    forVotingUnit: true,
    task: 'vote',
  },
  CloseBlockVote: {
    roles: ['block_leader'],
    stages: ['BlockVote'],
    scope: 'block',
    family: 'blockVote',
    task: 'close_block_vote',
  },
  RecordCouncilOpinion: {
    roles: ['council_member'],
    stages: ['CouncilReview'],
    scope: 'province',
    family: 'council',
    recusal: true,
    task: 'give_opinion',
  },
  CloseCouncilReview: {
    roles: ['board_officer'],
    stages: ['CouncilReview'],
    scope: 'province',
    family: 'council',
    task: 'close_council_review',
  },
  RequestSupplement: {
    roles: ['board_officer'],
    stages: ['CouncilReview'],
    scope: 'province',
    family: 'council',
    task: 'request_supplement',
  },
  ProvideSupplement: {
    roles: ['unit_officer'],
    stages: ['AwaitingSupplement'],
    scope: 'proposing_unit',
    family: 'proposal',
    task: 'provide_supplement',
  },
  IssueDecision: {
    roles: ['chairman'],
    stages: ['ProvincialDecision'],
    scope: 'province',
    family: 'decision',
    task: 'decide',
  },
  PlaceOnHold: { roles: ['board_officer'], stages: TIMED_STAGES, scope: 'province', family: 'council' },
  ReleaseHold: {
    roles: ['board_officer'],
    stages: ['OnHold'],
    scope: 'province',
    family: 'council',
    task: 'release_hold',
  },
  RevokeAward: { roles: ['chairman'], stages: ['Closed'], scope: 'province', family: 'decision' },
  // The Board prepares the documents; the chairman signs the decision. Clerical, not a stage act.
  RecordDocument: {
    roles: ['board_officer', 'chairman'],
    stages: [...OPEN, 'Closed'],
    scope: 'province',
    family: undefined,
  },
  ReachDeadline: { roles: ['system'], stages: TIMED_STAGES, scope: undefined, family: undefined },
  SendReminder: { roles: ['system'], stages: TIMED_STAGES, scope: undefined, family: undefined },
};

export function actRule(command: NominationCommandType): ActRule {
  return ACTS[command];
}

export function authorizeRole(role: ActorRole, command: NominationCommandType): boolean {
  return ACTS[command].roles.includes(role);
}

export function allowedAt(command: NominationCommandType, stage: Stage): boolean {
  return ACTS[command].stages.includes(stage);
}

/** A task and the command it stands for, with that command's row. */
export interface TaskRule extends ActRule {
  readonly command: NominationCommandType;
  readonly task: TaskAction;
  /** Tasks are a person's: one role each. */
  readonly role: ActorRole;
}

const TASK_RULES: readonly TaskRule[] = (Object.entries(ACTS) as [NominationCommandType, ActRule][]).flatMap(
  ([command, rule]) =>
    rule.task === undefined ? [] : [{ ...rule, command, task: rule.task, role: rule.roles[0] as ActorRole }],
);

/** The tasks awaited in a stage, in the table's order. */
export function tasksAt(stage: Stage): readonly TaskRule[] {
  return TASK_RULES.filter((rule) => rule.stages.includes(stage));
}

export function taskRule(task: TaskAction): TaskRule {
  const rule = TASK_RULES.find((r) => r.task === task);
  if (!rule) throw new TypeError(`no command stands for task ${task}`);
  return rule;
}

/** Where a nomination sits: fixed at drafting, never changed. */
export interface NominationPlace {
  readonly province: string;
  readonly blockId: string;
  readonly proposingUnitId: string;
}

/** Where an actor sits, as the directory or the token says. */
export interface ActorPlace {
  readonly unitId?: string | undefined;
  readonly blockId?: string | undefined;
  readonly province?: string | undefined;
}

/** Whether the actor sits where the scope kind asks: the nomination's proposing unit, block or province. */
export function inScope(scope: ScopeKind, nomination: NominationPlace, actor: ActorPlace): boolean {
  switch (scope) {
    case 'proposing_unit':
      return actor.unitId !== undefined && actor.unitId === nomination.proposingUnitId;
    case 'block':
      return actor.blockId !== undefined && actor.blockId === nomination.blockId;
    case 'province':
      return actor.province !== undefined && actor.province === nomination.province;
  }
}

/** What recusal reads of a nomination. */
export interface RecusalSubject {
  readonly proposingUnitId: string;
  readonly nominee: Pick<Nominee, 'unitId'>;
}

/**
 * The units whose council members recuse (domain/README.md, recusal): the
 * proposing unit and the nominee's own unit. Deduplicated, in that order.
 */
export function recusedUnitIds(nomination: RecusalSubject): string[] {
  const units = [nomination.proposingUnitId, nomination.nominee.unitId].filter(
    (unitId): unitId is string => typeof unitId === 'string' && unitId !== '',
  );
  return [...new Set(units)];
}

/**
 * Whether a council member recuses from this nomination: a member of the
 * proposing or the nominee's unit, or one named recused when it was submitted.
 * The one rule the decider, the submission's council list and the inbox share.
 */
export function isRecused(
  nomination: RecusalSubject,
  member: { readonly userId?: string; readonly unitId?: string | undefined },
  recusedMemberIds: readonly string[] = [],
): boolean {
  if (member.userId !== undefined && recusedMemberIds.includes(member.userId)) return true;
  return member.unitId !== undefined && recusedUnitIds(nomination).includes(member.unitId);
}
