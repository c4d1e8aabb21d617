import { ACTS, authorizeRole, inScope, type NominationCommandType } from '@laurel/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';

/**
 * Who may act on which nomination, before the workflow is asked. Roles and
 * scope kinds are the domain's table of who acts where (domain/policy/acts.ts),
 * which the decider reads too. Refusals that depend on the nomination's
 * history — an own-unit vote, a recusal, separation of duties — stay with the
 * domain, via the workflow's validator.
 */

/** Where a nomination sits: fixed at drafting, never changed. */
export interface NominationScope {
  readonly nominationId: string;
  readonly province: string;
  readonly blockId: string;
  readonly proposingUnitId: string;
  /** The campaign that admitted it, if any (its quota place is given back on withdrawal). */
  readonly campaignId?: string;
}

export function roleNotAllowed(user: AuthenticatedUser, command: NominationCommandType): ApiError {
  return new ApiError(403, 'ROLE_NOT_ALLOWED', `the role ${user.role} may not ${command}`, {
    role: user.role,
    command,
    allowedRoles: ACTS[command].roles,
  });
}

export function outOfScope(message: string, details: Record<string, unknown>): ApiError {
  return new ApiError(403, 'OUT_OF_SCOPE', message, details);
}

/** 403 ROLE_NOT_ALLOWED unless the domain's role table lets this role send this command. */
export function assertRoleMayAct(user: AuthenticatedUser, command: NominationCommandType): void {
  if (!authorizeRole(user.role, command)) throw roleNotAllowed(user, command);
}

/** 403 OUT_OF_SCOPE unless the nomination is within the caller's unit, block or province, as the command needs. */
export function assertInScope(user: AuthenticatedUser, command: NominationCommandType, scope: NominationScope): void {
  const kind = ACTS[command].scope;
  if (kind === undefined) throw roleNotAllowed(user, command);
  if (inScope(kind, scope, user)) return;
  switch (kind) {
    case 'proposing_unit':
      throw outOfScope(`only the proposing unit may ${command}`, {
        proposingUnitId: scope.proposingUnitId,
        yourUnitId: user.unitId ?? null,
      });
    case 'block':
      throw outOfScope(`only members of block ${scope.blockId} may ${command}`, {
        blockId: scope.blockId,
        yourBlockId: user.blockId ?? null,
      });
    case 'province':
      throw outOfScope(`only the province's own officials may ${command}`, {
        province: scope.province,
        yourProvince: user.province ?? null,
      });
  }
}

// Reading is one table for every route: read-access.ts.
export { assertMayRead, mayRead, readScopeOf, type ReadScope } from './read-access';
