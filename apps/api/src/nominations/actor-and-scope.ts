import type { ActiveState, Actor } from '@laurel/domain';
import type { NominationScope } from '../access/nomination-access';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/** What the domain records as the actor: ids only; names live in the directory. */
export function actorOf(user: AuthenticatedUser): Actor {
  return {
    userId: user.userId,
    role: user.role,
    ...(user.unitId !== undefined ? { unitId: user.unitId } : {}),
    ...(user.blockId !== undefined ? { blockId: user.blockId } : {}),
  };
}

export function scopeOf(state: ActiveState): NominationScope {
  const { nominationId, province, blockId, proposingUnitId } = state.nomination;
  return { nominationId, province, blockId, proposingUnitId };
}
