import { z } from 'zod';
import { NominationAction } from '../nomination-action';
import { text } from '../request-schemas';

export const holdReasonSchema = z.object({ reason: text(2000) }).strict();
export type HoldReasonRequest = z.output<typeof holdReasonSchema>;

/** The Board defers the nomination (Decree 98 Art. 4: discipline, investigation, inspection, complaint). */
export class PlaceOnHoldCommand extends NominationAction<HoldReasonRequest> {}
