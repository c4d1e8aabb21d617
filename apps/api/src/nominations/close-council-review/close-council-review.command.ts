import { NominationAction } from '../nomination-action';

/** The Board closes the council review; it is counted with the opinions given. */
export class CloseCouncilReviewCommand extends NominationAction<Record<string, never>> {}
