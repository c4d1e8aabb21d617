import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Directory } from '@laurel/infra/directory';
import { ApiError } from '../../common/api-error';
import type { ReadModels } from '../../projections/read-models';
import { DIRECTORY, PROJECTIONS } from '../../tokens';
import { XLSX_TYPE } from '../export-statistics/export-statistics.handler';
import type { ExportedFile } from '../export-statistics/export-statistics.query';
import { scopedStatisticsFilter } from '../statistics-scope';
import { GetAnnualReportQuery } from './annual-report.query';
import { buildAnnualReport } from './annual-report.workbook';

@QueryHandler(GetAnnualReportQuery)
export class GetAnnualReportHandler implements IQueryHandler<GetAnnualReportQuery> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ user, year, province, lang }: GetAnnualReportQuery): Promise<ExportedFile> {
    const { filter } = scopedStatisticsFilter(user, province !== undefined ? { province } : {});
    const provinces =
      filter.province !== undefined
        ? [this.provinceOf(filter.province)]
        : this.directory.provinces().map((p) => ({ id: p.id, name: p.name }));
    const body = await buildAnnualReport({
      year,
      provinces,
      lang,
      source: (f, groupBy) => this.readModels.statistics(f, groupBy),
      unitName: (id) => this.directory.unit(id)?.name ?? id,
    });
    const suffix = filter.province !== undefined ? `-${filter.province}` : '';
    return { contentType: XLSX_TYPE, filename: `laurel-annual-report-${year}${suffix}.xlsx`, body };
  }

  private provinceOf(id: string): { id: string; name: string } {
    const found = this.directory.province(id);
    if (!found) throw new ApiError(404, 'NOT_FOUND', `no province ${id}`, { province: id });
    return { id: found.id, name: found.name };
  }
}
