import { z } from 'zod';
import { named } from '../common/openapi';
import { text } from '../nominations/request-schemas';

const id = z.string().regex(/^[A-Za-z0-9_.:@-]{1,180}$/, 'must be an id of letters, digits and _.:@-');

export const issueDecisionListSchema = named(
  'IssueDecisionListRequest',
  z
    .object({
      /** Chosen by the caller so a retried request issues one decision. */
      decisionListId: id.optional(),
      decisionNumber: text(60),
      /** YYYY-MM-DD; the local date of signing when left out. */
      decisionDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      items: z
        .array(
          z
            .object({
              nominationId: id,
              outcome: z.enum(['approved', 'rejected']),
              reason: text(2000).optional(),
            })
            .strict(),
        )
        .max(5000)
        .optional(),
      /** The compact form for long lists: ids approved (a 5,000-item list fits the body limit). */
      approved: z.array(id).max(5000).optional(),
    })
    .strict()
    .refine((b) => (b.items?.length ?? 0) + (b.approved?.length ?? 0) > 0, 'items or approved must list a nomination'),
);
export type IssueDecisionListRequest = z.output<typeof issueDecisionListSchema>;

export const decisionListSchema = named(
  'DecisionList',
  z.object({
    decisionListId: z.string(),
    province: z.string(),
    decisionNumber: z.string(),
    decisionDate: z.string(),
    signedBy: z.string(),
    at: z.string(),
    items: z.array(
      z.object({
        nominationId: z.string(),
        outcome: z.enum(['approved', 'rejected']),
        reason: z.string().optional(),
        nomineeName: z.string().optional(),
        awardType: z.string().optional(),
        status: z.enum(['pending', 'done', 'failed']),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
        stage: z.string().optional(),
        result: z.string().optional(),
      }),
    ),
    progress: z.object({ done: z.number(), total: z.number(), finished: z.boolean() }),
    version: z.number(),
  }),
);
export type DecisionListBody = z.output<typeof decisionListSchema>;
