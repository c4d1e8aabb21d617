import { z } from 'zod';
import {
  NATIONAL_AWARD_TYPES,
  EVIDENCE_KINDS,
  INITIATIVE_SCOPES,
  REVOCATION_GROUNDS,
  ROLES,
  TIMED_STAGES,
  type EvidenceKind,
  type NominationState,
  type ReportedOutcome,
  type TimedStage,
  type TitleCode,
} from '@laurel/domain';
import { named, type Described } from '../common/openapi';
import { awardTypeSchema, localAwardTypeSchema } from './request-schemas';
import type { NominationListItem } from '../projections/read-models';
import type { NominationDetail, NominationListResponse } from './nomination-queries';

/**
 * What the nomination reads answer, as zod schemas for the OpenAPI document.
 * The domain's types stay the source of truth; the `Described` checks at the
 * end make a change there that the schemas do not follow a compile error.
 */

const STAGES = [
  'Initial',
  'Draft',
  'BlockVote',
  'CouncilReview',
  'AwaitingSupplement',
  'ProvincialDecision',
  'OnHold',
  'Closed',
] as const;
const OUTCOMES = ['Awarded', 'NotAwarded', 'Withdrawn', 'Expired'] as const;

export const stageSchema = z.enum(STAGES);
export const outcomeSchema = z.enum(OUTCOMES);
/** What the API reports: the state's outcome, or `Revoked` once an award has been revoked. */
export const reportedOutcomeSchema = z.enum([...OUTCOMES, 'Revoked'] as const satisfies readonly ReportedOutcome[]);
export const roleSchema = z.enum(ROLES);
const evidenceKindSchema = z.enum(EVIDENCE_KINDS as readonly EvidenceKind[] as [EvidenceKind, ...EvidenceKind[]]);
const timedStageSchema = z.enum(TIMED_STAGES as readonly TimedStage[] as [TimedStage, ...TimedStage[]]);
const withdrawableStageSchema = z.enum(['Draft', ...TIMED_STAGES, 'OnHold'] as [
  'Draft' | TimedStage | 'OnHold',
  ...('Draft' | TimedStage | 'OnHold')[],
]);
const titleCodeSchema = z
  .enum([
    'GrassrootsEmulationFighter',
    'AdvancedWorker',
    'AdvancedLabourCollective',
    'CertificateOfCommendation',
    ...NATIONAL_AWARD_TYPES,
  ] as const satisfies readonly TitleCode[])
  .or(localAwardTypeSchema);
const instant = z.string().meta({ description: 'ISO 8601 instant', example: '2025-03-14T02:30:00.000Z' });

export const policyRefSchema = named(
  'PolicyRef',
  z.object({ id: z.string().meta({ example: 'vn-national' }), version: z.number().int() }),
);

export const nomineeSchema = named(
  'Nominee',
  z.object({
    kind: z.enum(['individual', 'collective']),
    name: z.string().meta({ example: 'Nguyễn Thị Hương' }),
    unitId: z.string(),
    personId: z.string().optional(),
    position: z.string().optional(),
    frontLine: z.boolean().optional(),
    hardshipArea: z.boolean().optional(),
  }),
);

export const nomineeRecordSchema = named(
  'NomineeRecord',
  z.object({
    titles: z.array(
      z.object({ year: z.number().int(), title: titleCodeSchema, decisionNumber: z.string().optional() }),
    ),
    ratings: z.array(
      z.object({ year: z.number().int(), rating: z.enum(['Excellent', 'Good', 'Completed', 'NotCompleted']) }),
    ),
    initiatives: z.array(z.object({ year: z.number().int(), title: z.string(), scope: z.enum(INITIATIVE_SCOPES) })),
    memberStats: z
      .object({
        memberCount: z.number().int(),
        completedTasks: z.number().int(),
        advancedWorkers: z.number().int(),
        grassrootsFighters: z.number().int(),
      })
      .optional(),
    flags: z
      .object({
        acclaimedByBlock: z.boolean(),
        exceededTargets: z.boolean(),
        exemplary: z.boolean(),
        newModels: z.boolean(),
        underDisciplinaryReview: z.boolean(),
      })
      .partial()
      .optional(),
  }),
);

export const evidenceItemSchema = named(
  'Evidence',
  z.object({
    documentId: z.string(),
    title: z.string(),
    kind: evidenceKindSchema,
    sizeBytes: z.number().int(),
    sha256: z.string().meta({ description: 'lower-case hex SHA-256 of the file' }),
  }),
);

export const nominationSummarySchema = named(
  'NominationSummary',
  z.object({
    nominationId: z.string(),
    nominee: nomineeSchema,
    awardType: awardTypeSchema,
    campaignYear: z.number().int(),
    province: z.string(),
    proposingUnitId: z.string(),
    blockId: z.string(),
    achievements: z.string(),
    record: nomineeRecordSchema,
    achievementKey: z.string(),
    policy: policyRefSchema,
    draftedAt: instant,
    submittedAt: instant.optional(),
  }),
);

const submissionSchema = z.object({
  eligibility: z.object({ eligible: z.literal(true), met: z.array(z.string()) }),
  councilMemberCount: z.number().int(),
  recusedCouncilMemberIds: z.array(z.string()),
  policy: policyRefSchema,
});

export const blockVoteTallySchema = named(
  'BlockVoteTally',
  z.object({
    approve: z.number().int(),
    reject: z.number().int(),
    abstain: z.number().int(),
    eligible: z.number().int(),
    cast: z.number().int().meta({ description: 'votes counted as cast (abstentions only if the policy says so)' }),
    quorumMet: z.boolean(),
    passed: z.boolean(),
  }),
);

export const blockVoteRecordSchema = named(
  'BlockVoteRecord',
  z.object({
    eligibleVoterUnitIds: z.array(z.string()),
    votes: z.array(
      z.object({
        unitId: z.string(),
        userId: z.string(),
        choice: z.enum(['approve', 'reject', 'abstain']),
        comment: z.string().optional(),
        at: instant,
        policy: policyRefSchema,
      }),
    ),
    tally: blockVoteTallySchema.optional(),
    closedBy: z.enum(['all_voted', 'leader', 'deadline']).optional(),
    closedAt: instant.optional(),
  }),
);

export const councilRecordSchema = named(
  'CouncilRecord',
  z.object({
    memberCount: z.number().int(),
    recusedMemberIds: z.array(z.string()),
    eligibleMemberCount: z.number().int(),
    approvalRatio: z.number(),
    secretBallot: z.boolean(),
    opinions: z.array(
      z.object({
        memberId: z.string(),
        recommendation: z
          .enum(['approve', 'reject', 'sealed'])
          .meta({ description: '"sealed" for a secret ballot: who took part and when shows, the choice does not' }),
        comment: z.string().optional(),
        ballot: z.enum(['open', 'secret']),
        at: instant,
        policy: policyRefSchema,
      }),
    ),
    tally: z
      .object({
        approve: z.number().int(),
        reject: z.number().int(),
        eligible: z.number().int(),
        responded: z.number().int(),
        approvalRatio: z.number(),
        passed: z.boolean(),
      })
      .optional(),
    closedBy: z.enum(['all_responded', 'board_officer']).optional(),
    closedAt: instant.optional(),
  }),
);

const supplementRecordSchema = z.object({
  requestNumber: z.number().int(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: instant,
  dueDate: z.string(),
  providedAt: instant.optional(),
  providedEvidence: z.array(evidenceItemSchema).optional(),
  note: z.string().optional(),
});

export const decisionRecordSchema = named(
  'DecisionRecord',
  z.object({
    outcome: z.enum(['approved', 'rejected']),
    decisionNumber: z.string().optional().meta({ example: '163/QĐ-UBND' }),
    decisionDate: z.string(),
    reason: z.string().optional(),
    decidedBy: z.string(),
    at: instant,
    policy: policyRefSchema,
  }),
);

export const revocationRecordSchema = named(
  'RevocationRecord',
  z.object({
    ground: z.enum(REVOCATION_GROUNDS),
    details: z.string(),
    decisionNumber: z.string().optional(),
    revokedBy: z.string(),
    at: instant,
  }),
);

const nominationData = {
  version: z.number().int().meta({ description: 'events folded so far: the stream version' }),
  nomination: nominationSummarySchema,
  evidence: z.array(evidenceItemSchema).meta({ description: 'the dossier: drafted evidence plus every supplement' }),
  submission: submissionSchema.optional(),
  blockVote: blockVoteRecordSchema.optional(),
  council: councilRecordSchema.optional(),
  supplements: z.array(supplementRecordSchema),
  supplementCount: z.number().int(),
  participants: z
    .object({
      proposal: z.array(z.string()),
      blockVote: z.array(z.string()),
      council: z.array(z.string()),
      decision: z.array(z.string()),
    })
    .meta({ description: 'user ids that acted in each stage family (separation of duties)' }),
  stageDeadline: instant.optional(),
  reminderAt: instant.optional(),
  reminderSent: z.boolean(),
  escalated: z.boolean(),
  lastEventAt: instant,
};

/** The stages with a clock: a deadline, and the submission that started it. */
const clocked = { stageDeadline: instant, submission: submissionSchema };

export const nominationStateSchema = named(
  'NominationState',
  z
    .discriminatedUnion('stage', [
      z.object({ stage: z.literal('Initial'), version: z.number().int() }),
      z.object({ ...nominationData, stage: z.literal('Draft') }),
      z.object({ ...nominationData, ...clocked, stage: z.literal('BlockVote'), blockVote: blockVoteRecordSchema }),
      ...(['CouncilReview', 'AwaitingSupplement', 'ProvincialDecision'] as const).map((stage) =>
        z.object({
          ...nominationData,
          ...clocked,
          stage: z.literal(stage),
          blockVote: blockVoteRecordSchema,
          council: councilRecordSchema,
        }),
      ),
      z.object({
        ...nominationData,
        stage: z.literal('OnHold'),
        hold: z.object({
          reason: z.string(),
          since: instant,
          by: z.string(),
          resumeStage: timedStageSchema,
          trigger: z.enum(['board', 'submission']),
        }),
      }),
      z.object({
        ...nominationData,
        stage: z.literal('Closed'),
        outcome: outcomeSchema,
        closedReason: z.enum([
          'block_vote_failed',
          'council_rejected',
          'decision_approved',
          'decision_rejected',
          'withdrawn',
          'supplement_expired',
        ]),
        closedAt: instant,
        closedFrom: withdrawableStageSchema,
        decision: decisionRecordSchema.optional(),
        revocation: revocationRecordSchema.optional(),
      }),
    ])
    .meta({ description: 'The folded state, by stage; secret-ballot choices sealed.' }),
);

export const nominationListItemSchema = named(
  'NominationListItem',
  z.object({
    nominationId: z.string(),
    stage: stageSchema,
    outcome: reportedOutcomeSchema.nullable(),
    nomineeName: z.string().nullable(),
    nomineeKind: z.string().nullable(),
    awardType: z.string().nullable(),
    campaignYear: z.number().int().nullable(),
    province: z.string().nullable(),
    blockId: z.string().nullable(),
    proposingUnitId: z.string().nullable(),
    stageDeadline: instant.nullable(),
    escalated: z.boolean(),
    overdue: z.boolean().meta({ description: 'escalated, or an open stage past its deadline (as of the query)' }),
    revokedAt: instant.nullable().meta({ description: 'when the award was revoked; null for every other nomination' }),
    version: z.number().int(),
    position: z.string().meta({ description: 'store position of the last event folded', example: '12.0' }),
    draftedAt: instant,
    stageEnteredAt: instant,
    updatedAt: instant,
  }),
);

export const nominationPageSchema = named(
  'NominationPage',
  z.object({
    items: z.array(nominationListItemSchema),
    nextCursor: z.string().nullable().meta({ description: 'pass as ?after= for the next page; null on the last' }),
  }),
);

export const nominationDetailSchema = named(
  'NominationDetail',
  z.object({
    nominationId: z.string(),
    stage: stageSchema,
    outcome: reportedOutcomeSchema.nullable(),
    summary: nominationListItemSchema
      .nullable()
      .meta({ description: 'the list row (deadline, overdue, revokedAt); null when read from the workflow' }),
    state: nominationStateSchema,
    source: z.enum(['projection', 'workflow']),
    eligibilityBasis: z
      .object({
        policy: policyRefSchema,
        awardLegalBasis: z.string().nullable().meta({ example: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 74' }),
        policyLegalBasis: z.array(z.string()),
      })
      .nullable()
      .meta({ description: 'the legal source of the eligibility rules and the policy version they were judged under' }),
  }),
);

export type NominationStateDescribed = Described<NominationState, typeof nominationStateSchema>;
export type NominationListItemDescribed = Described<NominationListItem, typeof nominationListItemSchema>;
export type NominationPageDescribed = Described<NominationListResponse, typeof nominationPageSchema>;
export type NominationDetailDescribed = Described<NominationDetail, typeof nominationDetailSchema>;
