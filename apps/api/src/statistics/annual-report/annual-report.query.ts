import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { ExportedFile } from '../export-statistics/export-statistics.query';
import type { Lang } from '../report-labels';

/** The yearly summary per province, as XLSX. */
export class GetAnnualReportQuery extends Query<ExportedFile> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly year: number,
    readonly province: string | undefined,
    readonly lang: Lang,
  ) {
    super();
  }
}
