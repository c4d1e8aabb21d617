import type { Role } from '@laurel/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { SessionHeader } from '../projections/read-models';

/** The province's people who read every session of their province. */
const PROVINCIAL_READERS: readonly Role[] = ['board_officer', 'council_member', 'chairman', 'auditor'];

/**
 * One rule for a session's single read and for its place in a list (which
 * narrows to the caller's province in SQL first): a caller bound to a province
 * reads only that province's sessions, whatever else would let them.
 */
function inProvince(user: AuthenticatedUser, s: SessionHeader): boolean {
  return user.province === undefined || user.province === s.province;
}

/** A block session: its member units, its block's leader, and the province's Board, council, chairman and auditors. */
export function mayReadBlockSession(user: AuthenticatedUser, s: SessionHeader): boolean {
  if (!inProvince(user, s)) return false;
  const member = user.unitId !== undefined && s.memberIds.includes(user.unitId);
  const leader = user.role === 'block_leader' && user.blockId === s.blockId;
  return member || leader || PROVINCIAL_READERS.includes(user.role);
}

/** A council session: the province's Board, council, chairman and auditors; never a unit. */
export function mayReadCouncilSession(user: AuthenticatedUser, s: SessionHeader): boolean {
  return inProvince(user, s) && PROVINCIAL_READERS.includes(user.role);
}
