import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@laurel/domain';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiRequest } from '../common/http';
import type { AuthenticatedUser } from './authenticated-user';

/** Marks a route (or controller) that answers without a token: health, metrics, login. */
export const Public = Reflector.createDecorator<true>({ transform: () => true });

/**
 * Limits a route to some roles (403 ROLE_NOT_ALLOWED for the others). Actions
 * on nominations check roles against the domain's COMMAND_ROLES instead.
 */
export const RequireRoles = Reflector.createDecorator<readonly Role[]>();

/** The caller, as the global AuthGuard established it. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<ApiRequest>().user;
  // Only reachable on a @Public() route, where asking for the user is a programming error.
  if (!user) throw new ApiError(401, ApiErrorCode.UNAUTHENTICATED, 'this route needs a bearer token');
  return user;
});
