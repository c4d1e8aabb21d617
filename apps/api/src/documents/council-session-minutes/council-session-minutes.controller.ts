import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_FORMATS, type DocumentFormat } from '@laurel/domain';
import { CurrentUser } from '../../auth/auth.decorators';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { ApiError } from '../../common/api-error';
import type { ApiResponse } from '../../common/http';
import { ApiErrors } from '../../common/openapi';
import { CouncilSessionMinutes } from './council-session-minutes.handler';

/** The minutes of one council session, beside the session's own routes (a controller of its own: easy to merge). */
@ApiTags('council-sessions')
@ApiBearerAuth()
@Controller('council-sessions')
export class CouncilSessionMinutesController {
  constructor(private readonly minutes: CouncilSessionMinutes) {}

  @Get(':id/minutes')
  @ApiOperation({
    operationId: 'councilSessionMinutes',
    summary: "The closed session's minutes (biên bản họp Hội đồng), built from its record; sha256 kept in its stream",
    description:
      'Date, members present and absent, quorum, each item with its recusals and count; a secret item shows ' +
      'totals only. The same record gives the same document id and bytes; it is also served at /documents/:id/:format.',
  })
  @ApiParam({ name: 'id' })
  @ApiQuery({ name: 'format', required: false, enum: DOCUMENT_FORMATS })
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({ description: 'the file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors([400, 401, 404, 409, 503], { 409: 'WRONG_STAGE: the session is open, or still counting its items' })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Res() response: ApiResponse,
    @Query('format') format?: string,
  ): Promise<void> {
    const wanted = format ?? 'pdf';
    if (!(DOCUMENT_FORMATS as readonly string[]).includes(wanted)) {
      throw new ApiError(400, 'INVALID_QUERY', 'format is docx or pdf', { format: String(wanted).slice(0, 20) });
    }
    const file = await this.minutes.file(user, id, wanted as DocumentFormat);
    response.statusCode = 200;
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Length', String(file.bytes.length));
    response.setHeader('Content-Disposition', `attachment; filename="${file.documentId}.${wanted}"`);
    response.setHeader('X-Laurel-Document-Id', file.documentId);
    response.setHeader('X-Laurel-Sha256', file.sha256);
    response.end(file.bytes);
  }
}
