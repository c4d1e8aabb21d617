import { randomUUID } from 'node:crypto';
import type { Directory, DirectoryUser } from '@laurel/infra/directory';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { AuthenticatedUser } from './authenticated-user';
import { jose, type Jose } from './jose';
import { laurelClaimsSchema, userFromClaims, type TokenVerifier } from './token-verifier';

export const EMBEDDED_ISSUER = 'laurel';
export const EMBEDDED_AUDIENCE = 'laurel-api';

export interface AccessToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

/** Issues embedded access tokens. Absent in OIDC mode. */
export interface TokenIssuer {
  issue(user: DirectoryUser): Promise<AccessToken>;
}

export function invalidToken(reason: string): ApiError {
  return new ApiError(401, ApiErrorCode.INVALID_TOKEN, `the bearer token is not valid: ${reason}`, { reason });
}

/** Maps jose's refusals to a short reason a client can act on (expired → log in again). */
export function reasonOf({ errors: joseErrors }: Jose, error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim} failed: ${error.reason}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof joseErrors.JOSEError) return error.code;
  return 'unreadable';
}

/**
 * The embedded identity provider: short-lived HS256 tokens carrying the same
 * claims an OIDC provider would (token-verifier.ts), so one mapping serves both.
 */
export class EmbeddedTokens implements TokenIssuer, TokenVerifier {
  readonly mode = 'embedded';

  constructor(
    private readonly key: Uint8Array,
    private readonly ttlSeconds: number,
    private readonly directory: Directory,
    private readonly clock: () => Date,
  ) {}

  async issue(user: DirectoryUser): Promise<AccessToken> {
    const { SignJWT } = await jose();
    const now = Math.floor(this.clock().getTime() / 1000);
    const token = await new SignJWT({
      name: user.displayName,
      laurel_role: user.role,
      ...(user.unitId !== undefined ? { laurel_unit: user.unitId } : {}),
      ...(user.blockId !== undefined ? { laurel_block: user.blockId } : {}),
      ...(user.province !== undefined ? { laurel_province: user.province } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(EMBEDDED_ISSUER)
      .setAudience(EMBEDDED_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key);
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds };
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    const lib = await jose();
    let payload: unknown;
    try {
      ({ payload } = await lib.jwtVerify(token, this.key, {
        issuer: EMBEDDED_ISSUER,
        audience: EMBEDDED_AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock(),
      }));
    } catch (error) {
      throw invalidToken(reasonOf(lib, error));
    }
    const claims = laurelClaimsSchema.safeParse(payload);
    if (!claims.success) throw invalidToken('missing or malformed Laurel claims');
    // A user removed from the directory loses access at once, not when the token expires.
    if (!this.directory.findUser(claims.data.sub)) throw invalidToken('unknown user');
    return userFromClaims(claims.data, this.directory);
  }
}
