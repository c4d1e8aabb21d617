import { assertSchemaName } from '../event-store/sql/schema';
import type { SqlClient } from '../event-store/sql/sql-client';

/** A notification as the workflow derives it (see workflows/nomination/notifications.ts). */
export interface OutboxNotification {
  readonly id: string;
  readonly nominationId: string;
  readonly kind: string;
  readonly stage: string;
  readonly audience: readonly { readonly role: string; readonly unitId?: string; readonly blockId?: string }[];
  readonly message: string;
  readonly dueAt?: string;
  readonly createdAt: string;
}

export interface StoredNotification extends OutboxNotification {
  readonly deliveredAt?: string;
}

/**
 * The notification outbox: the worker writes, the API reads and marks
 * delivered. Lives in the same SQL database as the event store and the read
 * models; inserts are idempotent by id so a retried activity writes one row.
 */
export class NotificationOutbox {
  private constructor(
    private readonly sql: SqlClient,
    private readonly table: string,
  ) {}

  static async create(sql: SqlClient, schema = 'laurel'): Promise<NotificationOutbox> {
    assertSchemaName(schema);
    const table = `"${schema}".notifications`;
    await sql.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await sql.query(`CREATE TABLE IF NOT EXISTS ${table} (
      id text PRIMARY KEY,
      nomination_id text NOT NULL,
      kind text NOT NULL,
      stage text NOT NULL,
      audience jsonb NOT NULL,
      message text NOT NULL,
      due_at timestamptz,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz
    )`);
    await sql.query(`CREATE INDEX IF NOT EXISTS notifications_nomination ON ${table} (nomination_id, created_at)`);
    return new NotificationOutbox(sql, table);
  }

  async add(notifications: readonly OutboxNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.sql.query(
      `INSERT INTO ${this.table} (id, nomination_id, kind, stage, audience, message, due_at, created_at)
       SELECT n.id, n.nomination_id, n.kind, n.stage, n.audience, n.message, n.due_at, n.created_at
       FROM jsonb_to_recordset($1::jsonb) AS n(id text, nomination_id text, kind text, stage text,
         audience jsonb, message text, due_at timestamptz, created_at timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [
        JSON.stringify(
          notifications.map((n) => ({
            id: n.id,
            nomination_id: n.nominationId,
            kind: n.kind,
            stage: n.stage,
            audience: n.audience,
            message: n.message,
            due_at: n.dueAt ?? null,
            created_at: n.createdAt,
          })),
        ),
      ],
    );
  }

  async forNomination(nominationId: string): Promise<StoredNotification[]> {
    const rows = await this.sql.query<{
      id: string;
      nomination_id: string;
      kind: string;
      stage: string;
      audience: OutboxNotification['audience'];
      message: string;
      due_at: string | null;
      created_at: string;
      delivered_at: string | null;
    }>(
      `SELECT id, nomination_id, kind, stage, audience, message,
         to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS due_at,
         to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
         to_char(delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS delivered_at
       FROM ${this.table} WHERE nomination_id = $1 ORDER BY created_at, id`,
      [nominationId],
    );
    return rows.map((r) => ({
      id: r.id,
      nominationId: r.nomination_id,
      kind: r.kind,
      stage: r.stage,
      audience: r.audience,
      message: r.message,
      createdAt: r.created_at,
      ...(r.due_at ? { dueAt: r.due_at } : {}),
      ...(r.delivered_at ? { deliveredAt: r.delivered_at } : {}),
    }));
  }
}
