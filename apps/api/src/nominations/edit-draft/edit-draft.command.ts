import { z } from 'zod';
import { NominationAction } from '../nomination-action';
import { draftNominationSchema } from '../draft-nomination/draft-nomination.command';

export const editDraftSchema = draftNominationSchema
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');
export type EditDraftRequest = z.output<typeof editDraftSchema>;

/** The proposing unit's officer edits the draft; `evidence`, when given, replaces the whole list. */
export class EditDraftCommand extends NominationAction<EditDraftRequest> {}
