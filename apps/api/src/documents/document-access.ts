import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';

/** The Board prepares documents and the chairman signs the decision; auditors may read what was issued. */
export const ISSUING_ROLES = ['board_officer', 'chairman'] as const;
export const READING_ROLES = ['board_officer', 'chairman', 'auditor'] as const;
/** Who lines the printer up: the Board, or an administrator working for the province. */
export const FORM_EDITING_ROLES = ['board_officer', 'admin'] as const;
export const FORM_READING_ROLES = ['board_officer', 'chairman', 'admin'] as const;
export const PRINTING_ROLES = ['board_officer', 'chairman', 'admin'] as const;

/**
 * The caller's province: documents are the province's. A user of one
 * province may name it (scripts do) but no other; an administrator, who has
 * none, must name the province worked for.
 */
export function provinceOf(user: AuthenticatedUser, requested?: string): string {
  if (!user.province) {
    if (user.role === 'admin' && requested) return requested;
    throw new ApiError(
      403,
      'OUT_OF_SCOPE',
      user.role === 'admin'
        ? 'an administrator names the province: ?province=<id>'
        : 'documents belong to a province, and this user has none',
      { role: user.role },
    );
  }
  if (requested !== undefined && requested !== user.province) {
    throw new ApiError(403, 'OUT_OF_SCOPE', `this user works for ${user.province}, not ${requested}`, {
      province: requested,
    });
  }
  return user.province;
}
