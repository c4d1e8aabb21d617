import type { Role } from '@laurel/domain';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { DOMAIN_ERROR_STATUS } from '../common/error-codes';

/**
 * Who may read what, in one table (the README's "Who may read what" says it in words).
 *
 * - `nominations`: which nominations a role sees in lists, details, documents
 *   and dossiers. `ownBlockAndUnit` is a unit head's: its block's nominations,
 *   on which it votes, and its own unit's.
 * - `histories`: whose event history and as-of state it may read. A
 *   nomination's own people read theirs (the history adds only who acted and
 *   when; secret ballots stay sealed for everyone); the provincial bodies act
 *   on the current state and read no history.
 * - `wholeRecord`: verification and export, which reach across nominations
 *   or into the workflow engine.
 *
 * An account without the unit, block or province its reach needs reads nothing.
 */
type Reach = 'all' | 'province' | 'block' | 'ownBlockAndUnit' | 'unit' | 'none';

interface ReadRule {
  readonly nominations: Reach;
  readonly histories: Reach;
  readonly wholeRecord: Reach;
}

const READ_RULES: Readonly<Record<Role, ReadRule>> = {
  admin: { nominations: 'all', histories: 'all', wholeRecord: 'all' },
  auditor: { nominations: 'province', histories: 'province', wholeRecord: 'province' },
  board_officer: { nominations: 'province', histories: 'none', wholeRecord: 'none' },
  council_member: { nominations: 'province', histories: 'none', wholeRecord: 'none' },
  chairman: { nominations: 'province', histories: 'none', wholeRecord: 'none' },
  block_leader: { nominations: 'block', histories: 'block', wholeRecord: 'none' },
  unit_head: { nominations: 'ownBlockAndUnit', histories: 'unit', wholeRecord: 'none' },
  unit_officer: { nominations: 'unit', histories: 'unit', wholeRecord: 'none' },
};

/** Where a nomination sits, as far as reading goes: fixed at drafting. */
export interface ReadTarget {
  readonly nominationId: string;
  readonly province?: string;
  readonly blockId?: string;
  readonly proposingUnitId?: string;
}

/** The part of the nomination list a user may read, as a filter the read models apply. */
export type ReadScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'province'; readonly province: string }
  | { readonly kind: 'block'; readonly blockId: string }
  | { readonly kind: 'unit'; readonly unitId: string }
  | { readonly kind: 'none' };

function scopeOfReach(user: AuthenticatedUser, reach: Reach): ReadScope {
  switch (reach) {
    case 'all':
      return { kind: 'all' };
    case 'province':
      return user.province === undefined ? { kind: 'none' } : { kind: 'province', province: user.province };
    case 'block':
      return user.blockId === undefined ? { kind: 'none' } : { kind: 'block', blockId: user.blockId };
    case 'ownBlockAndUnit':
      if (user.blockId !== undefined) return { kind: 'block', blockId: user.blockId };
      return user.unitId === undefined ? { kind: 'none' } : { kind: 'unit', unitId: user.unitId };
    case 'unit':
      return user.unitId === undefined ? { kind: 'none' } : { kind: 'unit', unitId: user.unitId };
    case 'none':
      return { kind: 'none' };
  }
}

function reaches(user: AuthenticatedUser, reach: Reach, target: ReadTarget): boolean {
  const scope = scopeOfReach(user, reach);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'province':
      return scope.province === target.province;
    case 'block':
      // A unit head's own unit is in its block; the check keeps it readable should the unit change blocks.
      return (
        scope.blockId === target.blockId ||
        (reach === 'ownBlockAndUnit' && user.unitId !== undefined && user.unitId === target.proposingUnitId)
      );
    case 'unit':
      return scope.unitId === target.proposingUnitId;
    case 'none':
      return false;
  }
}

function outOfScope(message: string, details: Record<string, unknown>): ApiError {
  return new ApiError(DOMAIN_ERROR_STATUS.OUT_OF_SCOPE, 'OUT_OF_SCOPE', message, details);
}

function roleNotAllowed(user: AuthenticatedUser, what: string): ApiError {
  return new ApiError(DOMAIN_ERROR_STATUS.ROLE_NOT_ALLOWED, 'ROLE_NOT_ALLOWED', `role ${user.role} may not ${what}`, {
    role: user.role,
  });
}

export function readScopeOf(user: AuthenticatedUser): ReadScope {
  return scopeOfReach(user, READ_RULES[user.role].nominations);
}

export function mayRead(user: AuthenticatedUser, target: ReadTarget): boolean {
  return reaches(user, READ_RULES[user.role].nominations, target);
}

export function assertMayRead(user: AuthenticatedUser, target: ReadTarget): void {
  if (!mayRead(user, target)) {
    throw outOfScope('this nomination is outside your unit, block or province', { nominationId: target.nominationId });
  }
}

/** Roles that may read some nomination's history: checked before reading, so others learn nothing of what exists. */
export const HISTORY_READER_ROLES = (Object.keys(READ_RULES) as Role[]).filter(
  (role) => READ_RULES[role].histories !== 'none',
);

export function assertMayReadHistories(user: AuthenticatedUser, what: string): void {
  if (READ_RULES[user.role].histories === 'none') throw roleNotAllowed(user, what);
}

/** `target` comes from the nomination's first event, NominationDrafted, whose province, unit and block never change. */
export function assertMayReadHistory(user: AuthenticatedUser, target: ReadTarget, what: string): void {
  assertMayReadHistories(user, what);
  if (reaches(user, READ_RULES[user.role].histories, target)) return;
  throw outOfScope(
    user.role === 'auditor'
      ? `${what} of a nomination of another province`
      : `${what} of a nomination outside your unit or block`,
    { role: user.role },
  );
}

/** Verification and export of the whole record. */
export function isAuditReader(user: AuthenticatedUser): boolean {
  return READ_RULES[user.role].wholeRecord !== 'none';
}

export function assertAuditReader(user: AuthenticatedUser, what: string): void {
  if (!isAuditReader(user)) throw roleNotAllowed(user, what);
}

/** The province the whole-record reads are confined to; undefined when they reach every province. */
export function auditProvince(user: AuthenticatedUser): string | undefined {
  const scope = scopeOfReach(user, READ_RULES[user.role].wholeRecord);
  // An account whose reach needs a province it lacks is confined to none ('' matches no province).
  return scope.kind === 'province' ? scope.province : scope.kind === 'all' ? undefined : '';
}

/** The history rule for a nomination known by its first event, NominationDrafted. */
export function assertMayReadNomination(user: AuthenticatedUser, first: RecordedEvent, what: string): void {
  const data = first.type === 'NominationDrafted' ? first.data : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const province = text(data.province);
  const blockId = text(data.blockId);
  const proposingUnitId = text(data.proposingUnitId);
  assertMayReadHistory(
    user,
    {
      nominationId: first.streamName,
      ...(province !== undefined ? { province } : {}),
      ...(blockId !== undefined ? { blockId } : {}),
      ...(proposingUnitId !== undefined ? { proposingUnitId } : {}),
    },
    what,
  );
}
