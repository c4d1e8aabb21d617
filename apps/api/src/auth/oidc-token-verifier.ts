import type { JWTVerifyGetKey } from 'jose';
import type { Directory } from '@laurel/infra/directory';
import { ApiError } from '../common/api-error';
import type { AuthenticatedUser } from './authenticated-user';
import { invalidToken, reasonOf } from './embedded-tokens';
import { jose } from './jose';
import { laurelClaimsSchema, userFromClaims, type TokenVerifier } from './token-verifier';

export interface OidcSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

/**
 * Production mode: tokens from the organisation's OpenID Connect provider,
 * verified against its published keys (JWKS, cached and refreshed by jose).
 * The provider must put Laurel's claims in the access token (see
 * token-verifier.ts); a token without `laurel_role` is refused.
 */
export class OidcTokenVerifier implements TokenVerifier {
  readonly mode = 'oidc';
  private keys: JWTVerifyGetKey | undefined;

  constructor(
    private readonly settings: OidcSettings,
    private readonly directory: Directory,
    keys?: JWTVerifyGetKey,
  ) {
    this.keys = keys;
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    const lib = await jose();
    // One key set per verifier: jose caches the provider's keys and refetches on an unknown key id.
    this.keys ??= lib.createRemoteJWKSet(new URL(this.settings.jwksUrl));
    let payload: unknown;
    try {
      ({ payload } = await lib.jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      }));
    } catch (error) {
      // The provider's keys could not be fetched: not the caller's fault, and worth a retry.
      if (error instanceof lib.errors.JWKSTimeout || !(error instanceof lib.errors.JOSEError)) {
        throw new ApiError(503, 'IDENTITY_PROVIDER_UNAVAILABLE', 'the identity provider’s keys could not be fetched', {
          jwksUrl: this.settings.jwksUrl,
        });
      }
      throw invalidToken(reasonOf(lib, error));
    }
    const claims = laurelClaimsSchema.safeParse(payload);
    if (!claims.success) throw invalidToken('missing or malformed Laurel claims (sub, laurel_role)');
    return userFromClaims(claims.data, this.directory);
  }
}
