import { assertSchemaName } from '../../event-store/sql/schema';
import type { SqlClient } from '../../event-store/sql/sql-client';
import { BUILT_IN_FORMS, builtInForm, type CertificateForm, type CertificateFormLayout } from './forms';

interface FormRow {
  form_id: string;
  province: string;
  version: number;
  name: string;
  layout: CertificateFormLayout;
  changed_by: string;
  changed_at: Date | string;
}

/** A change made against a version that is no longer the latest: the caller reloads and decides again. */
export class FormVersionConflict extends Error {
  constructor(
    readonly formId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`form ${formId} is at version ${currentVersion}, not ${expectedVersion}`);
  }
}

/**
 * Each province's offsets for its certificate blanks, every version kept:
 * a certificate names the version it was printed with, and a reprint with
 * that version must land where the first print did. Version 1 is the
 * built-in default and lives in code; saved changes are 2, 3, ….
 */
export class CertificateFormStore {
  private ready: Promise<void> | undefined;

  private constructor(
    private readonly stores: { readonly sql: SqlClient },
    private readonly schema: string,
    private readonly table: string,
  ) {}

  /** Opens nothing yet: the table is made on first use, as DocumentStore does. */
  static for(stores: { readonly sql: SqlClient }, schema: string): CertificateFormStore {
    assertSchemaName(schema);
    return new CertificateFormStore(stores, schema, `"${schema}".certificate_forms`);
  }

  private ensure(): Promise<void> {
    this.ready ??= (async () => {
      await this.stores.sql.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await this.stores.sql.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        province text NOT NULL,
        form_id text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        layout jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (province, form_id, version)
      )`);
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private static formOf(row: FormRow): CertificateForm {
    return {
      formId: row.form_id,
      province: row.province,
      name: row.name,
      version: Number(row.version),
      page: row.layout.page,
      fields: row.layout.fields,
      changedBy: row.changed_by,
      changedAt: new Date(row.changed_at).toISOString(),
    };
  }

  /** The form at a version, or its latest; undefined for a form the province does not have. */
  async find(province: string, formId: string, version?: number): Promise<CertificateForm | undefined> {
    const builtIn = builtInForm(province, formId);
    if (!builtIn) return undefined;
    if (version === 1) return builtIn;
    await this.ensure();
    const rows = await this.stores.sql.query<FormRow>(
      version === undefined
        ? `SELECT * FROM ${this.table} WHERE province = $1 AND form_id = $2 ORDER BY version DESC LIMIT 1`
        : `SELECT * FROM ${this.table} WHERE province = $1 AND form_id = $2 AND version = $3`,
      version === undefined ? [province, formId] : [province, formId, version],
    );
    const row = rows[0];
    if (row) return CertificateFormStore.formOf(row);
    return version === undefined ? builtIn : undefined;
  }

  /** Every form of the province at its latest version. */
  async list(province: string): Promise<CertificateForm[]> {
    const forms = await Promise.all(Object.keys(BUILT_IN_FORMS).map((id) => this.find(province, id)));
    return forms.filter((f): f is CertificateForm => f !== undefined);
  }

  /**
   * Saves a new version of the form's layout. `expectedVersion` is the one
   * the change was made against: two officers editing at once do not undo
   * each other's offsets without seeing them.
   */
  async save(
    province: string,
    formId: string,
    layout: CertificateFormLayout,
    expectedVersion: number,
    changedBy: string,
    changedAt: string,
  ): Promise<CertificateForm> {
    const current = await this.find(province, formId);
    if (!current) throw new Error(`no form ${formId}`);
    if (current.version !== expectedVersion) throw new FormVersionConflict(formId, expectedVersion, current.version);
    const version = current.version + 1;
    const inserted = await this.stores.sql.query<FormRow>(
      `INSERT INTO ${this.table} (province, form_id, version, name, layout, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
       ON CONFLICT (province, form_id, version) DO NOTHING
       RETURNING *`,
      [province, formId, version, current.name, JSON.stringify(layout), changedBy, changedAt],
    );
    const row = inserted[0];
    // Another save took this version between the read and the insert.
    if (!row) throw new FormVersionConflict(formId, expectedVersion, version);
    return CertificateFormStore.formOf(row);
  }
}
