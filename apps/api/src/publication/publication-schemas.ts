import { z } from 'zod';
import { PUBLISHED_FIELDS, type PublishedField } from '@laurel/domain';
import { named } from '../common/openapi';

const slug = z.string().trim().min(1).max(200);

export const decisionsQuerySchema = z
  .object({
    province: slug.meta({ description: 'province slug, e.g. ninh-thuan' }),
    year: z.coerce
      .number()
      .int()
      .min(2000)
      .max(2200)
      .optional()
      .meta({ description: 'campaign year; default the newest with awards' }),
  })
  .strict();

export const proposalsQuerySchema = z.object({ province: slug }).strict();

/** C0 controls other than tab and newlines, and DEL. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') || code === 0x7f;
}

const commentText = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .max(max)
        // Control characters have no place in a comment (tab and newlines are fine).
        .refine((s) => ![...s].some(isControl), 'control characters are not allowed'),
    );

export const postCommentSchema = z
  .object({
    name: commentText(200).optional().meta({ description: 'optional: the commenter’s name as they want it shown' }),
    text: commentText(2000).refine((s) => s.length > 0, 'the comment is empty'),
  })
  .strict();

export type PostCommentRequest = z.output<typeof postCommentSchema>;

const publishedFieldSchema = z.enum(
  PUBLISHED_FIELDS as readonly PublishedField[] as [PublishedField, ...PublishedField[]],
);

export const publicAwardeeSchema = named(
  'PublicAwardee',
  z
    .object({
      name: z.string(),
      position: z.string().nullable(),
      unit: z.string().meta({ description: 'the unit’s name' }),
      award: z.string().meta({ description: 'award type code (the page names it)' }),
    })
    .partial()
    .meta({ description: 'only the fields the province publishes are present' }),
);

export const publicDecisionSchema = named(
  'PublicDecision',
  z.object({
    decisionNumber: z.string().nullable().optional(),
    decisionDate: z.string().optional().meta({ description: 'YYYY-MM-DD, local' }),
    awardees: z.array(publicAwardeeSchema),
  }),
);

export const publicDecisionListSchema = named(
  'PublicDecisionList',
  z.object({
    province: z.object({ id: z.string(), name: z.string() }),
    year: z.number().int(),
    years: z.array(z.number().int()).meta({ description: 'campaign years with awards, newest first' }),
    fields: z.array(publishedFieldSchema),
    decisions: z.array(publicDecisionSchema),
  }),
);

export const publicProvinceSchema = named(
  'PublicProvince',
  z.object({ id: z.string(), name: z.string(), consultsBeforeCouncil: z.boolean() }),
);

export const publicProvinceListSchema = named(
  'PublicProvinceList',
  z.object({ provinces: z.array(publicProvinceSchema) }),
);

export const publicProposalSchema = named(
  'PublicProposal',
  z.object({
    nominationId: z.string(),
    name: z.string().optional(),
    position: z.string().nullable().optional(),
    unit: z.string().optional(),
    award: z.string(),
    campaignYear: z.number().int(),
    commentsFrom: z.string().meta({ description: 'ISO instant: the council review opened' }),
    commentsUntil: z.string().meta({ description: 'ISO instant: the end of the comment period' }),
    open: z.boolean(),
  }),
);

export const publicProposalListSchema = named(
  'PublicProposalList',
  z.object({
    province: z.object({ id: z.string(), name: z.string() }),
    consultsBeforeCouncil: z.boolean(),
    proposals: z.array(publicProposalSchema),
  }),
);

export const commentReceiptSchema = named(
  'CommentReceipt',
  z.object({ commentId: z.string(), recordedAt: z.string() }),
);

export const publicCommentSchema = named(
  'PublicComment',
  z.object({ commentId: z.string(), name: z.string().nullable(), text: z.string(), at: z.string() }),
);

export const publicCommentListSchema = named(
  'PublicCommentList',
  z.object({ nominationId: z.string(), comments: z.array(publicCommentSchema) }),
);
