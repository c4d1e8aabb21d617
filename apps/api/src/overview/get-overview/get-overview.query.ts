import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { named } from '../../common/openapi';
import { stageSchema } from '../../nominations/nomination-response-schemas';

const countSchema = (key: string, keySchema: z.ZodType) =>
  z.array(z.object({ [key]: keySchema, count: z.number().int() }));

export const overviewNominationSchema = named(
  'OverviewNomination',
  z.object({
    nominationId: z.string(),
    nomineeName: z.string().nullable(),
    awardType: z.string().nullable(),
    campaignYear: z.number().int().nullable(),
    stage: stageSchema,
    blockId: z.string().nullable(),
    proposingUnitId: z.string().nullable(),
    stageDeadline: z.string().nullable().meta({ description: 'ISO 8601 instant' }),
    escalated: z.boolean(),
    workflowId: z.string().meta({ example: 'nomination-7b0c…' }),
    temporalUiUrl: z
      .string()
      .nullable()
      .meta({ description: 'the workflow in the Temporal UI (TEMPORAL_UI_URL); null when it is not set' }),
  }),
);

export const overviewSchema = named(
  'Overview',
  z.object({
    total: z.number().int(),
    byStage: countSchema('stage', stageSchema),
    byBlock: countSchema('blockId', z.string().nullable()),
    byAward: countSchema('awardType', z.string().nullable()),
    byYear: countSchema('campaignYear', z.number().int().nullable()),
    overdue: z
      .array(overviewNominationSchema)
      .meta({ description: 'open nominations past their deadline, or escalated' }),
    temporalUi: z
      .object({ url: z.string(), namespace: z.string() })
      .nullable()
      .meta({ description: 'the Temporal UI admins use; null when TEMPORAL_UI_URL is not set' }),
  }),
);

export type Overview = z.infer<typeof overviewSchema>;

/** Counts of the nominations the caller may see, and the overdue ones. */
export class GetOverviewQuery extends Query<Overview> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}
