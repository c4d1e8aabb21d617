import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import ExcelJS from 'exceljs';
import { GetStatisticsQuery, type StatisticsView } from '../get-statistics/get-statistics.query';
import { heading } from '../report-labels';
import { groupsTable, stagesTable, toCsv, type Cell } from './statistics-table';
import { ExportStatisticsQuery, type ExportedFile } from './export-statistics.query';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@QueryHandler(ExportStatisticsQuery)
export class ExportStatisticsHandler implements IQueryHandler<ExportStatisticsQuery> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ user, request, format }: ExportStatisticsQuery): Promise<ExportedFile> {
    const view: StatisticsView = await this.queries.execute(new GetStatisticsQuery(user, request));
    const name = `laurel-statistics${request.year !== undefined ? `-${request.year}` : ''}`;
    if (format === 'csv') {
      return {
        contentType: 'text/csv; charset=utf-8',
        filename: `${name}.csv`,
        body: Buffer.from(toCsv(groupsTable(view, request.lang)), 'utf8'),
      };
    }
    const workbook = new ExcelJS.Workbook();
    addTable(workbook.addWorksheet(heading(request.lang, 'statistics')), groupsTable(view, request.lang));
    addTable(workbook.addWorksheet(heading(request.lang, 'stages')), stagesTable(view, request.lang));
    return { contentType: XLSX_TYPE, filename: `${name}.xlsx`, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }
}

/** A header row in bold, the rest as values; columns sized to their text. */
export function addTable(sheet: ExcelJS.Worksheet, table: readonly Cell[][], startRow = 1): number {
  table.forEach((cells, i) => {
    const row = sheet.getRow(startRow + i);
    row.values = cells.map((c) => c ?? '');
    if (i === 0) row.font = { bold: true };
  });
  table[0]?.forEach((_, column) => {
    const width = Math.max(...table.map((r) => String(r[column] ?? '').length));
    const col = sheet.getColumn(column + 1);
    col.width = Math.min(60, Math.max(col.width ?? 8, width + 2));
  });
  return startRow + table.length;
}
