import { z } from 'zod';
import { NominationAction } from '../nomination-action';
import { text } from '../request-schemas';

export const withdrawNominationSchema = z.object({ reason: text(2000) }).strict();
export type WithdrawNominationRequest = z.output<typeof withdrawNominationSchema>;

/** The proposing unit's head withdraws the nomination, at any stage before the decision. */
export class WithdrawNominationCommand extends NominationAction<WithdrawNominationRequest> {}
