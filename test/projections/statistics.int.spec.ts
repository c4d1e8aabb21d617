import { PgSqlClient } from '@laurel/infra/event-store/sql/pg-client';
import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { createTestDatabase, databaseUrlFrom, probePostgresSync } from '../support/postgres';
import { statisticsSuite } from './statistics.suite';

statisticsSuite('PGlite', async () => {
  const client = await PgliteSqlClient.open('memory://');
  return { sql: client, dispose: () => client.close() };
});

const adminUrl = databaseUrlFrom(process.env);
const probe = probePostgresSync(adminUrl);
if (!probe.reachable) process.stdout.write(`postgres statistics suite skipped: ${probe.reason}\n`);

statisticsSuite(
  'PostgreSQL',
  async () => {
    const database = await createTestDatabase(adminUrl, 'laurel_stats');
    const client = new PgSqlClient({ connectionString: database.url, poolSize: 4 });
    return {
      sql: client,
      dispose: async () => {
        await client.close();
        await database.drop();
      },
    };
  },
  // In CI PostgreSQL is part of the environment: there its absence fails the connect.
  { describe: probe.reachable || process.env['CI'] === 'true' ? describe : describe.skip },
);
