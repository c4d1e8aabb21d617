import { z } from 'zod';
import { text } from '../request-schemas';

export const recordCouncilOpinionSchema = z
  .object({ recommendation: z.enum(['approve', 'reject']), comment: text(2000).optional() })
  .strict();
export type RecordCouncilOpinionRequest = z.output<typeof recordCouncilOpinionSchema>;
