import { z } from 'zod';

/**
 * Query strings of the audit routes. Numbers are decimal digits only (no
 * `1e3`, no blanks), instants full ISO 8601 with a zone: a malformed value is
 * a 400, never a silent default.
 */
const digits = (max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().max(max));

export const historyQuerySchema = z
  .object({
    fromVersion: digits(2_147_483_647).pipe(z.number().min(1)).optional(),
    limit: digits(1000).pipe(z.number().min(1)).optional(),
  })
  .strict();

export const stateQuerySchema = z
  .object({
    at: z.iso
      .datetime({ offset: true })
      .meta({
        description: 'An ISO 8601 instant with its zone: every event whose data.at is at or before it is folded.',
      })
      .optional(),
    version: digits(2_147_483_647)
      .meta({ description: 'Fold the first `version` events (0: the initial state).' })
      .optional(),
  })
  .strict()
  .refine((q) => q.at === undefined || q.version === undefined, { message: 'give at or version, not both' });

export const exportQuerySchema = z
  .object({
    year: digits(9999).optional(),
    block: z.string().trim().min(1).max(200).optional(),
    nomination: z
      .string()
      .regex(/^[A-Za-z0-9_.:@-]{1,180}$/, 'a nomination id')
      .meta({ description: 'one nomination only' })
      .optional(),
    format: z.enum(['ndjson', 'csv']).default('ndjson'),
  })
  .strict();
