import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { CONFIG } from '../tokens';
import { GetAuthConfigQuery, type AuthConfig } from './get-auth-config.query';

@QueryHandler(GetAuthConfigQuery)
export class GetAuthConfigHandler implements IQueryHandler<GetAuthConfigQuery> {
  constructor(@Inject(CONFIG) private readonly config: LaurelConfig) {}

  execute(): Promise<AuthConfig> {
    const c = this.config;
    // Token verification needs issuer, audience and JWKS; the browser flow also needs a client and endpoints.
    // With verification on but no browser client, the web app cannot sign anyone in: it says so (embedded login is off).
    if (c.AUTH_ISSUER && c.AUTH_AUDIENCE && c.AUTH_JWKS_URL) {
      return Promise.resolve({
        mode: 'oidc',
        issuer: c.AUTH_ISSUER,
        audience: c.AUTH_AUDIENCE,
        clientId: c.AUTH_CLIENT_ID ?? '',
        authorizationEndpoint: c.AUTH_AUTHORIZATION_URL ?? '',
        tokenEndpoint: c.AUTH_TOKEN_URL ?? '',
        scope: c.AUTH_SCOPES,
      });
    }
    return Promise.resolve({ mode: 'embedded' });
  }
}
