import { z } from 'zod';
import { CERTIFICATE_FIELDS, layoutProblems, type CertificateField } from '@laurel/infra/documents';
import { named } from '../common/openapi';

const mm = (max: number) => z.number().min(0).max(max).meta({ description: 'millimetres' });
const formId = z
  .string()
  .regex(/^[a-z0-9-]{1,60}$/)
  .meta({ example: 'bang-khen-a4-ngang' });
const provinceId = z
  .string()
  .regex(/^[a-z0-9-]{1,60}$/)
  .meta({ example: 'ninh-thuan', description: "an administrator's province; others may give only their own" });

export const fieldPlacementSchema = named(
  'CertificateFieldPlacement',
  z
    .object({
      x: mm(1000).meta({ description: 'anchor from the left edge: the left, centre or right of the line (align), mm' }),
      y: mm(1000).meta({ description: 'top of the line from the top edge, mm' }),
      fontSize: z.number().min(4).max(96).meta({ description: 'points' }),
      align: z.enum(['left', 'center', 'right']),
      maxWidth: z
        .number()
        .min(5)
        .max(1000)
        .meta({ description: 'widest the line may be, mm; a longer text is set smaller (to 60 %)' }),
      face: z.enum(['regular', 'bold', 'italic', 'boldItalic']),
      enabled: z.boolean(),
    })
    .strict(),
);

const fieldsSchema = z
  .object(
    Object.fromEntries(CERTIFICATE_FIELDS.map((f) => [f, fieldPlacementSchema])) as Record<
      CertificateField,
      typeof fieldPlacementSchema
    >,
  )
  .strict();

const pageSchema = z
  .object({
    width: z.number().min(50).max(1000).meta({ description: 'mm' }),
    height: z.number().min(50).max(1000).meta({ description: 'mm' }),
  })
  .strict();

export const certificateFormSchema = named(
  'CertificateForm',
  z.object({
    formId: z.string(),
    province: z.string(),
    name: z.string(),
    version: z.number().int().meta({ description: '1 is the built-in default; each change adds one' }),
    page: pageSchema,
    fields: fieldsSchema,
    changedBy: z.string().optional(),
    changedAt: z.string().optional(),
    isDefault: z.boolean().meta({ description: "the province's default form" }),
  }),
);
export type CertificateFormView = z.output<typeof certificateFormSchema>;

export const certificateFormListSchema = named(
  'CertificateFormList',
  z.object({ defaultFormId: z.string(), forms: z.array(certificateFormSchema) }),
);
export type CertificateFormList = z.output<typeof certificateFormListSchema>;

export const provinceQuerySchema = z.object({ province: provinceId.optional() }).strict();
export const formQuerySchema = z
  .object({ province: provinceId.optional(), version: z.coerce.number().int().min(1).optional() })
  .strict();
export type FormQuery = z.output<typeof formQuerySchema>;

export const changeFormSchema = named(
  'ChangeCertificateForm',
  z
    .object({
      expectedVersion: z.number().int().min(1).meta({ description: 'the version the change was made against' }),
      page: pageSchema.optional(),
      fields: fieldsSchema,
      province: provinceId.optional(),
    })
    .strict(),
);
export type ChangeFormRequest = z.output<typeof changeFormSchema>;

export const printCertificatesSchema = named(
  'PrintCertificates',
  z
    .object({
      decisionNumber: z.string().min(1).max(100).optional().meta({ example: '163/QĐ-UBND' }),
      nominationId: z
        .string()
        .regex(/^[A-Za-z0-9_.:-]{1,120}$/)
        .optional(),
      formId: formId.optional().meta({ description: "default: the province's default form" }),
      formVersion: z.number().int().min(1).optional().meta({ description: 'default: the latest' }),
      calibration: z
        .boolean()
        .optional()
        .meta({ description: 'print the grid and the field boxes instead of certificates' }),
      province: provinceId.optional(),
    })
    .strict()
    .refine((b) => b.calibration === true || (b.decisionNumber === undefined) !== (b.nominationId === undefined), {
      message: 'give decisionNumber or nominationId (one of them), or calibration: true',
    }),
);
export type PrintCertificatesRequest = z.output<typeof printCertificatesSchema>;

/** A layout whose boxes run off the sheet is refused with the fields at fault, before anything is kept. */
export function layoutIssues(page: { width: number; height: number }, fields: ChangeFormRequest['fields']) {
  return layoutProblems({ page, fields }).map((p) => ({
    path: `fields.${p.field}`,
    code: 'off_sheet',
    message: p.problem,
  }));
}
