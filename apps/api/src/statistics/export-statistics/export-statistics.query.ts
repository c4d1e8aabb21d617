import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { StatisticsRequest } from '../statistics-schemas';

export interface ExportedFile {
  readonly contentType: string;
  readonly filename: string;
  readonly body: Buffer;
}

/** The statistics table as a file: CSV (UTF-8 with BOM) or XLSX. */
export class ExportStatisticsQuery extends Query<ExportedFile> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly request: StatisticsRequest,
    readonly format: 'csv' | 'xlsx',
  ) {
    super();
  }
}
