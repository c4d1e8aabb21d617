import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';

/** The Board prepares documents and the chairman signs the decision; auditors may read what was issued. */
export const ISSUING_ROLES = ['board_officer', 'chairman'] as const;
export const READING_ROLES = ['board_officer', 'chairman', 'auditor'] as const;

/** The caller's province: documents are the province's; a user without one (an admin) has none to issue. */
export function provinceOf(user: AuthenticatedUser): string {
  if (!user.province) {
    throw new ApiError(403, 'OUT_OF_SCOPE', 'documents belong to a province, and this user has none', {
      role: user.role,
    });
  }
  return user.province;
}
