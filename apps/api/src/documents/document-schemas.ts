import { z } from 'zod';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS } from '@laurel/domain';
import { named } from '../common/openapi';

const year = z.number().int().min(2000).max(2100).meta({ example: 2024 });
const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,120}$/);
/** Optional: the caller's own province (a script may say it); any other is refused. */
const province = id.optional().meta({ example: 'ninh-thuan' });

export const issueDocumentSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('decision'),
      decisionNumber: z.string().min(1).max(100).meta({ example: '163/QĐ-UBND' }),
      province,
    })
    .strict(),
  z.object({ kind: z.literal('proposal_letter'), unitId: id, campaignYear: year, province }).strict(),
  z.object({ kind: z.literal('block_minutes'), blockId: id, campaignYear: year, province }).strict(),
  z.object({ kind: z.literal('council_minutes'), campaignYear: year, province }).strict(),
]);
export type IssueDocumentRequest = z.output<typeof issueDocumentSchema>;

export const issuedFileSchema = named(
  'IssuedDocumentFile',
  z.object({
    format: z.enum(DOCUMENT_FORMATS),
    sha256: z.string().meta({ description: "lower-case hex of the file, as recorded in each nomination's stream" }),
    sizeBytes: z.number().int(),
    href: z.string().meta({ example: '/documents/decision-0f3c…/pdf' }),
  }),
);

export const issuedDocumentSchema = named(
  'IssuedDocument',
  z.object({
    documentId: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    title: z.string(),
    reference: z.string(),
    templateId: z.string(),
    templateVersion: z.number().int(),
    files: z.array(issuedFileSchema),
    nominations: z.array(
      z.object({
        nominationId: z.string(),
        nomineeName: z.string(),
        recordVersion: z.number().int(),
        /** `recorded`: this request appended DocumentIssued; `already_recorded`: an earlier one did. */
        recording: z.enum(['recorded', 'already_recorded']),
        version: z.number().int().meta({ description: "the nomination's stream version after recording" }),
      }),
    ),
    position: z.string().nullable().meta({ description: 'store position of the last append, for read-your-writes' }),
  }),
);
export type IssuedDocument = z.output<typeof issuedDocumentSchema>;
