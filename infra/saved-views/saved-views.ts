import type { AwardType, Stage } from '@laurel/domain';
import { assertSchemaName } from '../event-store/sql/schema';
import type { SqlClient } from '../event-store/sql/sql-client';

/** The inbox filters a view keeps (the same keys as the inbox's URL). */
export interface SavedViewFilters {
  readonly stage?: Stage;
  readonly award?: AwardType;
  readonly block?: string;
  readonly year?: number;
  readonly overdue?: boolean;
}

export interface SavedView {
  readonly id: string;
  readonly ownerId: string;
  /** The owner's province when saved (null for administrators): who else may open it by link. */
  readonly province: string | null;
  readonly name: string;
  readonly filters: SavedViewFilters;
  readonly createdAt: string;
}

/**
 * Saved inbox views, per user. Not derived from events: user preferences, kept
 * beside the read models in the same SQL database (PGlite or PostgreSQL).
 */
export interface SavedViews {
  /** The owner's views, newest first. */
  listFor(ownerId: string): Promise<SavedView[]>;
  find(id: string): Promise<SavedView | undefined>;
  add(view: SavedView): Promise<void>;
  /** Removes the view if `ownerId` owns it; resolves whether a row went. */
  remove(id: string, ownerId: string): Promise<boolean>;
  countFor(ownerId: string): Promise<number>;
}

interface SavedViewRow {
  id: string;
  owner_id: string;
  province: string | null;
  name: string;
  filters: SavedViewFilters | string;
  created_at: string | Date;
}

function fromRow(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    ownerId: row.owner_id,
    province: row.province,
    name: row.name,
    filters: typeof row.filters === 'string' ? (JSON.parse(row.filters) as SavedViewFilters) : row.filters,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export class SqlSavedViews implements SavedViews {
  private readonly table: string;
  private ready: Promise<SqlClient> | undefined;

  /**
   * `sql` is asked for on first use, and the table is created then (idempotent,
   * in the store's schema): building the app touches no database.
   */
  constructor(
    private readonly sqlOf: () => SqlClient,
    private readonly schema = 'laurel',
  ) {
    assertSchemaName(schema);
    this.table = `"${schema}".saved_views`;
  }

  private db(): Promise<SqlClient> {
    this.ready ??= this.createTable().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createTable(): Promise<SqlClient> {
    const sql = this.sqlOf();
    await sql.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    await sql.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      id text PRIMARY KEY,
      owner_id text NOT NULL,
      province text,
      name text NOT NULL,
      filters jsonb NOT NULL,
      created_at timestamptz NOT NULL
    )`);
    await sql.query(`CREATE INDEX IF NOT EXISTS saved_views_owner ON ${this.table} (owner_id, created_at DESC)`);
    return sql;
  }

  async listFor(ownerId: string): Promise<SavedView[]> {
    const rows = await (
      await this.db()
    ).query<SavedViewRow>(
      `SELECT id, owner_id, province, name, filters, created_at FROM ${this.table}
       WHERE owner_id = $1 ORDER BY created_at DESC, id DESC`,
      [ownerId],
    );
    return rows.map(fromRow);
  }

  async find(id: string): Promise<SavedView | undefined> {
    const rows = await (
      await this.db()
    ).query<SavedViewRow>(`SELECT id, owner_id, province, name, filters, created_at FROM ${this.table} WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async add(view: SavedView): Promise<void> {
    await (
      await this.db()
    ).query(
      `INSERT INTO ${this.table} (id, owner_id, province, name, filters, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
      [view.id, view.ownerId, view.province, view.name, JSON.stringify(view.filters), view.createdAt],
    );
  }

  async remove(id: string, ownerId: string): Promise<boolean> {
    const rows = await (
      await this.db()
    ).query<{ id: string }>(`DELETE FROM ${this.table} WHERE id = $1 AND owner_id = $2 RETURNING id`, [id, ownerId]);
    return rows.length > 0;
  }

  async countFor(ownerId: string): Promise<number> {
    const rows = await (
      await this.db()
    ).query<{ n: number | string }>(`SELECT count(*)::int AS n FROM ${this.table} WHERE owner_id = $1`, [ownerId]);
    return Number(rows[0]?.n ?? 0);
  }
}
