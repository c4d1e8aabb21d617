import { z } from 'zod';
import { CAMPAIGN_KINDS } from '@laurel/domain/campaign/campaign';
import { named } from '../common/openapi';

const instant = z.iso.datetime({ offset: true });
const year = z.number().int().min(2000).max(2200);

export const createCampaignSchema = z
  .object({
    title: z.string().min(1).max(300),
    kind: z.enum(CAMPAIGN_KINDS),
    fromYear: year,
    toYear: year,
    criteria: z.array(z.string().min(1).max(2000)).max(50).default([]),
    plannedAwards: z
      .array(
        z
          .object({
            awardType: z.string().min(1).max(100),
            quota: z.number().int().min(1).max(100_000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    intakeOpensAt: instant,
    intakeClosesAt: instant,
    /** Open at once (the intake still starts at intakeOpensAt). */
    open: z.boolean().optional(),
  })
  .strict();
export type CreateCampaignRequest = z.output<typeof createCampaignSchema>;

export const closeCampaignSchema = z.object({ reason: z.string().max(2000).optional() }).strict();
export type CloseCampaignRequest = z.output<typeof closeCampaignSchema>;

export const campaignActionResultSchema = named(
  'CampaignActionResult',
  z.object({
    campaignId: z.string(),
    stage: z.enum(['Initial', 'Planned', 'Open', 'IntakeClosed', 'Closed']),
    version: z.number().int(),
    position: z.string(),
    eventTypes: z.array(z.string()),
  }),
);

export const quotaUsageSchema = named(
  'CampaignQuotaUsage',
  z.object({
    awardType: z.string(),
    quota: z.number().int().optional(),
    admitted: z.number().int(),
    left: z.number().int().optional(),
  }),
);

export const campaignViewSchema = named(
  'Campaign',
  z.object({
    campaignId: z.string(),
    province: z.string(),
    title: z.string(),
    kind: z.enum(CAMPAIGN_KINDS),
    fromYear: z.number().int(),
    toYear: z.number().int(),
    criteria: z.array(z.string()),
    plannedAwards: z.array(quotaUsageSchema),
    intakeOpensAt: z.string(),
    intakeClosesAt: z.string(),
    stage: z.enum(['Planned', 'Open', 'IntakeClosed', 'Closed']),
    /** Whether a nomination would be admitted now (open, inside its window). */
    takingNominations: z.boolean(),
    admittedCount: z.number().int(),
    version: z.number().int(),
    openedAt: z.string().optional(),
    intakeClosedAt: z.string().optional(),
    closedAt: z.string().optional(),
  }),
);
export type CampaignView = z.output<typeof campaignViewSchema>;

export const campaignListSchema = named('CampaignList', z.object({ items: z.array(campaignViewSchema) }));
