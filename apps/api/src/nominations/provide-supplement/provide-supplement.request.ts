import { z } from 'zod';
import { evidenceSchema, text } from '../request-schemas';

export const provideSupplementSchema = z
  .object({ evidence: z.array(evidenceSchema).min(1).max(200), note: text(2000).optional() })
  .strict();
export type ProvideSupplementRequest = z.output<typeof provideSupplementSchema>;
