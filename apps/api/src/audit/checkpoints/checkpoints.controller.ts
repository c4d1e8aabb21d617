import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser, RequireRoles } from '../../auth/auth.decorators';
import type { ApiResponse } from '../../common/http';
import { ApiErrors, openApiSchema } from '../../common/openapi';
import { checkpointLineSchema } from '../audit-response-schemas';
import { NDJSON, writeLines } from '../audit-streaming';
import { ExportCheckpoints, type CheckpointExport } from './export-checkpoints.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class CheckpointsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('checkpoints')
  @RequireRoles(['auditor', 'admin'])
  @ApiOperation({
    operationId: 'exportCheckpoints',
    summary: "Streams every nomination stream's signed checkpoint (its head: version and last hash), as NDJSON",
    description:
      "Signed with the API's action-signing key (keyId names it; the public key is the one the workers get in " +
      'ACTION_VERIFY_KEYS). Keep the export outside Laurel: compared with a later verify, it shows a stream ' +
      'deleted, truncated or rewritten even by someone who could also edit the checkpoints table. An auditor ' +
      'gets the nominations of its own province.',
  })
  @ApiOkResponse({
    description: 'one StreamCheckpoint a line, by stream name',
    content: { 'application/x-ndjson': { schema: { ...openApiSchema(checkpointLineSchema) } } },
  })
  @ApiErrors([401, 403, 503], { 503: 'the store unreachable' })
  async export(@CurrentUser() user: AuthenticatedUser, @Res() response: ApiResponse): Promise<void> {
    const result: CheckpointExport = await this.queries.execute(new ExportCheckpoints(user));
    response.statusCode = 200;
    response.setHeader('Content-Type', NDJSON);
    response.setHeader('Content-Disposition', 'attachment; filename="laurel-checkpoints.ndjson"');
    response.setHeader('Cache-Control', 'no-store');
    await writeLines(response, result.lines);
  }
}
