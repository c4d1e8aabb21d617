import { NominationAction } from '../nomination-action';
import type { HoldReasonRequest } from '../place-on-hold/place-on-hold.command';

/** The Board releases a deferred nomination once the review has cleared; its stage restarts. */
export class ReleaseHoldCommand extends NominationAction<HoldReasonRequest> {}
