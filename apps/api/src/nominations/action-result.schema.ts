import { z } from 'zod';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import { named, type Described } from '../common/openapi';
import { reportedOutcomeSchema, stageSchema } from './nomination-response-schemas';

/** The workflow's ActionResult, for the OpenAPI document. */
export const actionResultSchema = named(
  'ActionResult',
  z.object({
    nominationId: z.string(),
    stage: stageSchema.meta({ example: 'BlockVote' }),
    outcome: reportedOutcomeSchema.optional().meta({ example: 'Awarded' }),
    version: z.number().int().meta({ description: 'the stream version after the action' }),
    position: z
      .string()
      .meta({ description: 'store position; pass as X-Laurel-Position to read your write', example: '12.0' }),
    eventTypes: z.array(z.string()),
  }),
);

export type ActionResultDescribed = Described<ActionResult, typeof actionResultSchema>;
