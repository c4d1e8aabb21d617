import { NominationAction } from '../nomination-action';

/**
 * The proposing unit's head submits the draft. The voters (the block's
 * member units), the council's size and its recused members come from the
 * directory, not from the caller.
 */
export class SubmitNominationCommand extends NominationAction<Record<string, never>> {}
