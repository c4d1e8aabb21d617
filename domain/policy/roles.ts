import type { NominationCommandType } from '../nomination/commands';
import type { ActorRole } from '../nomination/values';

/**
 * DOMAIN.md's role table as data. Auditors read and admins operate; neither
 * acts in a nomination, so neither appears here. `system` is the workflow's
 * timer and may only report deadlines and reminders.
 */
export const COMMAND_ROLES: Readonly<Record<NominationCommandType, readonly ActorRole[]>> = {
  DraftNomination: ['unit_officer'],
  EditDraft: ['unit_officer'],
  ProvideSupplement: ['unit_officer'],
  SubmitNomination: ['unit_head'],
  WithdrawNomination: ['unit_head'],
  CastBlockVote: ['unit_head'],
  CloseBlockVote: ['block_leader'],
  RequestSupplement: ['board_officer'],
  CloseCouncilReview: ['board_officer'],
  PlaceOnHold: ['board_officer'],
  ReleaseHold: ['board_officer'],
  RecordCouncilOpinion: ['council_member'],
  IssueDecision: ['chairman'],
  RevokeAward: ['chairman'],
  // The Board prepares the documents; the chairman signs the decision.
  RecordDocument: ['board_officer', 'chairman'],
  ReachDeadline: ['system'],
  SendReminder: ['system'],
};

export function authorizeRole(role: ActorRole, commandType: NominationCommandType): boolean {
  return COMMAND_ROLES[commandType].includes(role);
}

/**
 * Stage families for separation of duties: nobody acts at two of them in one
 * nomination. The Board's supplement requests and holds belong to the council
 * family because the Board prepares the council's review.
 */
export type StageFamily = 'proposal' | 'blockVote' | 'council' | 'decision';

export const STAGE_FAMILIES: readonly StageFamily[] = ['proposal', 'blockVote', 'council', 'decision'];

export const COMMAND_FAMILY: Readonly<Record<NominationCommandType, StageFamily | undefined>> = {
  DraftNomination: 'proposal',
  EditDraft: 'proposal',
  SubmitNomination: 'proposal',
  WithdrawNomination: 'proposal',
  ProvideSupplement: 'proposal',
  CastBlockVote: 'blockVote',
  CloseBlockVote: 'blockVote',
  RecordCouncilOpinion: 'council',
  CloseCouncilReview: 'council',
  RequestSupplement: 'council',
  PlaceOnHold: 'council',
  ReleaseHold: 'council',
  IssueDecision: 'decision',
  RevokeAward: 'decision',
  // Issuing a document of the record is clerical, not a stage act: it never blocks a later stage.
  RecordDocument: undefined,
  ReachDeadline: undefined,
  SendReminder: undefined,
};
