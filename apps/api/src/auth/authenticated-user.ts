import type { Role } from '@laurel/domain';

/** Who is calling, as the auth guard established it (embedded tokens or OIDC). */
export interface AuthenticatedUser {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  /** The unit the user acts for (unit roles, block members). */
  readonly unitId?: string;
  /** The block the user's unit belongs to, or the block a block leader leads. */
  readonly blockId?: string;
  /** The province the user works in; absent for system administrators. */
  readonly province?: string;
}
