import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { projectionSuite } from './projections.suite';

// One in-memory PGlite for the file (it takes seconds to start); each test has its own schema.
projectionSuite('PGlite', async () => {
  const client = await PgliteSqlClient.open('memory://');
  return { sql: client, dispose: () => client.close() };
});
