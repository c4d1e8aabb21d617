import { Body, Controller, Get, HttpCode, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { DOCUMENT_FORMATS, type DocumentFormat } from '@laurel/domain';
import type { StoredDocumentFile } from '@laurel/infra/documents';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequireRoles } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiResponse } from '../common/http';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { ISSUING_ROLES, READING_ROLES } from './document-access';
import {
  issueDocumentSchema,
  issuedDocumentSchema,
  type IssueDocumentRequest,
  type IssuedDocument,
} from './document-schemas';
import { GetDocumentFileQuery } from './get-document-file/get-document-file.query';
import { IssueDocumentCommand } from './issue-document/issue-document.command';

const DOCUMENT_ID = /^[a-z-]{1,30}-[0-9a-f]{32}$/;

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(200)
  // The list is found in the read models: a caller who just decided names its position, so the list includes it.
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiHeader({
    name: 'X-Laurel-Position',
    required: false,
    description: "read-your-writes: the last action's position",
  })
  @RequireRoles(ISSUING_ROLES)
  @ApiOperation({
    operationId: 'issueDocument',
    summary: 'Builds a document from the record (DOCX and PDF) and records its sha256 on each nomination it lists',
    description:
      'kind decision: the nominations of your province approved under decisionNumber, with the attached list; ' +
      "proposal_letter: one unit's submitted nominations of a year; block_minutes: one block's vote of a year; " +
      "council_minutes: the council's opinions of a year. Idempotent: the same record gives the same document id " +
      'and bytes, and a nomination that has it already is not recorded again (recording: already_recorded). ' +
      'Decision numbers contain "/": they travel in the body, never in the path.',
  })
  @ApiBody({ schema: openApiSchema(issueDocumentSchema) })
  @ApiOkResponse({ schema: openApiSchema(issuedDocumentSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 503], {
    404: 'NOTHING_TO_ISSUE: no nomination of your province fits the request',
    409: 'RECORD_INCONSISTENT (the list disagrees on the decision date or signer), or a concurrent action',
  })
  issue(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(issueDocumentSchema)) body: IssueDocumentRequest,
  ): Promise<IssuedDocument> {
    return this.commands.execute(new IssueDocumentCommand(user, body));
  }

  @Get(':documentId/:format')
  @RequireRoles(READING_ROLES)
  @ApiOperation({
    operationId: 'downloadDocument',
    summary: 'An issued file, byte for byte as its sha256 was recorded',
  })
  @ApiParam({ name: 'documentId', example: 'decision-0f3c2a9e5b7d41c6a8e2f0b1c3d5e7f9' })
  @ApiParam({ name: 'format', enum: DOCUMENT_FORMATS })
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({ description: 'the file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors([400, 401, 403, 404, 503], { 404: 'no such document issued in your province' })
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('documentId') documentId: string,
    @Param('format') format: string,
    @Res() response: ApiResponse,
  ): Promise<void> {
    if (!DOCUMENT_ID.test(documentId)) {
      throw new ApiError(400, ApiErrorCode.INVALID_ID, 'a document id is its kind and 32 hex digits', {
        documentId: documentId.slice(0, 60),
      });
    }
    if (!(DOCUMENT_FORMATS as readonly string[]).includes(format)) {
      throw new ApiError(400, ApiErrorCode.INVALID_PATH, 'format is docx or pdf', { format: format.slice(0, 20) });
    }
    const file: StoredDocumentFile = await this.queries.execute(
      new GetDocumentFileQuery(user, documentId, format as DocumentFormat),
    );
    response.statusCode = 200;
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Length', String(file.bytes.length));
    response.setHeader('Content-Disposition', `attachment; filename="${documentId}.${format}"`);
    // The digest the stream holds, so a client can check what it received without hashing blind.
    response.setHeader('X-Laurel-Sha256', file.sha256);
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    response.end(file.bytes);
  }
}
