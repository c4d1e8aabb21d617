import { Inject, Injectable } from '@nestjs/common';
import { localDate, resolvePolicy, type PolicyRegistry } from '@laurel/domain';
import { blockLeadersStreamName, leadershipOf, type BlockLeaderSet } from '@laurel/domain/registration/registration';
import type { Stores } from '@laurel/infra/runtime/stores';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { CLOCK, POLICIES, STORES } from '../tokens';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * The block leader is a unit per period (domain/registration/registration.ts), recorded by the Board on
 * the block's leaders stream. A block-leader account acts only while the
 * record names its unit for the current local year, so handing the block to
 * another unit takes effect on the next request, with no token to reissue.
 * The stream is read on each request of a block-leader account: a short read,
 * and the only way two API processes agree at once after a change.
 */
@Injectable()
export class BlockLeadership {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  /** Throws 403 NOT_BLOCK_LEADER naming the unit in office when the caller's unit is not it. */
  async assertInOffice(user: AuthenticatedUser): Promise<void> {
    if (user.role !== 'block_leader' || user.blockId === undefined) return;
    const history: BlockLeaderSet[] = [];
    try {
      for await (const e of this.stores.events.readStream(blockLeadersStreamName(user.blockId))) {
        history.push(e.data as unknown as BlockLeaderSet);
      }
    } catch (error) {
      throw new ApiError(503, ApiErrorCode.STORE_UNAVAILABLE, 'the event store is not reachable; retry later', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    const now = this.clock().toISOString();
    const calendar = resolvePolicy(this.policies, user.province ?? 'default', now).calendar;
    const year = Number(localDate(now, calendar).slice(0, 4));
    const { inOffice, leader } = leadershipOf(history, user.unitId, year);
    if (inOffice) return;
    throw new ApiError(
      403,
      ApiErrorCode.NOT_BLOCK_LEADER,
      leader
        ? `unit ${leader.unitId} leads block ${user.blockId} in ${year}, not ${user.unitId ?? 'this account’s unit'}`
        : `the record names no leader of block ${user.blockId} for ${year}`,
      { blockId: user.blockId, year, ...(leader ? { leaderUnitId: leader.unitId } : {}) },
    );
  }
}
