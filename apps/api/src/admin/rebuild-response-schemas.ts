import { z } from 'zod';
import { named, type Described } from '../common/openapi';
import type { RebuildProgressLine, RebuildSummary } from '../projections/read-models';

const rebuildSummaryFields = {
  events: z.number().int(),
  nominations: z.number().int(),
  tasks: z.number().int(),
  durationMs: z.number(),
  position: z.string().meta({ description: 'the store position the read models were rebuilt up to' }),
};

export const rebuildResultSchema = named('RebuildResult', z.object({ ok: z.literal(true), ...rebuildSummaryFields }));

/** A line of the NDJSON answer: progress, then the result, or `{ ok: false, error }` if it fails midway. */
export const rebuildProgressSchema = named(
  'RebuildProgress',
  z.object({
    done: z.number().int(),
    total: z.number().int().nullable().meta({ description: 'events to replay, when the store can count them' }),
  }),
);

export type RebuildResultDescribed = Described<RebuildSummary & { readonly ok: true }, typeof rebuildResultSchema>;
export type RebuildProgressDescribed = Described<RebuildProgressLine, typeof rebuildProgressSchema>;
