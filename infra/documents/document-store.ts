import type { DocumentFormat, DocumentKind } from '@laurel/domain';
import { assertSchemaName } from '../event-store/sql/schema';
import type { SqlClient } from '../event-store/sql/sql-client';
import { projectionTables } from '../projections/schema';

/** What a document covers: the API's request, as the store finds its nominations. */
export type DocumentSubject =
  | { readonly kind: 'decision'; readonly province: string; readonly decisionNumber: string }
  | {
      readonly kind: 'proposal_letter';
      readonly province: string;
      readonly unitId: string;
      readonly campaignYear: number;
    }
  | {
      readonly kind: 'block_minutes';
      readonly province: string;
      readonly blockId: string;
      readonly campaignYear: number;
    }
  | { readonly kind: 'council_minutes'; readonly province: string; readonly campaignYear: number };

export interface StoredDocumentFile {
  readonly documentId: string;
  readonly kind: DocumentKind;
  readonly format: DocumentFormat;
  readonly province: string;
  readonly reference: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly contentType: string;
  readonly bytes: Buffer;
  readonly nominationIds: readonly string[];
}

interface FileRow {
  document_id: string;
  kind: DocumentKind;
  format: DocumentFormat;
  province: string;
  reference: string;
  sha256: string;
  size_bytes: number;
  content_type: string;
  bytes: Uint8Array;
  nomination_ids: string[];
}

/**
 * Issued files, kept beside the read models. The stream holds each file's
 * digest; this table holds the bytes, so a download is the very file whose
 * digest was recorded (a rebuild would give the same bytes, but the issued
 * file is what people sign and print). Written once per document and format.
 */
export class DocumentStore {
  private ready: Promise<void> | undefined;

  private constructor(
    private readonly stores: { readonly sql: SqlClient },
    private readonly schema: string,
    private readonly table: string,
    private readonly nominationList: string,
  ) {}

  /** Opens nothing yet: the table is made on first use, so building the app (say, for its OpenAPI) touches no database. */
  static for(stores: { readonly sql: SqlClient }, schema: string): DocumentStore {
    assertSchemaName(schema);
    return new DocumentStore(stores, schema, `"${schema}".issued_documents`, projectionTables(schema).nominationList);
  }

  private ensure(): Promise<void> {
    this.ready ??= (async () => {
      await this.stores.sql.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await this.stores.sql.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        document_id text NOT NULL,
        format text NOT NULL,
        kind text NOT NULL,
        province text NOT NULL,
        reference text NOT NULL,
        sha256 text NOT NULL,
        size_bytes integer NOT NULL,
        content_type text NOT NULL,
        bytes bytea NOT NULL,
        nomination_ids jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, format)
      )`);
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /** Keeps a file; a second save of the same document and format keeps the first (the bytes are the same). */
  async save(file: StoredDocumentFile): Promise<void> {
    await this.ensure();
    await this.stores.sql.query(
      `INSERT INTO ${this.table} (document_id, format, kind, province, reference, sha256, size_bytes, content_type, bytes, nomination_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
       ON CONFLICT (document_id, format) DO NOTHING`,
      [
        file.documentId,
        file.format,
        file.kind,
        file.province,
        file.reference,
        file.sha256,
        file.sizeBytes,
        file.contentType,
        file.bytes,
        JSON.stringify(file.nominationIds),
      ],
    );
  }

  async find(documentId: string, format: DocumentFormat): Promise<StoredDocumentFile | undefined> {
    await this.ensure();
    const rows = await this.stores.sql.query<FileRow>(
      `SELECT document_id, kind, format, province, reference, sha256, size_bytes, content_type, bytes, nomination_ids
       FROM ${this.table} WHERE document_id = $1 AND format = $2`,
      [documentId, format],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      documentId: row.document_id,
      kind: row.kind,
      format: row.format,
      province: row.province,
      reference: row.reference,
      sha256: row.sha256,
      sizeBytes: Number(row.size_bytes),
      contentType: row.content_type,
      bytes: Buffer.from(row.bytes),
      nominationIds: row.nomination_ids,
    };
  }

  /**
   * The nominations a document covers, from the nomination list. Only ids:
   * the document itself is built from each one's stream, never from this
   * read model, so it shows the record and not a projection of it.
   */
  async nominationIdsFor(subject: DocumentSubject): Promise<string[]> {
    const [where, params] = ((): [string, unknown[]] => {
      switch (subject.kind) {
        case 'decision':
          return [
            `state->'decision'->>'decisionNumber' = $2 AND state->'decision'->>'outcome' = 'approved'`,
            [subject.decisionNumber],
          ];
        case 'proposal_letter':
          return [
            `proposing_unit_id = $2 AND campaign_year = $3 AND state->'nomination'->>'submittedAt' IS NOT NULL`,
            [subject.unitId, subject.campaignYear],
          ];
        case 'block_minutes':
          return [
            `block_id = $2 AND campaign_year = $3 AND state->'blockVote'->>'closedAt' IS NOT NULL`,
            [subject.blockId, subject.campaignYear],
          ];
        case 'council_minutes':
          return [`campaign_year = $2 AND state->'council'->>'closedAt' IS NOT NULL`, [subject.campaignYear]];
      }
    })();
    const rows = await this.stores.sql.query<{ nomination_id: string }>(
      `SELECT nomination_id FROM ${this.nominationList} WHERE province = $1 AND ${where} ORDER BY nomination_id LIMIT 500`,
      [subject.province, ...params],
    );
    return rows.map((r) => r.nomination_id);
  }
}
