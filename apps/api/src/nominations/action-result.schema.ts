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

/** 202: accepted by the workflow, not applied yet (common/action-pending.ts). */
export const actionPendingSchema = named(
  'ActionPending',
  z.object({
    status: z.literal('pending'),
    nominationId: z.string(),
    actionId: z.string().meta({ description: 'the action’s id; also in the Location header' }),
    poll: z.string().meta({
      description: 'GET it for the outcome: 200 applied, 202 still pending, or the refusal',
      example: '/nominations/6f1c…/actions/U3VibWl0…',
    }),
    message: z.string(),
  }),
);
