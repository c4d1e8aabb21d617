import { z } from 'zod';
import { NominationAction } from '../nomination-action';
import { text } from '../request-schemas';

export const requestSupplementSchema = z
  .object({
    reason: text(2000),
    dueDate: z
      .union([z.iso.datetime({ offset: true }), z.iso.date()])
      .optional()
      .meta({
        description:
          'An instant with its zone, or a date (due at the end of that day in the province). Default: the policy’s supplement period.',
        example: '2025-01-15',
      }),
  })
  .strict();
export type RequestSupplementRequest = z.output<typeof requestSupplementSchema>;

/** The Board returns the dossier to the unit for a supplement, with a reason and a due date. */
export class RequestSupplementCommand extends NominationAction<RequestSupplementRequest> {}
