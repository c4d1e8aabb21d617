import { z } from 'zod';
import { text } from '../request-schemas';

export const withdrawNominationSchema = z.object({ reason: text(2000) }).strict();
export type WithdrawNominationRequest = z.output<typeof withdrawNominationSchema>;
