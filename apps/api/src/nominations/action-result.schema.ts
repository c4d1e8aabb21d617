import { z } from 'zod';

/** The workflow's ActionResult, for the OpenAPI document. */
export const actionResultSchema = z.object({
  nominationId: z.string(),
  stage: z.string().meta({ example: 'BlockVote' }),
  outcome: z.string().optional().meta({ example: 'Awarded' }),
  version: z.number().int().meta({ description: 'the stream version after the action' }),
  position: z
    .string()
    .meta({ description: 'store position; pass as X-Laurel-Position to read your write', example: '12.0' }),
  eventTypes: z.array(z.string()),
});
