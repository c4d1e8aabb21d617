import { z } from 'zod';
import { text } from '../request-schemas';

export const holdReasonSchema = z.object({ reason: text(2000) }).strict();
export type HoldReasonRequest = z.output<typeof holdReasonSchema>;
