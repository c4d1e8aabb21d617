import { join } from 'node:path';
import { secureDataFolder } from './data-folder';
import { ChainedEventStore } from '../audit/chained-event-store';
import { SqlCheckpointStore } from '../audit/checkpoints';
import type { LaurelConfig } from '../config/config';
import type { EventStore } from '../event-store/port';
import { PgSqlClient } from '../event-store/sql/pg-client';
import { PgliteSqlClient } from '../event-store/sql/pglite-client';
import type { SqlClient } from '../event-store/sql/sql-client';
import { SqlEventStore } from '../event-store/sql/sql-event-store';
import { NotificationOutbox } from '../notifications/outbox';

/** What an app needs from storage: the audited store to append to, and SQL for outbox and read models. */
export interface Stores {
  /** The hash-chaining store; every append goes through it. */
  readonly events: EventStore;
  /** The SQL database of the outbox and read models (also the event store unless KurrentDB is used). */
  readonly sql: SqlClient;
  readonly outbox: NotificationOutbox;
  /** The streams' signed heads (infra/audit/checkpoints.ts), in SQL whatever holds the events. */
  readonly checkpoints: SqlCheckpointStore;
  /** Which adapter holds the events: `pglite`, `postgres` or `kurrentdb`. */
  readonly eventStoreKind: 'pglite' | 'postgres' | 'kurrentdb';
  close(): Promise<void>;
}

/**
 * Opens storage as configured: PostgreSQL when DATABASE_URL is set, otherwise
 * the embedded PGlite folder under the data directory. KurrentDB, when
 * KURRENTDB_URL is set, holds the events; SQL still holds outbox and read models.
 */
export async function openStores(config: LaurelConfig, sqlOverride?: SqlClient): Promise<Stores> {
  const embedded = !config.DATABASE_URL && !sqlOverride;
  if (embedded) for (const warning of await secureDataFolder(config.LAUREL_DATA_DIR)) console.warn(warning);
  const sql =
    sqlOverride ??
    (config.DATABASE_URL
      ? new PgSqlClient({ connectionString: config.DATABASE_URL })
      : await PgliteSqlClient.open(join(config.LAUREL_DATA_DIR, 'events')));
  // What PGlite created at start-up (with modes of its own) is tightened at once, not only at the next start.
  if (embedded) await secureDataFolder(config.LAUREL_DATA_DIR);
  let raw: EventStore;
  let eventStoreKind: Stores['eventStoreKind'];
  if (config.KURRENTDB_URL) {
    const { KurrentDbEventStore } = await import('../event-store/kurrentdb/kurrentdb-event-store');
    raw = KurrentDbEventStore.connect(config.KURRENTDB_URL);
    eventStoreKind = 'kurrentdb';
  } else {
    // A short poll bounds the wait when a NOTIFY arrived before the rows were
    // settled (another transaction on the server still held the snapshot's xmin).
    raw = await SqlEventStore.create(sql, { schema: config.DATABASE_SCHEMA, pollIntervalMs: 100, closeClient: false });
    eventStoreKind = sql.driver;
  }
  const outbox = await NotificationOutbox.create(sql, config.DATABASE_SCHEMA);
  const checkpoints = await SqlCheckpointStore.create(sql, config.DATABASE_SCHEMA);
  return {
    events: new ChainedEventStore(raw),
    sql,
    outbox,
    checkpoints,
    eventStoreKind,
    async close() {
      await raw.close();
      if (!sqlOverride) await sql.close();
      // PGlite sets some files' modes itself (0644, whatever the umask): tighten what it wrote.
      if (sql.driver === 'pglite' && !sqlOverride) await secureDataFolder(config.LAUREL_DATA_DIR);
    },
  };
}
