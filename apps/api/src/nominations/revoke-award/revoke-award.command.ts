import { z } from 'zod';
import { REVOCATION_GROUNDS } from '@laurel/domain';
import { NominationAction } from '../nomination-action';
import { text } from '../request-schemas';

export const revokeAwardSchema = z
  .object({
    ground: z.enum(REVOCATION_GROUNDS),
    details: text(5000).meta({ description: 'What was found, and where it is documented.' }),
    decisionNumber: text(100)
      .optional()
      .meta({ example: '41/QĐ-UBND', description: 'The revoking decision, once signed.' }),
  })
  .strict();
export type RevokeAwardRequest = z.output<typeof revokeAwardSchema>;

/** The chairman revokes an award already given; the history keeps the award and records why it was taken back. */
export class RevokeAwardCommand extends NominationAction<RevokeAwardRequest> {}
