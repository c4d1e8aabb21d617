import { z } from 'zod';
import { text } from '../request-schemas';

export const issueDecisionSchema = z
  .object({
    outcome: z.enum(['approved', 'rejected']),
    decisionNumber: text(100).optional().meta({ example: '163/QĐ-UBND', description: 'Required to approve.' }),
    decisionDate: z.iso.date().optional().meta({ description: 'Signing date; default today in the province.' }),
    reason: text(2000).optional().meta({ description: 'Required to reject; the unit is told why.' }),
  })
  .strict();
export type IssueDecisionRequest = z.output<typeof issueDecisionSchema>;
