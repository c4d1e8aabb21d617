import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import { ROLES } from '@laurel/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { named } from '../common/openapi';

const namedPlace = z.object({ id: z.string(), name: z.string().meta({ example: 'Ninh Thuận' }) });

export const meSchema = named(
  'Me',
  z.object({
    userId: z.string(),
    displayName: z.string().meta({ example: 'Nguyễn Thị Hương' }),
    role: z.enum(ROLES).meta({ description: 'a person holds one role in Laurel' }),
    unitId: z.string().nullable().meta({ description: 'the unit the user acts for; null for province-wide roles' }),
    blockId: z
      .string()
      .nullable()
      .meta({ description: "the block of the user's unit, or the block a block leader leads" }),
    provinceId: z.string().nullable().meta({ description: 'null only for system administrators' }),
    /** Names from the directory, so a client needs no second call to greet the user. */
    unit: namedPlace.nullable(),
    block: namedPlace.nullable(),
    province: namedPlace.nullable(),
    authentication: z
      .enum(['embedded', 'oidc'])
      .meta({ description: "embedded: Laurel's own login; oidc: the organisation's identity provider" }),
  }),
);

export type Me = z.infer<typeof meSchema>;

/** The caller as the API knows them: the token's claims, completed from the directory. */
export class GetMeQuery extends Query<Me> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}
