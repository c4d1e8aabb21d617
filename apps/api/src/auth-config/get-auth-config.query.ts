import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import { named } from '../common/openapi';

export const authConfigSchema = named(
  'AuthConfig',
  z.discriminatedUnion('mode', [
    z
      .object({ mode: z.literal('embedded') })
      .meta({ description: "embedded login: POST /auth/token with the directory's username and password" }),
    z
      .object({
        mode: z.literal('oidc'),
        issuer: z.string(),
        clientId: z.string(),
        authorizationEndpoint: z.string(),
        tokenEndpoint: z.string(),
        scope: z.string().meta({ example: 'openid profile' }),
        audience: z.string(),
      })
      .meta({ description: "the province's OIDC provider: Authorization Code with PKCE in the browser" }),
  ]),
);

export type AuthConfig = z.infer<typeof authConfigSchema>;

/** How the web app signs users in. */
export class GetAuthConfigQuery extends Query<AuthConfig> {}
