import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequireRoles } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiResponse } from '../common/http';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import {
  certificateFormListSchema,
  certificateFormSchema,
  changeFormSchema,
  formQuerySchema,
  printCertificatesSchema,
  provinceQuerySchema,
  type CertificateFormList,
  type CertificateFormView,
  type ChangeFormRequest,
  type FormQuery,
  type PrintCertificatesRequest,
} from './certificate-schemas';
import { ChangeCertificateFormCommand } from './change-certificate-form/change-certificate-form.command';
import { FORM_EDITING_ROLES, FORM_READING_ROLES, PRINTING_ROLES } from './document-access';
import { GetCertificateFormQuery } from './get-certificate-form/get-certificate-form.query';
import { ListCertificateFormsQuery } from './list-certificate-forms/list-certificate-forms.query';
import { PrintCertificatesQuery, type PrintedCertificates } from './print-certificates/print-certificates.query';

const FORM_ID = /^[a-z0-9-]{1,60}$/;

function checkFormId(formId: string): void {
  if (!FORM_ID.test(formId)) {
    throw new ApiError(400, ApiErrorCode.INVALID_ID, 'a form id is lower-case letters, digits and hyphens', {
      formId: formId.slice(0, 60),
    });
  }
}

/** Certificates (bằng khen) printed on the province's pre-printed blanks, and the blanks' field offsets. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('forms')
  @RequireRoles(FORM_READING_ROLES)
  @ApiOperation({
    operationId: 'listCertificateForms',
    summary: "The province's certificate blanks, each at its latest version, and which one is the default",
  })
  @ApiQuery({ name: 'province', required: false, description: 'administrators: the province worked for' })
  @ApiOkResponse({ schema: openApiSchema(certificateFormListSchema) })
  @ApiErrors([400, 401, 403, 503])
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(provinceQuerySchema, 'query')) query: { province?: string },
  ): Promise<CertificateFormList> {
    return this.queries.execute(new ListCertificateFormsQuery(user, query.province));
  }

  @Get('forms/:formId')
  @RequireRoles(FORM_READING_ROLES)
  @ApiOperation({
    operationId: 'getCertificateForm',
    summary: "A blank's field offsets, at its latest or a given version",
  })
  @ApiParam({ name: 'formId', example: 'bang-khen-a4-ngang' })
  @ApiQuery({ name: 'version', required: false, type: Number })
  @ApiQuery({ name: 'province', required: false })
  @ApiOkResponse({ schema: openApiSchema(certificateFormSchema) })
  @ApiErrors([400, 401, 403, 404, 503])
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('formId') formId: string,
    @Query(new ZodValidationPipe(formQuerySchema, 'query')) query: FormQuery,
  ): Promise<CertificateFormView> {
    checkFormId(formId);
    return this.queries.execute(new GetCertificateFormQuery(user, formId, query));
  }

  @Put('forms/:formId')
  @HttpCode(200)
  @RequireRoles(FORM_EDITING_ROLES)
  @ApiOperation({
    operationId: 'changeCertificateForm',
    summary: 'Keeps new field offsets for a blank as its next version (Board officer, or an administrator)',
    description:
      'Every field is given (x, y, maxWidth in mm; fontSize in points; align; face; enabled). ' +
      'expectedVersion is the version the change was made against: 409 STALE_FORM_VERSION when another change came first. ' +
      'A box that runs off the sheet is a 400 naming the field. Earlier versions stay readable (?version=).',
  })
  @ApiParam({ name: 'formId', example: 'bang-khen-a4-ngang' })
  @ApiBody({ schema: openApiSchema(changeFormSchema) })
  @ApiOkResponse({ schema: openApiSchema(certificateFormSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 503], { 409: 'STALE_FORM_VERSION: the form changed since expectedVersion' })
  change(
    @CurrentUser() user: AuthenticatedUser,
    @Param('formId') formId: string,
    @Body(new ZodValidationPipe(changeFormSchema)) body: ChangeFormRequest,
  ): Promise<CertificateFormView> {
    checkFormId(formId);
    return this.commands.execute(new ChangeCertificateFormCommand(user, formId, body));
  }

  @Post('print')
  @HttpCode(200)
  // A decision just taken is found through the read models: the caller names its position.
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiHeader({
    name: 'X-Laurel-Position',
    required: false,
    description: "read-your-writes: the last action's position",
  })
  @RequireRoles(PRINTING_ROLES)
  @ApiOperation({
    operationId: 'printCertificates',
    summary: "A PDF of certificates' words on the blank: one nomination's, or one page per awardee of a decision",
    description:
      'Give decisionNumber or nominationId; formId and formVersion default to the province default at its latest. ' +
      'calibration: true prints a millimetre grid with every field box instead. The same record and form version give ' +
      'the same bytes. Headers: X-Laurel-Sha256, X-Laurel-Form-Id, X-Laurel-Form-Version, X-Laurel-Pages.',
  })
  @ApiBody({ schema: openApiSchema(printCertificatesSchema) })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the PDF', schema: { type: 'string', format: 'binary' } })
  @ApiErrors([400, 401, 403, 404, 503], {
    404: 'NOTHING_TO_ISSUE: no approved nomination of your province fits; NOT_FOUND: no such form or version',
  })
  async print(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(printCertificatesSchema)) body: PrintCertificatesRequest,
    @Res() response: ApiResponse,
  ): Promise<void> {
    const printed: PrintedCertificates = await this.queries.execute(new PrintCertificatesQuery(user, body));
    response.statusCode = 200;
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Length', String(printed.bytes.length));
    response.setHeader('Content-Disposition', `attachment; filename="${printed.filename}"`);
    response.setHeader('X-Laurel-Sha256', printed.sha256);
    response.setHeader('X-Laurel-Form-Id', printed.formId);
    response.setHeader('X-Laurel-Form-Version', String(printed.formVersion));
    response.setHeader('X-Laurel-Pages', String(printed.pages));
    response.setHeader('Access-Control-Expose-Headers', 'X-Laurel-Sha256, X-Laurel-Form-Id, X-Laurel-Form-Version');
    response.setHeader('Cache-Control', 'no-store');
    response.end(printed.bytes);
  }
}
