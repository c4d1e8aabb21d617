import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser, RequireRoles } from '../../auth/auth.decorators';
import { ApiError } from '../../common/api-error';
import type { ApiResponse } from '../../common/http';
import { ApiErrors, openApiSchema } from '../../common/openapi';
import { nominationVerificationSchema, storeVerificationSchema, verifyProgressSchema } from '../audit-response-schemas';
import { NDJSON, wantsNdjson } from '../audit-streaming';
import { VerifyAllNominations, type StoreVerification } from './verify-all.query';
import { VerifyNomination, type NominationVerification } from './verify-nomination.query';

const AUDIT_ROLES = ['auditor', 'admin'] as const;

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class VerifyController {
  constructor(private readonly queries: QueryBus) {}

  @Get('nominations/:id/verify')
  @RequireRoles(AUDIT_ROLES)
  @ApiOperation({
    operationId: 'verifyNomination',
    summary: "Proves a nomination's record: hash chain, and reconciliation with its Temporal workflow",
    description:
      'Always 200 when the nomination exists: ok:false names the first broken event (version, id, reason). ' +
      'Reconciliation checks that every accepted update wrote its events and every event has its update or ' +
      "fired timer, and that folding the stream gives the workflow's state. status:'unavailable' means Temporal " +
      'no longer has the workflow; the chain alone was checked.',
  })
  @ApiOkResponse({ schema: openApiSchema(nominationVerificationSchema) })
  @ApiErrors([400, 401, 403, 404, 503], { 503: 'Temporal or the store unreachable' })
  verify(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<NominationVerification> {
    return this.queries.execute(new VerifyNomination(user, id));
  }

  @Get('audit/verify')
  @RequireRoles(AUDIT_ROLES)
  @ApiOperation({
    operationId: 'verifyStore',
    summary: 'Verifies the hash chain of every nomination stream',
    description:
      'JSON by default. With Accept: application/x-ndjson the answer streams progress lines {"done","streams",' +
      '"brokenStreams"} and ends with one line holding "ok" (the result), or {"ok":false,"error":{...}}.',
  })
  @ApiOkResponse({
    description: 'the result; with Accept: application/x-ndjson, progress lines then the result',
    content: {
      'application/json': { schema: openApiSchema(storeVerificationSchema) },
      'application/x-ndjson': {
        schema: {
          description:
            'one JSON value a line: VerifyProgress lines, then StoreVerification (or an ErrorBody with ok:false)',
          oneOf: [openApiSchema(verifyProgressSchema), openApiSchema(storeVerificationSchema)],
        },
      },
    },
  })
  @ApiErrors([401, 403, 503], { 503: 'the store unreachable' })
  async verifyAll(
    @CurrentUser() user: AuthenticatedUser,
    @Headers('accept') accept: string | undefined,
    @Res() response: ApiResponse,
  ): Promise<void> {
    if (!wantsNdjson(accept)) {
      const result: StoreVerification = await this.queries.execute(new VerifyAllNominations(user));
      response.statusCode = 200;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify(result));
      return;
    }
    if (user.role !== 'auditor' && user.role !== 'admin') {
      // Checked again by the handler; refused here too so that a refusal is a status, not a line.
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', `role ${user.role} may not verify the store`, { role: user.role });
    }
    response.statusCode = 200;
    response.setHeader('Content-Type', NDJSON);
    response.setHeader('Cache-Control', 'no-store');
    response.flushHeaders();
    const line = (value: unknown) => response.write(`${JSON.stringify(value)}\n`);
    try {
      const result = await this.queries.execute(new VerifyAllNominations(user, (progress) => line(progress)));
      line(result);
    } catch (error) {
      const body =
        error instanceof ApiError
          ? error.toBody()
          : { error: { code: 'INTERNAL', message: 'verification stopped by an internal error', details: {} } };
      line({ ok: false, ...body });
    }
    response.end();
  }
}
