import { assertSchemaName, likePrefix } from '../event-store/sql/schema';
import type { SqlClient } from '../event-store/sql/sql-client';
import { START, type EventStore, type Position, type RecordedEvent, type Subscription } from '../event-store/port';
import type { ActionSigner, ActionVerifier, ProofCheck } from './action-proof';
import { GENESIS_HASH } from './hash';
import { checkLink } from './verify';

/**
 * A stream's head as the API last saw it, signed with its action-signing key:
 * an anchor outside the events table. Whoever can rewrite the table can
 * delete or roll back these rows too, but not sign new ones, and an auditor
 * who keeps the export (GET /audit/checkpoints) elsewhere holds them anyway.
 */
export interface StreamCheckpoint {
  readonly streamName: string;
  readonly version: number;
  /** The stored `hash` of the event at `version`. */
  readonly hash: string;
  /** When the checkpoint was signed (ISO-8601 UTC). */
  readonly recordedAt: string;
  readonly keyId: string;
  readonly signature: string;
}

/** Keeps checkpoint signatures apart from action proofs and any other statement. */
export const CHECKPOINT_DOMAIN = 'laurel-stream-checkpoint-v1\n';

function signedPart(c: Omit<StreamCheckpoint, 'signature'>) {
  return { streamName: c.streamName, version: c.version, hash: c.hash, recordedAt: c.recordedAt, keyId: c.keyId };
}

export function signCheckpoint(
  signer: ActionSigner,
  head: Pick<StreamCheckpoint, 'streamName' | 'version' | 'hash' | 'recordedAt'>,
): StreamCheckpoint {
  const unsigned = { ...head, keyId: signer.keyId };
  return { ...unsigned, signature: signer.signStatement(CHECKPOINT_DOMAIN, signedPart(unsigned)) };
}

export function checkCheckpoint(verifier: ActionVerifier, checkpoint: StreamCheckpoint): ProofCheck {
  return verifier.checkStatement(CHECKPOINT_DOMAIN, signedPart(checkpoint), checkpoint.keyId, checkpoint.signature);
}

interface CheckpointRow {
  readonly stream_name: string;
  readonly version: number;
  readonly hash: string;
  readonly recorded_at: string;
  readonly key_id: string;
  readonly signature: string;
}

const PAGE = 500;

/** The checkpoints table (and the checkpointer's read position) in the SQL database, whatever holds the events. */
export class SqlCheckpointStore {
  private readonly table: string;
  private readonly positionTable: string;

  private constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    assertSchemaName(schema);
    this.table = `"${schema}".stream_checkpoints`;
    this.positionTable = `"${schema}".stream_checkpointer`;
  }

  static async create(sql: SqlClient, schema: string): Promise<SqlCheckpointStore> {
    const store = new SqlCheckpointStore(sql, schema);
    await sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('laurel.stream-checkpoints.' || $1::text))`, [schema]);
      await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${store.table} (
        stream_name text PRIMARY KEY,
        version integer NOT NULL CHECK (version > 0),
        hash text NOT NULL,
        recorded_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      )`);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${store.positionTable} (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        position_commit numeric NOT NULL,
        position_prepare numeric NOT NULL
      )`);
    });
    return store;
  }

  /**
   * Moves the read position and, when given, the stream's checkpoint, in one
   * transaction. Both only move forward, so two API processes checkpointing
   * the same log (or a late retry) never roll a head back.
   */
  async record(position: Position, checkpoint?: StreamCheckpoint): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ${this.positionTable} AS p (id, position_commit, position_prepare)
         VALUES (true, $1::numeric, $2::numeric)
         ON CONFLICT (id) DO UPDATE SET position_commit = excluded.position_commit,
           position_prepare = excluded.position_prepare
         WHERE (p.position_commit, p.position_prepare) < (excluded.position_commit, excluded.position_prepare)`,
        [position.commit.toString(), position.prepare.toString()],
      );
      if (!checkpoint) return;
      await tx.query(
        `INSERT INTO ${this.table} AS c (stream_name, version, hash, recorded_at, key_id, signature)
         VALUES ($1, $2, $3, $4::timestamptz, $5, $6)
         ON CONFLICT (stream_name) DO UPDATE SET version = excluded.version, hash = excluded.hash,
           recorded_at = excluded.recorded_at, key_id = excluded.key_id, signature = excluded.signature
         WHERE c.version < excluded.version`,
        [
          checkpoint.streamName,
          checkpoint.version,
          checkpoint.hash,
          checkpoint.recordedAt,
          checkpoint.keyId,
          checkpoint.signature,
        ],
      );
    });
  }

  async position(): Promise<Position> {
    const rows = await this.sql.query<{ commit: string; prepare: string }>(
      `SELECT position_commit::text AS commit, position_prepare::text AS prepare FROM ${this.positionTable}`,
    );
    const row = rows[0];
    return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : START;
  }

  async get(streamName: string): Promise<StreamCheckpoint | undefined> {
    const rows = await this.sql.query<CheckpointRow>(`${this.select} WHERE stream_name = $1`, [streamName]);
    return rows[0] && toCheckpoint(rows[0]);
  }

  /** Every checkpoint (of streams starting with one of `streamPrefixes`, when given), by stream name, in pages. */
  async *list(options: { readonly streamPrefixes?: readonly string[] } = {}): AsyncGenerator<StreamCheckpoint> {
    const patterns = options.streamPrefixes?.map(likePrefix);
    let after = '';
    for (;;) {
      const rows = await this.sql.query<CheckpointRow>(
        `${this.select} WHERE stream_name > $1 ${patterns ? 'AND stream_name LIKE ANY($3::text[])' : ''}
         ORDER BY stream_name LIMIT $2`,
        patterns ? [after, PAGE, patterns] : [after, PAGE],
      );
      for (const row of rows) yield toCheckpoint(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.stream_name;
    }
  }

  private get select(): string {
    return `SELECT stream_name, version, hash, key_id, signature,
      to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at FROM ${this.table}`;
  }
}

function toCheckpoint(row: CheckpointRow): StreamCheckpoint {
  return {
    streamName: row.stream_name,
    version: row.version,
    hash: row.hash,
    recordedAt: row.recorded_at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

export interface StreamCheckpointerOptions {
  readonly events: EventStore;
  readonly checkpoints: SqlCheckpointStore;
  readonly signer: ActionSigner;
  readonly streamPrefixes?: readonly string[];
  /** A link that does not hold is not anchored: reported here (verify names it anyway). */
  readonly onError?: (error: unknown) => void;
  readonly clock?: () => Date;
}

/**
 * Signs each stream's head as it moves, by following the log rather than
 * from inside the append: the workers append, and they must not hold the
 * API's signing key (it would let them forge actions), while the API does.
 * One upsert per event, behind the live head by the subscription's lag
 * (about the poll interval); only a link that holds onto the last
 * checkpoint is signed, so a table rewritten before it is read is never
 * anchored. Two API processes may both run it: checkpoints only move forward.
 */
export class StreamCheckpointer {
  private subscription: Subscription | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private readonly clock: () => Date;

  constructor(private readonly options: StreamCheckpointerOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async start(): Promise<void> {
    this.stopped = false;
    const after = await this.options.checkpoints.position();
    this.subscription = this.options.events.subscribe({
      after,
      ...(this.options.streamPrefixes ? { streamPrefixes: this.options.streamPrefixes } : {}),
      onEvent: async (event) => {
        await this.anchor(event);
        this.failures = 0;
      },
      onError: (error) => this.failed(error),
    });
  }

  /** A failed subscription stops; an outage must not end checkpointing, so it resumes from the stored position. */
  private failed(error: unknown): void {
    this.options.onError?.(error);
    const failed = this.subscription;
    this.subscription = undefined;
    if (this.stopped) return;
    const delay = Math.min(500 * 2 ** this.failures++, 30_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void (async () => {
        await failed?.stop();
        if (!this.stopped) await this.start();
      })().catch((e: unknown) => this.failed(e));
    }, delay);
  }

  private async anchor(event: RecordedEvent): Promise<void> {
    const { checkpoints, signer } = this.options;
    const last = await checkpoints.get(event.streamName);
    if (last && last.version >= event.version) return checkpoints.record(event.position);
    const previousHash =
      event.version === 1 ? GENESIS_HASH : last?.version === event.version - 1 ? last.hash : undefined;
    const broken =
      previousHash === undefined
        ? 'no checkpoint of the event before'
        : checkLink(event, event.version - 1, previousHash);
    if (broken) {
      this.options.onError?.(
        new Error(`not checkpointing ${event.streamName} at version ${event.version} (${event.id}): ${broken}`),
      );
      return checkpoints.record(event.position);
    }
    const head = {
      streamName: event.streamName,
      version: event.version,
      hash: event.metadata['hash'] as string,
      recordedAt: this.clock().toISOString(),
    };
    await checkpoints.record(event.position, signCheckpoint(signer, head));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
