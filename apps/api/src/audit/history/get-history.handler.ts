import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Directory } from '@laurel/infra/directory';
import type { JsonValue } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import { nominationStreamName } from '@laurel/workflows/nomination/messages';
import { DIRECTORY, STORES } from '../../tokens';
import { assertMayReadHistories, assertMayReadNomination } from '../../access/read-access';
import { assertNominationId, firstEvent, notFound, toAuditEventView, type AuditEventView } from '../audit-events';
import { GetNominationHistory, type HistoryPage } from './get-history.query';

@QueryHandler(GetNominationHistory)
export class GetNominationHistoryHandler implements IQueryHandler<GetNominationHistory> {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

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
      people: this.peopleOf(events),
      nextFromVersion: last < streamVersion ? last + 1 : null,
    };
  }

  /** Display names of the people the page names (actors, council members), so a reader sees names, not ids. */
  private peopleOf(events: readonly AuditEventView[]): Record<string, string> {
    const ids = new Set<string>();
    const add = (value: JsonValue | undefined) => {
      if (typeof value === 'string') ids.add(value);
    };
    for (const event of events) {
      const actor = event.actor;
      if (typeof actor === 'object' && actor !== null && !Array.isArray(actor)) add(actor['userId']);
      add(event.data['memberId']);
    }
    const people: Record<string, string> = {};
    for (const id of ids) {
      const user = this.directory.findUser(id);
      if (user) people[id] = user.displayName;
    }
    return people;
  }
}
