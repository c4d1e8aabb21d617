import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiRequest } from '../common/http';
import { TOKEN_VERIFIER } from '../tokens';
import { Public, RequireRoles } from './auth.decorators';
import { BlockLeadership } from './block-leadership';
import type { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i;

/** The token of an `Authorization: Bearer …` header; undefined when there is no header at all. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = BEARER.exec(header);
  if (!match) throw new ApiError(401, ApiErrorCode.INVALID_TOKEN, 'expected "Authorization: Bearer <token>"');
  return match[1]!;
}

/**
 * Global guard: every route needs a valid bearer token unless marked
 * @Public(). Puts the caller on the request for @CurrentUser(), and applies
 * @RequireRoles() where a route names its roles, and refuses a block-leader
 * account whose unit the record no longer names (BlockLeadership).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly leadership: BlockLeadership,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride(Public, targets)) return true;
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      throw new ApiError(401, ApiErrorCode.UNAUTHENTICATED, 'this route needs a bearer token (POST /auth/token)');
    }
    const user = await this.verifier.verify(token);
    request.user = user;
    // Who am I stays answerable, so the web app can say why a former leader may not act.
    if (!(request.method === 'GET' && request.route?.path === '/me')) await this.leadership.assertInOffice(user);
    const roles = this.reflector.getAllAndOverride(RequireRoles, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', `the role ${user.role} may not use this route`, {
        role: user.role,
        allowed: roles,
      });
    }
    return true;
  }
}
