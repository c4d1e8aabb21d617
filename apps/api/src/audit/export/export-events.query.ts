import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

export type ExportFormat = 'ndjson' | 'csv';

export interface ExportFilter {
  /** The campaign year as the nomination now states it (a draft may change it). */
  readonly year?: number;
  readonly blockId?: string;
  /** One nomination only. */
  readonly nominationId?: string;
}

export interface AuditExport {
  readonly format: ExportFormat;
  readonly contentType: string;
  readonly nominations: number;
  /** Events the body will hold: every event of the matching nominations up to `position`. */
  readonly events: number;
  /** The store position the export was taken at; later events are left out. */
  readonly position: string;
  /** The body, produced lazily, one line (with its newline) at a time. */
  readonly lines: AsyncIterable<string>;
}

/**
 * Every event of the nominations matching the filter (and, for an auditor, of its own province), as NDJSON or
 * CSV, nomination by nomination.
 */
export class ExportAuditEvents extends Query<AuditExport> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly format: ExportFormat,
    readonly filter: ExportFilter,
  ) {
    super();
  }
}
