import type { RecordedEvent } from '@laurel/infra/event-store/port';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { DOMAIN_ERROR_STATUS } from '../common/error-codes';

/**
 * Who may read the audit record.
 *
 * - `auditor` reads every nomination of its own province: history, as-of
 *   state, verification, exports (DOMAIN.md: the auditor's scope is the
 *   province). `admin` reads every nomination of every province: it operates
 *   the store and must be able to check all of it.
 * - A nomination's own people may read its history and its state as of any
 *   moment: the proposing unit's officer and head, and the leader of its block.
 *   They already see the nomination itself; the history adds only who acted
 *   and when, and secret ballots stay sealed for everyone.
 * - Verification and export stay with auditors and admins: they reach across
 *   nominations (export) or into the workflow engine (verify).
 */
export function isAuditReader(user: AuthenticatedUser): boolean {
  return user.role === 'auditor' || user.role === 'admin';
}

export function assertAuditReader(user: AuthenticatedUser, what: string): void {
  if (!isAuditReader(user)) {
    throw new ApiError(DOMAIN_ERROR_STATUS.ROLE_NOT_ALLOWED, 'ROLE_NOT_ALLOWED', `role ${user.role} may not ${what}`, {
      role: user.role,
    });
  }
}

/** Roles that may read some nomination's history: checked before reading, so others learn nothing of what exists. */
export const HISTORY_READER_ROLES = ['auditor', 'admin', 'unit_officer', 'unit_head', 'block_leader'] as const;

export function assertMayReadHistories(user: AuthenticatedUser, what: string): void {
  if (!(HISTORY_READER_ROLES as readonly string[]).includes(user.role)) {
    throw new ApiError(DOMAIN_ERROR_STATUS.ROLE_NOT_ALLOWED, 'ROLE_NOT_ALLOWED', `role ${user.role} may not ${what}`, {
      role: user.role,
    });
  }
}

/** The province an auditor is confined to; undefined for an admin, who reads every province. */
export function auditProvince(user: AuthenticatedUser): string | undefined {
  return user.role === 'auditor' ? (user.province ?? '') : undefined;
}

/** `first` is the nomination's first event, NominationDrafted, whose province, unit and block never change. */
export function assertMayReadNomination(user: AuthenticatedUser, first: RecordedEvent, what: string): void {
  const { proposingUnitId, blockId, province } = first.type === 'NominationDrafted' ? first.data : {};
  if (user.role === 'admin') return;
  if (user.role === 'auditor') {
    // An auditor without a province (a misconfigured account) reads nothing rather than everything.
    if (province !== undefined && province === auditProvince(user)) return;
    throw new ApiError(
      DOMAIN_ERROR_STATUS.OUT_OF_SCOPE,
      'OUT_OF_SCOPE',
      `${what} of a nomination of another province`,
      {
        role: user.role,
      },
    );
  }
  const ownUnit =
    (user.role === 'unit_officer' || user.role === 'unit_head') &&
    user.unitId !== undefined &&
    user.unitId === proposingUnitId;
  const ownBlock = user.role === 'block_leader' && user.blockId !== undefined && user.blockId === blockId;
  if (ownUnit || ownBlock) return;
  assertMayReadHistories(user, what);
  throw new ApiError(
    DOMAIN_ERROR_STATUS.OUT_OF_SCOPE,
    'OUT_OF_SCOPE',
    `${what} of a nomination outside your unit or block`,
    {
      role: user.role,
    },
  );
}
