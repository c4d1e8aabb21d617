import { z } from 'zod';
import { named } from '../common/openapi';
import { text } from '../nominations/request-schemas';
import { itemPageSchema } from './session-schemas';

const id = z.string().regex(/^[A-Za-z0-9_.:@-]{1,180}$/, 'must be an id of letters, digits and _.:@-');

export const openCouncilSessionSchema = named(
  'OpenCouncilSessionRequest',
  z.object({ sessionId: id.optional(), title: text(300), nominationIds: z.array(id).min(1).max(2000) }).strict(),
);
export type OpenCouncilSessionRequest = z.output<typeof openCouncilSessionSchema>;

export const castCouncilBallotSchema = named(
  'CastCouncilBallotRequest',
  z
    .object({
      choices: z
        .array(z.object({ nominationId: id, recommendation: z.enum(['approve', 'reject']) }).strict())
        .max(5000)
        .optional(),
      /** The compact form for long agendas: ids approved, ids rejected. */
      approve: z.array(id).max(5000).optional(),
      reject: z.array(id).max(5000).optional(),
    })
    .strict()
    .refine(
      (b) => (b.choices?.length ?? 0) + (b.approve?.length ?? 0) + (b.reject?.length ?? 0) > 0,
      'choices, approve or reject must name an item',
    ),
);
export type CastCouncilBallotRequest = z.output<typeof castCouncilBallotSchema>;

export const councilSessionSchema = named(
  'CouncilSession',
  z.object({
    sessionId: z.string(),
    stage: z.enum(['Open', 'Closed']),
    province: z.string(),
    title: z.string(),
    memberIds: z.array(z.string()),
    quorumRatio: z.number(),
    policy: z.object({ id: z.string(), version: z.number() }),
    openedAt: z.string(),
    openedBy: z.string(),
    items: z.array(
      z.object({
        nominationId: z.string(),
        proposingUnitId: z.string(),
        awardType: z.string(),
        nomineeName: z.string(),
        secretBallot: z.boolean(),
        /** Members who recuse on this item (named by the nomination, or from the proposing unit). */
        recusedMemberIds: z.array(z.string()),
        votesApplied: z.number(),
        votesDue: z.number(),
        status: z.enum(['voting', 'closing', 'closed', 'failed']),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
        stage: z.string().optional(),
        outcome: z.string().optional(),
        /** The review's count once closed: totals only, for a secret item as for any other. */
        tally: z
          .object({
            approve: z.number(),
            reject: z.number(),
            eligible: z.number(),
            responded: z.number(),
            approvalRatio: z.number(),
            passed: z.boolean(),
          })
          .optional(),
      }),
    ),
    /** Who voted and when: never how (a secret item's choice is sealed even in the session's stream). */
    ballots: z.array(z.object({ memberId: z.string(), at: z.string(), items: z.number() })),
    closed: z
      .object({ at: z.string(), ballots: z.number(), memberCount: z.number(), quorumMet: z.boolean() })
      .optional(),
    progress: z.object({ done: z.number(), total: z.number(), finished: z.boolean() }),
    page: itemPageSchema,
    version: z.number(),
  }),
);
export type CouncilSessionBody = z.output<typeof councilSessionSchema>;
