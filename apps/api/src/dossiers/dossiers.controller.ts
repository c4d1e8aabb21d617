import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { ApiResponse as HttpResponse } from '../common/http';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { dossierTemplate } from './dossier-file';
import {
  dossierBatchResultSchema,
  dossierListSchema,
  dossierPreviewSchema,
  dossierViewSchema,
  importDossierSchema,
  templateQuerySchema,
  withdrawDossierSchema,
  type DossierBatchResult,
  type DossierSummary,
  type DossierView,
  type ImportDossierRequest,
  type TemplateQuery,
  type WithdrawDossierRequest,
} from './dossier-schemas';
import { DossiersService, type DossierPreview, type Progress } from './dossiers.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NDJSON = 'application/x-ndjson';
const listQuerySchema = z.object({ campaignId: z.string().min(1).max(120).optional() }).strict();
const emptySchema = z.object({}).strict();

function wantsProgress(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.trim().startsWith(NDJSON));
}

/**
 * Answers a batch as JSON, or, when the caller accepts NDJSON, as one line per
 * item as it is done (`{"type":"progress",…}`) and the result last
 * (`{"type":"result",…}`): how the CLI's progress bar and the web app's
 * progress are fed. Refusals before the first item keep the usual error shape.
 */
async function answer(
  response: HttpResponse,
  accept: string | undefined,
  status: number,
  run: (progress?: Progress) => Promise<DossierBatchResult>,
): Promise<void> {
  if (!wantsProgress(accept)) {
    const result = await run();
    response.statusCode = status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(result));
    return;
  }
  response.statusCode = status;
  response.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
  response.setHeader('Cache-Control', 'no-store');
  response.flushHeaders();
  try {
    const result = await run((done, total, item) => {
      response.write(JSON.stringify({ type: 'progress', done, total, item }) + '\n');
    });
    response.end(JSON.stringify({ type: 'result', result }) + '\n');
  } catch (error) {
    // Headers are gone: the failure is the stream's last line, and running the batch again resumes it.
    const body =
      typeof (error as { toBody?: unknown }).toBody === 'function'
        ? (error as { toBody: () => unknown }).toBody()
        : { error: { code: 'ERROR', message: (error as Error).message, details: {} } };
    response.end(JSON.stringify({ type: 'error', ...(body as object) }) + '\n');
  }
}

const BATCH_DESCRIPTION =
  'A result per item; one refused item does not stop the others. Each item is acted on with a deterministic ' +
  'idempotency key, so running it again (after a lost answer or a crash) resumes: items already done answer their ' +
  `first result. With \`Accept: ${NDJSON}\` the answer is a line per item as it is done, then the result.`;

function BatchResponses(status: 200 | 201): MethodDecorator {
  return (target, key, descriptor) => {
    ApiProduces('application/json', NDJSON)(target, key, descriptor);
    ApiResponse({
      status,
      description: 'the result per item',
      content: {
        'application/json': { schema: openApiSchema(dossierBatchResultSchema) },
        [NDJSON]: { schema: { type: 'string', description: 'progress lines, then {"type":"result","result":…}' } },
      },
    })(target, key, descriptor);
  };
}

/**
 * Dossiers (hồ sơ đề nghị khen thưởng): a unit's list of nominees, imported
 * from the template's XLSX or CSV, each nominee its own nomination grouped
 * by `dossierId`, submitted or withdrawn together.
 */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Get('template')
  @ApiOperation({
    operationId: 'getDossierTemplate',
    summary: 'The list template with its Vietnamese headers (XLSX with a help sheet, or CSV with a BOM)',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  @ApiQuery({ name: 'year', required: false, schema: { type: 'integer' } })
  @ApiProduces(XLSX_TYPE, 'text/csv')
  @ApiResponse({
    status: 200,
    content: {
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiErrors([400, 401])
  async template(
    @Query(new ZodValidationPipe(templateQuerySchema, 'query')) query: TemplateQuery,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    const year = query.year ?? new Date().getUTCFullYear() - 1;
    const bytes = await dossierTemplate(query.format, year);
    const name = `mau-danh-sach-de-nghi-khen-thuong-${year}.${query.format}`;
    response.setHeader('Content-Type', query.format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    return new StreamableFile(bytes);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'importDossier',
    summary: 'Import a unit’s list (unit officer): checked whole, then one nomination per nominee in the campaign',
    description:
      'Every bad row is reported with its row number and reason (400 DOSSIER_INVALID, details.problems) and nothing ' +
      'is created until the whole file is valid, the campaign’s window and quotas included. The same file for the same ' +
      `campaign is the same dossier: importing it again resumes it. With dryRun, answers what would be created. ${BATCH_DESCRIPTION}`,
  })
  @ApiBody({ schema: openApiSchema(importDossierSchema) })
  @BatchResponses(201)
  @ApiResponse({
    status: 200,
    description: 'dryRun: what would be created',
    schema: openApiSchema(dossierPreviewSchema),
  })
  @ApiErrors([400, 401, 403, 404, 409, 413, 503], {
    400: 'DOSSIER_INVALID: details.problems lists { row, column, reason }',
  })
  async import(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(importDossierSchema)) body: ImportDossierRequest,
    @Headers('accept') accept: string | undefined,
    @Res() response: HttpResponse,
  ): Promise<void> {
    const prepared = await this.dossiers.prepareImport(user, body);
    if (body.dryRun) {
      const preview: DossierPreview = prepared.preview;
      response.statusCode = 200;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify(preview));
      return;
    }
    await answer(response, accept, 201, (progress) => prepared.run(progress));
  }

  @Get()
  @ApiOperation({
    operationId: 'listDossiers',
    summary: 'The dossiers you may see (your unit’s; your province’s for the Board)',
  })
  @ApiQuery({ name: 'campaignId', required: false })
  @ApiResponse({ status: 200, schema: openApiSchema(dossierListSchema) })
  @ApiErrors([400, 401, 503])
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listQuerySchema, 'query')) query: z.output<typeof listQuerySchema>,
  ): Promise<{ items: DossierSummary[] }> {
    return this.dossiers.list(user, query.campaignId);
  }

  @Get(':dossierId')
  @ApiOperation({
    operationId: 'getDossier',
    summary: 'One dossier: its list, each item’s nomination and stage, its batches and any left unfinished',
  })
  @ApiParam({ name: 'dossierId' })
  @ApiResponse({ status: 200, schema: openApiSchema(dossierViewSchema) })
  @ApiErrors([401, 404, 503])
  get(@CurrentUser() user: AuthenticatedUser, @Param('dossierId') dossierId: string): Promise<DossierView> {
    return this.dossiers.view(user, dossierId);
  }

  @Post(':dossierId/submit')
  @ApiOperation({
    operationId: 'submitDossier',
    summary: 'Submit every nomination of the dossier (unit head)',
    description: BATCH_DESCRIPTION,
  })
  @ApiParam({ name: 'dossierId' })
  @BatchResponses(200)
  @ApiErrors([400, 401, 403, 404, 409, 503])
  async submit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('dossierId') dossierId: string,
    @Body(new ZodValidationPipe(emptySchema)) _body: Record<string, never>,
    @Headers('accept') accept: string | undefined,
    @Res() response: HttpResponse,
  ): Promise<void> {
    await answer(response, accept, 200, (progress) => this.dossiers.submit(user, dossierId, progress));
  }

  @Post(':dossierId/withdraw')
  @ApiOperation({
    operationId: 'withdrawDossier',
    summary: 'Withdraw every open nomination of the dossier (unit head); their places in the campaign are given back',
    description: BATCH_DESCRIPTION,
  })
  @ApiParam({ name: 'dossierId' })
  @ApiBody({ schema: openApiSchema(withdrawDossierSchema) })
  @BatchResponses(200)
  @ApiErrors([400, 401, 403, 404, 409, 503])
  async withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('dossierId') dossierId: string,
    @Body(new ZodValidationPipe(withdrawDossierSchema)) body: WithdrawDossierRequest,
    @Headers('accept') accept: string | undefined,
    @Res() response: HttpResponse,
  ): Promise<void> {
    await answer(response, accept, 200, (progress) => this.dossiers.withdraw(user, dossierId, body.reason, progress));
  }
}
