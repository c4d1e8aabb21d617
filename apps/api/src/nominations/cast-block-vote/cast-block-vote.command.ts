import { z } from 'zod';
import { NominationAction } from '../nomination-action';
import { text } from '../request-schemas';

export const castBlockVoteSchema = z
  .object({ choice: z.enum(['approve', 'reject', 'abstain']), comment: text(2000).optional() })
  .strict();
export type CastBlockVoteRequest = z.output<typeof castBlockVoteSchema>;

/** A member unit's head votes for the unit in the block vote. */
export class CastBlockVoteCommand extends NominationAction<CastBlockVoteRequest> {}
