import { z } from 'zod';
import { REGISTRABLE_TITLES } from '@laurel/domain/registration/registration';
import { named } from '../common/openapi';
import { localAwardTypeSchema } from '../nominations/request-schemas';

const year = z.number().int().min(2000).max(2200);

export const registerTitlesSchema = z
  .object({
    year,
    entries: z
      .array(
        z
          .object({
            kind: z.enum(['individual', 'collective']),
            name: z.string().trim().min(1).max(300),
            personId: z.string().trim().min(1).max(200).optional(),
            title: z.union([z.enum(REGISTRABLE_TITLES), localAwardTypeSchema]),
          })
          .strict(),
      )
      .min(1)
      .max(2000),
  })
  .strict();
export type RegisterTitlesRequest = z.output<typeof registerTitlesSchema>;

export const setBlockLeaderSchema = z
  .object({ unitId: z.string().min(1).max(200), fromYear: year, toYear: year.optional() })
  .strict();
export type SetBlockLeaderRequest = z.output<typeof setBlockLeaderSchema>;

export const registrationListSchema = named(
  'RegistrationList',
  z.object({
    unitId: z.string(),
    year: z.number().int(),
    entries: z.array(
      z.object({
        kind: z.enum(['individual', 'collective']),
        name: z.string(),
        personId: z.string().optional(),
        title: z.string(),
        registeredAt: z.string(),
        registeredBy: z.string(),
      }),
    ),
    version: z.number().int(),
  }),
);
export type RegistrationList = z.output<typeof registrationListSchema>;

export const covenantSchema = named(
  'Covenant',
  z.object({
    blockId: z.string(),
    year: z.number().int(),
    signed: z.array(z.object({ unitId: z.string(), signedAt: z.string(), signedBy: z.string() })),
    missing: z.array(z.string()),
    complete: z.boolean(),
    version: z.number().int(),
  }),
);
export type CovenantView = z.output<typeof covenantSchema>;

export const blockLeadersSchema = named(
  'BlockLeaders',
  z.object({
    blockId: z.string(),
    /** Who leads in the year asked (this year by default), if anyone. */
    current: z
      .object({ unitId: z.string(), fromYear: z.number().int(), toYear: z.number().int().optional() })
      .nullable(),
    history: z.array(
      z.object({
        unitId: z.string(),
        fromYear: z.number().int(),
        toYear: z.number().int().optional(),
        setAt: z.string(),
        setBy: z.string(),
      }),
    ),
    version: z.number().int(),
  }),
);
export type BlockLeadersView = z.output<typeof blockLeadersSchema>;
