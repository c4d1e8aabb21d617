import { Command } from '@nestjs/cqrs';
import { z } from 'zod';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { awardTypeSchema, evidenceSchema, nomineeSchema, recordSchema, text } from '../request-schemas';

export const draftNominationSchema = z
  .object({
    nominee: nomineeSchema,
    awardType: awardTypeSchema,
    campaignYear: z.number().int().min(2000).max(2200),
    achievements: text(20_000),
    record: recordSchema,
    evidence: z.array(evidenceSchema).max(200),
    /** The campaign the nomination enters; it is refused outside the campaign's window or beyond a quota. */
    campaignId: z.string().min(1).max(120).optional(),
  })
  .strict();

export type DraftNominationRequest = z.output<typeof draftNominationSchema>;

/** A unit officer drafts a nomination for their own unit; the server chooses its id. */
export class DraftNominationCommand extends Command<ActionResult> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly body: DraftNominationRequest,
    readonly idempotencyKey?: string,
    /** Set by a unit's dossier for each nominee it lists. */
    readonly dossierId?: string,
    /** Set by a dossier: its items' ids come from the dossier, not from whoever imports it. */
    readonly nominationId?: string,
  ) {
    super();
  }
}
