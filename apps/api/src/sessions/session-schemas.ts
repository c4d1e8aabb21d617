import { z } from 'zod';
import { named } from '../common/openapi';
import { text } from '../nominations/request-schemas';

const id = z.string().regex(/^[A-Za-z0-9_.:@-]{1,180}$/, 'must be an id of letters, digits and _.:@-');

export const openBlockSessionSchema = named(
  'OpenBlockSessionRequest',
  z
    .object({
      /** Chosen by the caller so a retried request opens one session. */
      sessionId: id.optional(),
      title: text(300),
      nominationIds: z.array(id).min(1).max(2000),
    })
    .strict(),
);
export type OpenBlockSessionRequest = z.output<typeof openBlockSessionSchema>;

export const castBallotSchema = named(
  'CastSessionBallotRequest',
  z
    .object({
      choices: z
        .array(z.object({ nominationId: id, choice: z.enum(['approve', 'reject', 'abstain']) }).strict())
        .min(1)
        .max(2000),
    })
    .strict(),
);
export type CastBallotRequest = z.output<typeof castBallotSchema>;

const tallySchema = z.object({
  approve: z.number(),
  reject: z.number(),
  abstain: z.number(),
  eligible: z.number(),
  cast: z.number(),
  quorumMet: z.boolean(),
  passed: z.boolean(),
});

const itemResultSchema = z.object({
  nominationId: z.string(),
  tally: tallySchema,
  passed: z.boolean(),
  acclamation: z
    .object({
      acclaimed: z.boolean(),
      refusedReason: z.string().optional(),
      acclaimedNominationId: z.string().optional(),
    })
    .optional(),
});

/** Which slice of the agenda `items` holds (`?offset&limit`); the whole agenda unless a limit was asked. */
export const itemPageSchema = z
  .object({ offset: z.number(), limit: z.number().nullable(), total: z.number() })
  .optional();

export const blockSessionSchema = named(
  'BlockSession',
  z.object({
    sessionId: z.string(),
    stage: z.enum(['Open', 'Closed']),
    province: z.string(),
    blockId: z.string(),
    campaignYear: z.number(),
    title: z.string(),
    memberUnitIds: z.array(z.string()),
    policy: z.object({ id: z.string(), version: z.number() }),
    openedAt: z.string(),
    openedBy: z.string(),
    items: z.array(
      z.object({
        nominationId: z.string(),
        proposingUnitId: z.string(),
        awardType: z.string(),
        nomineeName: z.string(),
        eligibleVoterUnitIds: z.array(z.string()),
        votesApplied: z.number(),
        votesDue: z.number(),
        status: z.enum(['voting', 'closing', 'closed', 'failed']),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
        stage: z.string().optional(),
        outcome: z.string().optional(),
      }),
    ),
    ballots: z.array(z.object({ unitId: z.string(), at: z.string(), items: z.number() })),
    /** Member units whose ballot is still awaited. */
    awaitingUnitIds: z.array(z.string()),
    closed: z
      .object({
        at: z.string(),
        ballots: z.number(),
        memberCount: z.number(),
        quorumMet: z.boolean(),
        results: z.array(itemResultSchema),
      })
      .optional(),
    progress: z.object({ done: z.number(), total: z.number(), finished: z.boolean() }),
    page: itemPageSchema,
    version: z.number(),
  }),
);
export type BlockSessionBody = z.output<typeof blockSessionSchema>;

export const sessionActionResultSchema = named(
  'SessionActionResult',
  z.object({
    sessionId: z.string(),
    stage: z.enum(['Initial', 'Open', 'Closed']),
    version: z.number(),
    /** Pass as `?position=` (or `X-Laurel-Position`) to read a view that shows this action. */
    position: z.string().optional(),
    eventTypes: z.array(z.string()),
  }),
);
