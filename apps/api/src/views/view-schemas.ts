import { z } from 'zod';
import type { SavedView } from '@laurel/infra/saved-views/saved-views';
import { named, type Described } from '../common/openapi';
import { stageSchema } from '../nominations/nomination-response-schemas';
import { awardTypeSchema } from '../nominations/request-schemas';

/** The inbox's filters, as its URL has them (`?stage=&award=&block=&year=&overdue=`). */
export const viewFiltersSchema = named(
  'InboxFilters',
  z
    .object({
      stage: stageSchema.optional(),
      award: awardTypeSchema.optional(),
      block: z.string().trim().min(1).max(200).optional().meta({ description: 'an emulation block id' }),
      year: z.number().int().min(2000).max(2200).optional().meta({ description: 'campaign year' }),
      overdue: z.boolean().optional().meta({ description: 'only tasks past their deadline' }),
    })
    .strict(),
);

export const createViewBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).meta({ example: 'Khối Đảng – quá hạn' }),
    filters: viewFiltersSchema,
  })
  .strict();

export type CreateViewBody = z.output<typeof createViewBodySchema>;

export const savedViewSchema = named(
  'SavedView',
  z.object({
    id: z.string(),
    ownerId: z.string().meta({ description: 'the user who saved it' }),
    province: z.string().nullable().meta({ description: "the owner's province: users there may open it by link" }),
    name: z.string(),
    filters: viewFiltersSchema,
    createdAt: z.string().meta({ description: 'ISO 8601 instant' }),
  }),
);

export const savedViewListSchema = named('SavedViewList', z.object({ items: z.array(savedViewSchema) }));

export interface SavedViewList {
  readonly items: readonly SavedView[];
}

export type SavedViewDescribed = Described<SavedView, typeof savedViewSchema>;
export type SavedViewListDescribed = Described<SavedViewList, typeof savedViewListSchema>;

/** The most views one user keeps. */
export const MAX_VIEWS_PER_USER = 50;
