import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import {
  REPORTED_OUTCOMES,
  type NominationState,
  type PolicyRef,
  type ReportedOutcome,
  type Stage,
} from '@laurel/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { NominationListItem, NominationListQuery, NominationPage } from '../projections/read-models';
import { awardTypeSchema } from './request-schemas';

const STAGES = [
  'Draft',
  'BlockVote',
  'CouncilReview',
  'AwaitingSupplement',
  'ProvincialDecision',
  'OnHold',
  'Closed',
] as const satisfies readonly Stage[];

export const listNominationsQuerySchema = z
  .object({
    stage: z.enum(STAGES).optional(),
    outcome: z.enum(REPORTED_OUTCOMES as [ReportedOutcome, ...ReportedOutcome[]]).optional(),
    block: z.string().trim().min(1).max(200).optional(),
    unit: z.string().trim().min(1).max(200).optional(),
    year: z.coerce.number().int().min(2000).max(2200).optional(),
    awardType: awardTypeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: z.string().min(1).max(500).optional().meta({ description: 'the nextCursor of the previous page' }),
    position: z.string().optional().meta({ description: 'Wait until the read models reach this store position.' }),
  })
  .strict();

export type ListNominationsRequest = z.output<typeof listNominationsQuerySchema>;

/** The list query's filters; the read side adds what the caller may see. */
export type ListNominationsFilter = Omit<NominationListQuery, 'scope'>;

export type NominationListResponse = NominationPage;

/** The nominations the caller may see, filtered, newest draft first. */
export class ListNominationsQuery extends Query<NominationListResponse> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly filter: ListNominationsFilter,
  ) {
    super();
  }
}

export interface NominationDetail {
  readonly nominationId: string;
  readonly stage: Stage;
  /** `Revoked` for an award revoked after it was given; the state keeps `outcome: 'Awarded'` and the revocation. */
  readonly outcome: ReportedOutcome | null;
  /** The list row (deadline, overdue, position reached); null when read from the workflow. */
  readonly summary: NominationListItem | null;
  /** The nomination's state: from the projection, or from the workflow when the projection has not got it yet. */
  readonly state: NominationState;
  readonly source: 'projection' | 'workflow';
  /**
   * Where the eligibility rules come from: the award's legal basis and the
   * rule set's own sources, under the policy version the submission was judged
   * by (the draft's before submission). Null if that version is unknown here.
   */
  readonly eligibilityBasis: EligibilityBasis | null;
}

export interface EligibilityBasis {
  readonly policy: PolicyRef;
  readonly awardLegalBasis: string | null;
  readonly policyLegalBasis: readonly string[];
}

/** One nomination, secret ballots sealed. */
export class GetNominationQuery extends Query<NominationDetail> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
  ) {
    super();
  }
}
