import { z } from 'zod';
import { isIsoDate } from '@laurel/domain';
import { named } from '../common/openapi';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const listAwardsQuerySchema = z
  .object({
    /** Province slug; your own when left out (an administrator must name one). */
    province: z.string().trim().min(1).max(100).optional(),
    /** Leaves out other blocks' own awards. */
    blockId: z.string().trim().min(1).max(200).optional(),
    /** The day (YYYY-MM-DD, the province's local date) whose rules apply; today by default. */
    at: z.string().regex(isoDate).refine(isIsoDate, 'must be a date YYYY-MM-DD').optional(),
  })
  .strict();
export type ListAwardsQueryParams = z.output<typeof listAwardsQuerySchema>;

const nameSchema = z.object({ vi: z.string(), en: z.string() });

export const awardDefinerSchema = named(
  'AwardDefiner',
  z.object({
    kind: z.enum(['national', 'province', 'block']),
    province: z.string().optional(),
    blockId: z.string().optional(),
    body: z.string().meta({ description: 'the body that made the award', example: 'Đảng ủy Khối các cơ quan tỉnh' }),
  }),
);

export const awardInEffectSchema = named(
  'AwardInEffect',
  z.object({
    code: z.string().meta({ example: 'local/nt-party-agencies/excellent-3-years' }),
    name: nameSchema.meta({ description: 'Vietnamese and English names' }),
    nomineeKinds: z.array(z.enum(['individual', 'collective'])),
    definedBy: awardDefinerSchema,
    legalBasis: z.string(),
    requiredEvidence: z.array(z.string()),
    eligibility: nameSchema.meta({ description: 'the eligibility rule in words, Vietnamese and English' }),
  }),
);

export const awardListSchema = named(
  'AwardList',
  z.object({
    province: z.string(),
    blockId: z.string().nullable(),
    at: z.string().meta({ description: 'the local day the rules were taken for' }),
    policy: z.object({ id: z.string(), version: z.number().int(), effectiveFrom: z.string() }),
    registrationRequired: z
      .boolean()
      .meta({ description: 'only nominees their unit registered for the title this year may be submitted' }),
    awards: z.array(awardInEffectSchema),
  }),
);
export type AwardListView = z.output<typeof awardListSchema>;
