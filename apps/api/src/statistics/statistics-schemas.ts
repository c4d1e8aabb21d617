import { z } from 'zod';
import {
  STATISTICS_DIMENSIONS,
  STATISTICS_OUTCOMES,
  type StatisticsDimension,
  type StatisticsOutcome,
} from '@laurel/infra/projections';
import { named, type Described } from '../common/openapi';
import { awardTypeSchema } from '../nominations/request-schemas';
import type { StatisticsView } from './get-statistics/get-statistics.query';

const slug = z.string().trim().min(1).max(200);
const year = z.coerce.number().int().min(2000).max(2200);

/** `groupBy=unit,awardType`: at most two dimensions, each once. */
const groupBySchema = z
  .string()
  .max(100)
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  )
  .pipe(
    z
      .array(
        z.enum(
          STATISTICS_DIMENSIONS as readonly StatisticsDimension[] as [StatisticsDimension, ...StatisticsDimension[]],
        ),
      )
      .max(2)
      .refine((dims) => new Set(dims).size === dims.length, 'a dimension may appear only once'),
  )
  .meta({
    description: `up to two of ${STATISTICS_DIMENSIONS.join(', ')}, comma-separated`,
    example: 'unit,awardType',
  });

export const statisticsQuerySchema = z
  .object({
    province: slug.optional().meta({ description: 'defaults to your own; others are refused unless you see all' }),
    block: slug.optional(),
    unit: slug.optional().meta({ description: 'the proposing unit' }),
    year: year.optional().meta({ description: 'campaign year' }),
    yearFrom: year.optional().meta({ description: 'first campaign year of a period' }),
    yearTo: year.optional().meta({ description: 'last campaign year of a period' }),
    awardType: awardTypeSchema.optional(),
    nomineeKind: z.enum(['individual', 'collective']).optional(),
    outcome: z
      .enum(STATISTICS_OUTCOMES as readonly StatisticsOutcome[] as [StatisticsOutcome, ...StatisticsOutcome[]])
      .optional(),
    groupBy: groupBySchema.optional(),
    lang: z.enum(['vi', 'en']).default('vi').meta({ description: 'language of export headers and labels' }),
  })
  .strict()
  .refine((q) => q.yearFrom === undefined || q.yearTo === undefined || q.yearFrom <= q.yearTo, {
    message: 'yearFrom must not be after yearTo',
    path: ['yearFrom'],
  });

export type StatisticsRequest = z.output<typeof statisticsQuerySchema>;

export const annualReportQuerySchema = z
  .object({
    province: slug.optional().meta({ description: 'one province; default: yours, or every province if you see all' }),
    lang: z.enum(['vi', 'en']).default('vi'),
  })
  .strict();

export const annualReportParamsSchema = z.object({ year }).strict();

const share = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .meta({ description: 'a fraction (0.667 = 66.7 %); null without a denominator' });

const countsShape = {
  nominations: z.number().int(),
  awarded: z.number().int(),
  notAwarded: z.number().int(),
  withdrawn: z.number().int(),
  expired: z.number().int(),
  revoked: z.number().int(),
  inProgress: z.number().int(),
  individualAwardees: z.number().int().meta({ description: 'standing awards to individuals' }),
  collectiveAwardees: z.number().int(),
  frontLineAwardees: z.number().int(),
  hardshipAreaAwardees: z.number().int(),
  frontLineShare: share,
  hardshipAreaShare: share,
};

export const statisticsCountsSchema = named('StatisticsCounts', z.object(countsShape));

export const statisticsGroupSchema = named(
  'StatisticsGroup',
  z.object({
    ...countsShape,
    key: z
      .record(z.string(), z.union([z.string(), z.number(), z.null()]))
      .meta({ description: 'the group’s value of each groupBy dimension (ids and codes)' }),
    label: z
      .record(z.string(), z.string())
      .meta({ description: 'display names of the key, in ?lang= (directory names, award and outcome names)' }),
  }),
);

export const stageFiguresSchema = named(
  'StageFigures',
  z.object({
    stage: z.enum(['BlockVote', 'CouncilReview', 'AwaitingSupplement', 'ProvincialDecision']),
    entered: z.number().int(),
    completed: z.number().int(),
    medianWorkingDays: z.number().nullable(),
    overdue: z.number().int(),
    overdueShare: share,
  }),
);

export const statisticsViewSchema = named(
  'StatisticsView',
  z.object({
    filter: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .meta({ description: 'the filter applied, scope included' }),
    groupBy: z.array(
      z.enum(
        STATISTICS_DIMENSIONS as readonly StatisticsDimension[] as [StatisticsDimension, ...StatisticsDimension[]],
      ),
    ),
    totals: statisticsCountsSchema,
    groups: z.array(statisticsGroupSchema),
    stages: z.array(stageFiguresSchema),
  }),
);

export type StatisticsViewDescribed = Described<StatisticsView, typeof statisticsViewSchema>;
