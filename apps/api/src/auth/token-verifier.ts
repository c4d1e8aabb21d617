import { z } from 'zod';
import { ROLES } from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import type { AuthenticatedUser } from './authenticated-user';

/** Turns a bearer token into the caller, or throws ApiError 401. */
export interface TokenVerifier {
  readonly mode: 'embedded' | 'oidc';
  verify(token: string): Promise<AuthenticatedUser>;
}

/**
 * The claims Laurel reads, in embedded tokens and from an OIDC provider alike:
 * `sub` (user id), `name` (display name), `laurel_role` (one of the roles of
 * domain/nomination/values.ts), `laurel_unit` (unit id, for unit roles and council members),
 * `laurel_block` (block id; derived from the unit when absent),
 * `laurel_province` (province slug; derived from the unit or block when absent).
 */
export const laurelClaimsSchema = z.object({
  sub: z.string().trim().min(1).max(200),
  name: z.string().max(300).optional(),
  laurel_role: z.enum(ROLES),
  laurel_unit: z.string().trim().min(1).max(200).optional(),
  laurel_block: z.string().trim().min(1).max(200).optional(),
  laurel_province: z.string().trim().min(1).max(100).optional(),
});

export type LaurelClaims = z.infer<typeof laurelClaimsSchema>;

export function userFromClaims(claims: LaurelClaims, directory: Directory): AuthenticatedUser {
  const unit = claims.laurel_unit === undefined ? undefined : directory.unit(claims.laurel_unit);
  const blockId = claims.laurel_block ?? unit?.blockId;
  const block = blockId === undefined ? undefined : directory.block(blockId);
  const province = claims.laurel_province ?? unit?.province ?? block?.province;
  return {
    userId: claims.sub,
    name: (claims.name ?? claims.sub).normalize('NFC'),
    role: claims.laurel_role,
    ...(claims.laurel_unit !== undefined ? { unitId: claims.laurel_unit } : {}),
    ...(blockId !== undefined ? { blockId } : {}),
    ...(province !== undefined ? { province } : {}),
  };
}
