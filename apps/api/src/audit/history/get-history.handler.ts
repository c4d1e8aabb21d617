import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Stores } from '@laurel/infra/runtime/stores';
import { nominationStreamName } from '@laurel/workflows/nomination/messages';
import { STORES } from '../../tokens';
import { assertMayReadHistories, assertMayReadNomination } from '../audit-access';
import { assertNominationId, firstEvent, notFound, toAuditEventView, type AuditEventView } from '../audit-events';
import { GetNominationHistory, type HistoryPage } from './get-history.query';

@QueryHandler(GetNominationHistory)
export class GetNominationHistoryHandler implements IQueryHandler<GetNominationHistory> {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async execute(query: GetNominationHistory): Promise<HistoryPage> {
    const { nominationId, fromVersion, limit } = query;
    assertNominationId(nominationId);
    assertMayReadHistories(query.user, 'read the history');
    const store = this.stores.events;
    const first = await firstEvent(store, nominationId);
    if (!first) throw notFound(nominationId);
    assertMayReadNomination(query.user, first, 'read the history');

    const events: AuditEventView[] = [];
    const streamName = nominationStreamName(nominationId);
    for await (const event of store.readStream(streamName, { fromVersion, maxCount: limit })) {
      events.push(toAuditEventView(event));
    }
    const streamVersion = await store.streamVersion(streamName);
    const last = events.length > 0 ? events[events.length - 1]!.version : fromVersion - 1;
    return {
      nominationId,
      streamVersion,
      fromVersion,
      events,
      nextFromVersion: last < streamVersion ? last + 1 : null,
    };
  }
}
