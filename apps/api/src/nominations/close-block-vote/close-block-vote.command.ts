import { NominationAction } from '../nomination-action';

/** The block leader closes the vote early; it is counted with the votes cast. */
export class CloseBlockVoteCommand extends NominationAction<Record<string, never>> {}
