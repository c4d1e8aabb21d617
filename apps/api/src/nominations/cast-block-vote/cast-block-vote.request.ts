import { z } from 'zod';
import { text } from '../request-schemas';

export const castBlockVoteSchema = z
  .object({ choice: z.enum(['approve', 'reject', 'abstain']), comment: text(2000).optional() })
  .strict();
export type CastBlockVoteRequest = z.output<typeof castBlockVoteSchema>;
