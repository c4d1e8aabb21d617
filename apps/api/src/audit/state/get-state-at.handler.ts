import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { foldStream } from '@laurel/infra/audit/reconcile';
import type { Stores } from '@laurel/infra/runtime/stores';
import { ApiError } from '../../common/api-error';
import { ApiErrorCode } from '../../common/error-codes';
import { STORES } from '../../tokens';
import { assertMayReadHistories, assertMayReadNomination } from '../../access/read-access';
import { assertNominationId, notFound, readNomination } from '../audit-events';
import { GetNominationStateAt, type StateAt } from './get-state-at.query';
import { eventsAsOf } from './state-at';

@QueryHandler(GetNominationStateAt)
export class GetNominationStateAtHandler implements IQueryHandler<GetNominationStateAt> {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async execute(query: GetNominationStateAt): Promise<StateAt> {
    const { nominationId, asOf } = query;
    assertNominationId(nominationId);
    assertMayReadHistories(query.user, 'read the state');
    const events = await readNomination(this.stores.events, nominationId);
    if (events.length === 0) throw notFound(nominationId);
    assertMayReadNomination(query.user, events[0]!, 'read the state');
    const streamVersion = events[events.length - 1]!.version;
    if (asOf && 'version' in asOf && asOf.version > streamVersion) {
      throw new ApiError(
        400,
        ApiErrorCode.INVALID_QUERY,
        `the history ends at version ${streamVersion}, not ${asOf.version}`,
        {
          version: asOf.version,
          streamVersion,
        },
      );
    }
    const folded = eventsAsOf(events, asOf);
    const last = folded[folded.length - 1];
    const lastAt = last?.data['at'];
    return {
      nominationId,
      streamVersion,
      asOf: {
        version: last?.version ?? 0,
        lastEventAt: typeof lastAt === 'string' ? lastAt : null,
        requested: asOf ?? null,
      },
      state: foldStream(folded),
    };
  }
}
