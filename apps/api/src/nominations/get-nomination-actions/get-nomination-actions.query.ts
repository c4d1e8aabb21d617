import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import type { NominationCommandType, Stage } from '@laurel/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { named, type Described } from '../../common/openapi';
import { stageSchema } from '../nomination-response-schemas';

/** The actions a person can take in a nomination: every command but the draft itself and the timers. */
export const USER_ACTIONS = [
  'EditDraft',
  'SubmitNomination',
  'WithdrawNomination',
  'CastBlockVote',
  'CloseBlockVote',
  'RecordCouncilOpinion',
  'CloseCouncilReview',
  'RequestSupplement',
  'ProvideSupplement',
  'PlaceOnHold',
  'ReleaseHold',
  'IssueDecision',
  'RevokeAward',
] as const satisfies readonly NominationCommandType[];
export type UserAction = (typeof USER_ACTIONS)[number];

export type ActionAvailability =
  | { readonly action: UserAction; readonly allowed: true }
  | { readonly action: UserAction; readonly allowed: false; readonly code: string; readonly message: string };

export interface NominationActions {
  readonly nominationId: string;
  readonly stage: Stage;
  readonly actions: readonly ActionAvailability[];
}

export const nominationActionsSchema = named(
  'NominationActions',
  z.object({
    nominationId: z.string(),
    stage: stageSchema,
    actions: z.array(
      z.discriminatedUnion('allowed', [
        z.object({ action: z.enum(USER_ACTIONS), allowed: z.literal(true) }),
        z.object({
          action: z.enum(USER_ACTIONS),
          allowed: z.literal(false),
          code: z.string().meta({ description: 'the refusal the action would meet now', example: 'OWN_UNIT_VOTE' }),
          message: z.string(),
        }),
      ]),
    ),
  }),
);

export type NominationActionsDescribed = Described<NominationActions, typeof nominationActionsSchema>;

/** What the caller could do in this nomination now: a dry run of each action, nothing appended. */
export class GetNominationActionsQuery extends Query<NominationActions> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
  ) {
    super();
  }
}
