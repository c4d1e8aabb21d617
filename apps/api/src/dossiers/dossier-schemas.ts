import { z } from 'zod';
import { named } from '../common/openapi';
import { evidenceSchema } from '../nominations/request-schemas';

export const importDossierSchema = z
  .object({
    campaignId: z.string().min(1).max(120),
    /** For a period campaign, the year the list is for; a yearly campaign's own year by default. */
    campaignYear: z.number().int().min(2000).max(2200).optional(),
    title: z.string().trim().min(1).max(300).optional(),
    format: z.enum(['xlsx', 'csv']),
    fileName: z.string().trim().min(1).max(300),
    /** The file, base64: at most about 2 MB once decoded. */
    contentBase64: z.string().min(1).max(3_000_000),
    /** Sent once for the whole list (proposal letter, unit council minutes, achievement report), given to every nominee. */
    evidence: z.array(evidenceSchema).max(50),
    /** Check the file and answer what would be created, creating nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();
export type ImportDossierRequest = z.output<typeof importDossierSchema>;

export const withdrawDossierSchema = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export type WithdrawDossierRequest = z.output<typeof withdrawDossierSchema>;

export const dossierRowProblemSchema = named(
  'DossierRowProblem',
  z.object({
    row: z.number().int(),
    column: z.string().optional(),
    /** Stable (HEADER_MISSING, DATE_IMPOSSIBLE, QUOTA_EXCEEDED, a refusal's own code…): word it by this. */
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    /** The problem in English. */
    reason: z.string(),
  }),
);

export const dossierItemResultSchema = named(
  'DossierItemResult',
  z.object({
    itemNo: z.number().int(),
    nominationId: z.string(),
    ok: z.boolean(),
    stage: z.string().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
);

export const dossierBatchResultSchema = named(
  'DossierBatchResult',
  z.object({
    dossierId: z.string(),
    action: z.enum(['draft', 'submit', 'withdraw']),
    batchId: z.string(),
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    /** True when this run finished a batch an earlier run had left unfinished. */
    resumed: z.boolean(),
    /** The furthest store position the items reached: pass it to reads (X-Laurel-Position) that must see them. */
    position: z.string().optional(),
    items: z.array(dossierItemResultSchema),
  }),
);
export type DossierBatchResult = z.output<typeof dossierBatchResultSchema>;

export const dossierPreviewSchema = named(
  'DossierPreview',
  z.object({
    dossierId: z.string(),
    campaignId: z.string(),
    campaignYear: z.number().int(),
    items: z.array(
      z.object({
        itemNo: z.number().int(),
        row: z.number().int(),
        kind: z.enum(['individual', 'collective']),
        name: z.string(),
        dateOfBirth: z.string().optional(),
        awardType: z.string(),
      }),
    ),
  }),
);

export const dossierItemSchema = named(
  'DossierItem',
  z.object({
    itemNo: z.number().int(),
    row: z.number().int(),
    nominationId: z.string(),
    kind: z.enum(['individual', 'collective']),
    name: z.string(),
    dateOfBirth: z.string().optional(),
    awardType: z.string(),
    /** From the nomination list; null while the projection has not seen it (or it was never drafted). */
    stage: z.string().nullable(),
    outcome: z.string().nullable(),
  }),
);

export const dossierBatchSchema = named(
  'DossierBatch',
  z.object({
    batchId: z.string(),
    action: z.enum(['draft', 'submit', 'withdraw']),
    total: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    succeeded: z.number().int().nullable(),
    failed: z.number().int().nullable(),
  }),
);

export const dossierViewSchema = named(
  'Dossier',
  z.object({
    dossierId: z.string(),
    campaignId: z.string(),
    campaignYear: z.number().int(),
    province: z.string(),
    unitId: z.string(),
    blockId: z.string(),
    title: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    source: z.object({ fileName: z.string(), format: z.enum(['xlsx', 'csv']), sha256: z.string() }),
    evidence: z.array(z.object({ documentId: z.string(), title: z.string(), kind: z.string(), sha256: z.string() })),
    items: z.array(dossierItemSchema),
    /** Items by stage ("Draft", "BlockVote", …, "Closed"), and those not yet created. */
    stages: z.record(z.string(), z.number().int()),
    batches: z.array(dossierBatchSchema),
    /** A batch that an earlier run left unfinished: running the same action again resumes it. */
    unfinishedBatch: dossierBatchSchema.nullable(),
  }),
);
export type DossierView = z.output<typeof dossierViewSchema>;

export const dossierSummarySchema = named(
  'DossierSummary',
  z.object({
    dossierId: z.string(),
    campaignId: z.string(),
    campaignYear: z.number().int(),
    unitId: z.string(),
    title: z.string(),
    itemCount: z.number().int(),
    createdAt: z.string(),
  }),
);
export type DossierSummary = z.output<typeof dossierSummarySchema>;

export const dossierListSchema = named('DossierList', z.object({ items: z.array(dossierSummarySchema) }));

export const templateQuerySchema = z
  .object({
    format: z.enum(['xlsx', 'csv']).default('xlsx'),
    year: z.coerce.number().int().min(2000).max(2200).optional(),
  })
  .strict();
export type TemplateQuery = z.output<typeof templateQuerySchema>;
