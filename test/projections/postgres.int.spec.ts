import { PgSqlClient } from '@laurel/infra/event-store/sql/pg-client';
import { createTestDatabase, databaseUrlFrom, probePostgresSync } from '../support/postgres';
import { projectionSuite } from './projections.suite';

const adminUrl = databaseUrlFrom(process.env);
const probe = probePostgresSync(adminUrl);

const required = process.env['CI'] === 'true';

if (!probe.reachable && !required) {
  process.stdout.write(`postgres projection suite skipped: ${probe.reason}\n`);
}

if (!probe.reachable && required) {
  // In CI PostgreSQL is part of the environment: its absence is a failure, not a skip.
  describe('postgres projection suite', () => {
    it('connects to PostgreSQL (required when CI=true)', () => {
      throw new Error(`PostgreSQL is unreachable and CI=true requires it: ${probe.reason}`);
    });
  });
}

// A fresh database for the file; each test has its own schema in it.
projectionSuite(
  'PostgreSQL',
  async () => {
    const database = await createTestDatabase(adminUrl, 'laurel_proj');
    const client = new PgSqlClient({ connectionString: database.url, poolSize: 10 });
    return {
      sql: client,
      dispose: async () => {
        await client.close();
        await database.drop();
      },
    };
  },
  { describe: probe.reachable ? describe : describe.skip },
);
