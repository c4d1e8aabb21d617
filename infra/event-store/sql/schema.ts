/**
 * The one schema shared by PGlite and PostgreSQL, and every statement the
 * store runs, generated for a schema name so that parallel runs (and tests)
 * can live side by side in one database.
 *
 * Ordering: `sequence` alone is not a safe catch-up order, because a
 * transaction may take sequence 10, commit after another took 11, and a reader
 * that already moved past 11 would skip 10. So positions are
 * (`transaction_id`, `sequence`), and readers only see rows whose transaction
 * id is below the snapshot's xmin: every transaction older than that has
 * finished, so no row can appear later before a position already returned.
 * The price: any long transaction that holds an xid on the same server — in
 * any database — holds back delivery until it ends.
 */

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`invalid schema name "${schema}": expected [a-z_][a-z0-9_]*, at most 48 characters`);
  }
}

export interface EventStoreSql {
  readonly channel: string;
  readonly createSchema: readonly string[];
  readonly append: string;
  readonly appendBatch: string;
  readonly appendFailure: string;
  readonly streamVersion: string;
  readonly readStreamForward: string;
  readonly readStreamBackward: string;
  readonly readAll: string;
  readonly readAllByPrefix: string;
  readonly headPosition: string;
  readonly lockSchema: string;
}

const EVENT_COLUMNS = `sequence::text AS sequence, transaction_id::text AS transaction_id, stream_name, version,
  event_id, type, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/** Rows only from transactions that have all finished, with everything older (see above). */
const SETTLED = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

export function eventStoreSql(schema: string): EventStoreSql {
  assertSchemaName(schema);
  const events = `"${schema}".events`;
  const channel = `${schema}_events`;
  return {
    channel,
    lockSchema: `SELECT pg_advisory_xact_lock(hashtext('laurel.event-store.schema.' || $1::text))`,
    createSchema: [
      `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
      `CREATE TABLE IF NOT EXISTS ${events} (
        sequence bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        event_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_name, version)
      )`,
      `CREATE INDEX IF NOT EXISTS events_position_idx ON ${events} (transaction_id, sequence)`,
      // Checks the version and inserts the whole batch in one call. A function
      // rather than a bare statement because PL/pgSQL keeps its plans per
      // connection — PGlite has no prepared statements, and planning the CTE
      // on every append halved its throughput. A concurrent writer of the same
      // version blocks on the (stream_name, version) unique index, then fails
      // with 23505: writers serialise per stream, never behind a wider lock.
      // p_expected < 0 means 'any'. p_notify sends NOTIFY inside the transaction.
      // An event's `recordedAt`, when given, is its recorded_at (the hash chain covers it).
      `CREATE OR REPLACE FUNCTION "${schema}".append_events(
          p_stream text, p_expected integer, p_events text, p_notify boolean)
        RETURNS TABLE (out_version integer, out_sequence text, out_transaction_id text)
        LANGUAGE plpgsql AS $fn$
        DECLARE
          v_head integer;
        BEGIN
          SELECT coalesce(max(e.version), 0) INTO v_head FROM ${events} e WHERE e.stream_name = p_stream;
          IF p_expected >= 0 AND v_head <> p_expected THEN
            RETURN;
          END IF;
          RETURN QUERY
            WITH appended AS (
              INSERT INTO ${events} (stream_name, version, event_id, type, data, metadata, recorded_at)
              SELECT p_stream, v_head + j.ord::integer, j.value->>'id', j.value->>'type', j.value->'data', j.value->'metadata',
                coalesce((j.value->>'recordedAt')::timestamptz, now())
              FROM jsonb_array_elements(p_events::jsonb) WITH ORDINALITY AS j(value, ord)
              ORDER BY j.ord
              RETURNING version, sequence
            )
            SELECT max(a.version), max(a.sequence)::text, pg_current_xact_id()::text FROM appended a;
          IF p_notify THEN
            PERFORM pg_notify('${channel}', '');
          END IF;
        END
        $fn$`,
      // Group commit (group-commit.ts): many appends, possibly to the same
      // stream, in one call and so one transaction and one commit. Items are
      // applied in the order given, as append_events would one after another:
      // an item sees the versions the earlier ones wrote. Each item is
      // {"stream", "expected", "events"} and gets one row back, by its
      // zero-based index: 'appended', 'conflict' (not at the expected version;
      // out_version is the head) or 'refused' (a unique index said no: an id
      // already stored, or a concurrent writer took the version). Only that
      // item is refused — its subtransaction rolls back, the others commit;
      // the caller then explains it as after a single append. The client
      // sorts items by stream, so concurrent groups lock in one order. The
      // short lock_timeout fails a group stuck behind a lock (the client
      // replays it item by item) rather than keeping every caller in it
      // waiting. One subtransaction per item, hence at most 64 items: more
      // overflow PostgreSQL's per-transaction cache and slow every snapshot.
      `CREATE OR REPLACE FUNCTION "${schema}".append_event_batch(p_items jsonb, p_notify boolean)
        RETURNS TABLE (out_index integer, out_status text, out_version integer, out_sequence text,
          out_transaction_id text)
        LANGUAGE plpgsql
        SET lock_timeout = '500ms'
        AS $fn$
        DECLARE
          v_item jsonb;
          v_ord bigint;
          v_stream text;
          v_expected integer;
          v_head integer;
          v_appended boolean := false;
        BEGIN
          FOR v_item, v_ord IN SELECT j.value, j.ord FROM jsonb_array_elements(p_items) WITH ORDINALITY AS j(value, ord)
          LOOP
            v_stream := v_item->>'stream';
            v_expected := (v_item->>'expected')::integer;
            out_index := v_ord::integer - 1;
            out_sequence := NULL;
            out_transaction_id := NULL;
            SELECT coalesce(max(e.version), 0) INTO v_head FROM ${events} e WHERE e.stream_name = v_stream;
            IF v_expected >= 0 AND v_head <> v_expected THEN
              out_status := 'conflict';
              out_version := v_head;
            ELSE
              BEGIN
                WITH appended AS (
                  INSERT INTO ${events} (stream_name, version, event_id, type, data, metadata, recorded_at)
                  SELECT v_stream, v_head + j.ord::integer, j.value->>'id', j.value->>'type', j.value->'data',
                    j.value->'metadata', coalesce((j.value->>'recordedAt')::timestamptz, now())
                  FROM jsonb_array_elements(v_item->'events') WITH ORDINALITY AS j(value, ord)
                  ORDER BY j.ord
                  RETURNING version, sequence
                )
                SELECT max(a.version), max(a.sequence)::text INTO out_version, out_sequence FROM appended a;
                -- The top-level transaction's id, inside the subtransaction too: the position readers order by.
                out_transaction_id := pg_current_xact_id()::text;
                out_status := 'appended';
                v_appended := true;
              EXCEPTION WHEN unique_violation THEN
                out_status := 'refused';
                out_version := NULL;
              END;
            END IF;
            RETURN NEXT;
          END LOOP;
          IF p_notify AND v_appended THEN
            PERFORM pg_notify('${channel}', '');
          END IF;
        END
        $fn$`,
    ],
    // One round trip (see the function above). No row back means the stream
    // was not at the expected version.
    append: `SELECT out_version AS version, out_sequence AS sequence, out_transaction_id AS transaction_id
      FROM "${schema}".append_events($1::text, $2::integer, $3::text, $4::boolean)`,
    appendBatch: `SELECT out_index AS index, out_status AS status, out_version AS version, out_sequence AS sequence,
        out_transaction_id AS transaction_id
      FROM "${schema}".append_event_batch($1::jsonb, $2::boolean)`,
    // After a failed append: the stream's version, and any stored events with the batch's ids.
    appendFailure: `SELECT head.version AS head_version, e.event_id, e.stream_name, e.version, e.type, e.data, e.metadata,
        e.sequence::text AS sequence, e.transaction_id::text AS transaction_id
      FROM (SELECT coalesce(max(version), 0) AS version FROM ${events} WHERE stream_name = $1) head
      LEFT JOIN ${events} e ON e.event_id = ANY($2::text[])`,
    streamVersion: `SELECT coalesce(max(version), 0) AS version FROM ${events} WHERE stream_name = $1`,
    readStreamForward: `SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE e.stream_name = $1 AND e.version >= $2 ORDER BY e.version LIMIT $3`,
    readStreamBackward: `SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE e.stream_name = $1 AND e.version <= $2 ORDER BY e.version DESC LIMIT $3`,
    // ORDER BY names the table's columns explicitly: bare names would pick the
    // text-cast output columns of the same name and sort as text.
    readAll: `SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE (e.transaction_id, e.sequence) > ($1::text::xid8, $2::bigint) AND e.${SETTLED}
      ORDER BY e.transaction_id, e.sequence LIMIT $3`,
    readAllByPrefix: `SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE (e.transaction_id, e.sequence) > ($1::text::xid8, $2::bigint) AND e.${SETTLED}
        AND e.stream_name LIKE ANY($4::text[])
      ORDER BY e.transaction_id, e.sequence LIMIT $3`,
    headPosition: `SELECT e.transaction_id::text AS transaction_id, e.sequence::text AS sequence FROM ${events} e
      WHERE e.${SETTLED} ORDER BY e.transaction_id DESC, e.sequence DESC LIMIT 1`,
  };
}

/** `LIKE` pattern matching names that start with `prefix` literally. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
