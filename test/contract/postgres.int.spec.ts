import { PgSqlClient } from '@laurel/infra/event-store/sql/pg-client';
import { SqlEventStore } from '@laurel/infra/event-store/sql/sql-event-store';
import { createTestDatabase, databaseUrlFrom, holdTransaction, probePostgresSync, redact } from '../support/postgres';
import { eventStoreContract } from './event-store.contract';

const adminUrl = databaseUrlFrom(process.env);
const probe = probePostgresSync(adminUrl);
const required = process.env['CI'] === 'true';

if (!probe.reachable && !required) {
  process.stdout.write(`postgres contract suite skipped: ${probe.reason}\n`);
}

if (!probe.reachable && required) {
  // In CI a missing database is a broken pipeline, not a reason to go green.
  describe('postgres contract suite', () => {
    it('connects to PostgreSQL (required when CI=true)', () => {
      throw new Error(`PostgreSQL is unreachable at ${redact(adminUrl)} and CI=true requires it: ${probe.reason}`);
    });
  });
}

// Group commit is the default on PostgreSQL; the single path must keep passing on its own too.
const variants = [
  { notify: 'after-commit', groupCommit: true },
  { notify: 'after-commit', groupCommit: false },
  { notify: 'in-transaction', groupCommit: true },
  { notify: 'in-transaction', groupCommit: false },
] as const;

for (const { notify, groupCommit } of variants) {
  eventStoreContract(
    `postgres (notify ${notify}, group commit ${groupCommit ? 'on' : 'off'})`,
    async () => {
      // A fresh database per run, so parallel runs and leftovers never meet.
      const database = await createTestDatabase(adminUrl);
      const client = new PgSqlClient({ connectionString: database.url, poolSize: 24 });
      const schema = 'laurel';
      return {
        eventIdsUniqueAcrossStreams: true,
        openStore: (options = {}) =>
          SqlEventStore.create(client, {
            schema,
            notify,
            groupCommit,
            closeClient: false,
            pollIntervalMs: 250,
            ...options,
          }),
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
        holdTransaction: () => holdTransaction(database.url),
        dispose: async () => {
          await client.close();
          await database.drop();
        },
      };
    },
    { describe: probe.reachable ? describe : describe.skip },
  );
}
