import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequireRoles } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiResponse } from '../common/http';
import { ApiErrors, ApiQueryParameters, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { GetAnnualReportQuery } from './annual-report/annual-report.query';
import { XLSX_TYPE } from './export-statistics/export-statistics.handler';
import { ExportStatisticsQuery, type ExportedFile } from './export-statistics/export-statistics.query';
import { GetStatisticsQuery, type StatisticsView } from './get-statistics/get-statistics.query';
import {
  annualReportParamsSchema,
  annualReportQuerySchema,
  statisticsQuerySchema,
  statisticsViewSchema,
  type StatisticsRequest,
} from './statistics-schemas';
import { STATISTICS_ROLES } from './statistics-scope';
import type { z } from 'zod';

function file(response: ApiResponse, exported: ExportedFile): StreamableFile {
  response.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(exported.body, {
    type: exported.contentType,
    disposition: `attachment; filename="${exported.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    length: exported.body.length,
  });
}

@ApiTags('statistics')
@ApiBearerAuth()
@RequireRoles(STATISTICS_ROLES)
@Controller()
export class StatisticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('statistics')
  @ApiOperation({
    operationId: 'getStatistics',
    summary: 'Figures by province, block, unit, year, award, nominee kind, outcome; time per stage',
    description:
      'Aggregates of the statistics projection, within your province (Board officer, chairman, auditor, admin). ' +
      'Shares are of standing individual awards (outcome Awarded).',
  })
  @ApiQueryParameters(statisticsQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(statisticsViewSchema) })
  @ApiErrors([400, 401, 403])
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(statisticsQuerySchema, 'query')) query: StatisticsRequest,
  ): Promise<StatisticsView> {
    return this.queries.execute(new GetStatisticsQuery(user, query));
  }

  @Get('statistics/export.csv')
  @ApiOperation({ operationId: 'exportStatisticsCsv', summary: 'The statistics table as CSV (UTF-8 with BOM)' })
  @ApiQueryParameters(statisticsQuerySchema)
  @ApiProduces('text/csv')
  @ApiOkResponse({ content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors([400, 401, 403])
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(statisticsQuerySchema, 'query')) query: StatisticsRequest,
    @Res({ passthrough: true }) response: ApiResponse,
  ): Promise<StreamableFile> {
    return file(response, await this.queries.execute(new ExportStatisticsQuery(user, query, 'csv')));
  }

  @Get('statistics/export.xlsx')
  @ApiOperation({ operationId: 'exportStatisticsXlsx', summary: 'The statistics table and time per stage as XLSX' })
  @ApiQueryParameters(statisticsQuerySchema)
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors([400, 401, 403])
  async xlsx(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(statisticsQuerySchema, 'query')) query: StatisticsRequest,
    @Res({ passthrough: true }) response: ApiResponse,
  ): Promise<StreamableFile> {
    return file(response, await this.queries.execute(new ExportStatisticsQuery(user, query, 'xlsx')));
  }

  @Get('reports/annual/:year.xlsx')
  @ApiOperation({
    operationId: 'getAnnualReport',
    summary: 'The yearly summary per province (the tables a Board sends up), as XLSX',
  })
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2200 } })
  @ApiQueryParameters(annualReportQuerySchema)
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors([400, 401, 403, 404], { 404: 'unknown province' })
  async annual(
    @CurrentUser() user: AuthenticatedUser,
    @Param('year') year: string,
    @Query(new ZodValidationPipe(annualReportQuerySchema, 'query')) query: z.output<typeof annualReportQuerySchema>,
    @Res({ passthrough: true }) response: ApiResponse,
  ): Promise<StreamableFile> {
    const params = annualReportParamsSchema.safeParse({ year });
    if (!params.success) {
      throw new ApiError(400, ApiErrorCode.INVALID_PATH, 'the year is a number from 2000 to 2200', { year });
    }
    return file(
      response,
      await this.queries.execute(new GetAnnualReportQuery(user, params.data.year, query.province, query.lang)),
    );
  }
}
