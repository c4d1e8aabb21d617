import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { SqlEventStore } from '@laurel/infra/event-store/sql/sql-event-store';
import { eventStoreContract } from './event-store.contract';

// One in-memory PGlite per spec file (it takes seconds to start); tests use fresh streams.
eventStoreContract('pglite', async () => {
  const client = await PgliteSqlClient.open('memory://');
  const schema = 'laurel';
  return {
    eventIdsUniqueAcrossStreams: true,
    openStore: (options = {}) =>
      SqlEventStore.create(client, { schema, closeClient: false, pollIntervalMs: 250, ...options }),
    tamperEventData: async (eventId, data) => {
      await client.query(`UPDATE "${schema}".events SET data = $2::text::jsonb WHERE event_id = $1`, [
        eventId,
        JSON.stringify(data),
      ]);
    },
    tamperRecordedAt: async (eventId, recordedAt) => {
      await client.query(`UPDATE "${schema}".events SET recorded_at = $2::timestamptz WHERE event_id = $1`, [
        eventId,
        recordedAt,
      ]);
    },
    dispose: () => client.close(),
  };
});
