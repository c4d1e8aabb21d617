import { z } from 'zod';
import { NominationAction } from '../nomination-action';
import { text } from '../request-schemas';

export const recordCouncilOpinionSchema = z
  .object({ recommendation: z.enum(['approve', 'reject']), comment: text(2000).optional() })
  .strict();
export type RecordCouncilOpinionRequest = z.output<typeof recordCouncilOpinionSchema>;

/** A council member gives an opinion (a sealed ballot where the policy says secret). */
export class RecordCouncilOpinionCommand extends NominationAction<RecordCouncilOpinionRequest> {}
