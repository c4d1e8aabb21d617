import { comparePositions, START, type Position } from '../event-store/port';
import type { SqlEventStore } from '../event-store/sql/sql-event-store';
import type { NominationListProjection, StateRow } from './nomination-list/nomination-list.projection';
import { NOMINATION_STREAM_PREFIX, type Projection } from './projection';
import type { ProjectionTables } from './schema';

// The runner's SQL: its checkpoint row, the one read and one write statement per batch, and the rebuild's count.

export interface Checkpoint {
  readonly position: Position;
  readonly epoch: number;
}

export interface CheckpointRow {
  readonly position_commit: string;
  readonly position_prepare: string;
  readonly epoch: number;
}

export interface BatchReadRow extends CheckpointRow {
  readonly states: StateRow[];
}

/** A write that finds the checkpoint moved is retried; this many times means something is wrong. */
export const MAX_WRITE_ATTEMPTS = 20;

/**
 * The batch's read and write statements. The write is one statement, hence
 * one transaction: `moved` moves the checkpoint if it is still at $4.$5 in
 * epoch $6, and each projection's upsert ($7, $8, …) inserts only if it did.
 * Its commit need not wait for the WAL flush: the read models are derived
 * data, a crash loses rows and checkpoint together, and the runner then
 * re-applies those events from the store.
 */
export function batchSql(tables: ProjectionTables, list: NominationListProjection, projections: readonly Projection[]) {
  const table = tables.checkpoints;
  const upserts = projections.map((projection, i) => `p${i} AS (${projection.upsertSql(`$${7 + i}`, 'moved')})`);
  return {
    read: `SELECT c.position_commit::text AS position_commit, c.position_prepare::text AS position_prepare, c.epoch,
        ${list.statesSql('$2')} AS states
      FROM ${table} c WHERE c.name = $1`,
    write: `WITH moved AS (
        UPDATE ${table} SET position_commit = $2::bigint, position_prepare = $3::bigint, updated_at = now()
        WHERE name = $1 AND position_commit = $4::bigint AND position_prepare = $5::bigint AND epoch = $6::integer
        RETURNING 1
      ),
      ${upserts.join(',\n      ')}
      SELECT (SELECT count(*) FROM moved)::integer AS moved, set_config('synchronous_commit', 'off', true) AS commit_mode`,
  };
}

export function toCheckpoint(row: CheckpointRow): Checkpoint {
  return { position: { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) }, epoch: row.epoch };
}

export function checkpointSql(tables: ProjectionTables) {
  const table = tables.checkpoints;
  const columns = `position_commit::text AS position_commit, position_prepare::text AS position_prepare, epoch`;
  return {
    ensure: `INSERT INTO ${table} (name, position_commit, position_prepare) VALUES ($1, -1, -1) ON CONFLICT (name) DO NOTHING`,
    read: `SELECT ${columns} FROM ${table} WHERE name = $1`,
    reset: `INSERT INTO ${table} (name, position_commit, position_prepare) VALUES ($1, -1, -1)
      ON CONFLICT (name) DO UPDATE SET position_commit = -1, position_prepare = -1, epoch = ${table}.epoch + 1,
        updated_at = now()
      RETURNING epoch`,
  };
}

/**
 * Nomination events up to a position, counted in the SQL store's own table,
 * for rebuild progress; undefined where it cannot be counted.
 */
export async function countNominationEvents(
  sqlStore: SqlEventStore | undefined,
  schema: string,
  upTo: Position,
): Promise<number | undefined> {
  if (comparePositions(upTo, START) === 0) return 0;
  if (!sqlStore) return undefined;
  // The store shares the read models' schema name (one DATABASE_SCHEMA setting).
  const table = `"${schema}".events`;
  try {
    const rows = await sqlStore.client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${table}
       WHERE stream_name LIKE $3 AND (transaction_id, sequence) <= ($1::text::xid8, $2::bigint)`,
      [upTo.commit.toString(), upTo.prepare.toString(), `${NOMINATION_STREAM_PREFIX}%`],
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    // A store in another schema or database: progress without a total.
    return undefined;
  }
}
