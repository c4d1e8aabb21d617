import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser, RequireRoles } from '../../auth/auth.decorators';
import type { ApiResponse } from '../../common/http';
import { ApiErrors, ApiQueryParameters, openApiSchema } from '../../common/openapi';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { exportQuerySchema } from '../audit-request-schemas';
import { auditExportLineSchema } from '../audit-response-schemas';
import { writeLines } from '../audit-streaming';
import { ExportAuditEvents, type AuditExport } from './export-events.query';

/** Response headers announcing the size of the body to come, for progress bars. */
export const EXPORT_EVENTS_HEADER = 'X-Laurel-Export-Events';
export const EXPORT_NOMINATIONS_HEADER = 'X-Laurel-Export-Nominations';
export const EXPORT_POSITION_HEADER = 'X-Laurel-Export-Position';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ExportController {
  constructor(private readonly queries: QueryBus) {}

  @Get('export')
  @RequireRoles(['auditor', 'admin'])
  @ApiOperation({
    operationId: 'exportAuditEvents',
    summary: 'Streams every event of the nominations of a campaign year and/or block, as NDJSON or CSV',
    description:
      'Grouped by nomination, in version order, as of one store position (header X-Laurel-Export-Position); ' +
      'X-Laurel-Export-Events and X-Laurel-Export-Nominations say how much follows. An auditor gets the ' +
      'nominations of its own province; ?nomination= narrows to one. CSV: a UTF-8 byte-order mark (for Excel), ' +
      'then columns nominationId, version, type, recordedAt, actorUserId, actorRole, actorUnitId, prevHash, hash, ' +
      'data (JSON). Secret-ballot choices are sealed, so those events no longer match their hash outside Laurel.',
  })
  @ApiQueryParameters(exportQuerySchema)
  @ApiOkResponse({
    description: 'the events, as ?format= asks',
    content: {
      'application/x-ndjson': {
        schema: { ...openApiSchema(auditExportLineSchema), description: 'one AuditExportLine a line' },
      },
      'text/csv': {
        schema: { type: 'string', description: 'RFC 4180 after a UTF-8 byte-order mark, header line first' },
      },
    },
  })
  @ApiErrors([400, 401, 403, 503], { 503: 'the store unreachable' })
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(exportQuerySchema, 'query')) query: z.output<typeof exportQuerySchema>,
    @Res() response: ApiResponse,
  ): Promise<void> {
    const filter = {
      ...(query.year !== undefined ? { year: query.year } : {}),
      ...(query.block !== undefined ? { blockId: query.block } : {}),
      ...(query.nomination !== undefined ? { nominationId: query.nomination } : {}),
    };
    const result: AuditExport = await this.queries.execute(new ExportAuditEvents(user, query.format, filter));
    const name = [
      'laurel-audit',
      ...(query.nomination !== undefined ? [query.nomination] : []),
      ...(query.year !== undefined ? [String(query.year)] : []),
      ...(query.block !== undefined ? [query.block] : []),
    ].join('-');
    response.statusCode = 200;
    response.setHeader('Content-Type', result.contentType);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.${query.format}"`,
    );
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader(EXPORT_EVENTS_HEADER, String(result.events));
    response.setHeader(EXPORT_NOMINATIONS_HEADER, String(result.nominations));
    response.setHeader(EXPORT_POSITION_HEADER, result.position);
    await writeLines(response, result.lines);
  }
}
