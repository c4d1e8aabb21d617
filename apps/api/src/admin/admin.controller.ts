import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiRequest, ApiResponse } from '../common/http';
import { ApiErrors, openApiSchema } from '../common/openapi';
import type { RebuildProgressLine, RebuildSummary } from '../projections/read-models';
import { RebuildProjectionsCommand } from './rebuild-projections.command';
import { rebuildProgressSchema, rebuildResultSchema } from './rebuild-response-schemas';

const NDJSON = 'application/x-ndjson';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin')
@RequireRoles(['admin'])
export class AdminController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * With `Accept: application/x-ndjson` the answer streams one line per
   * progress step, `{"done","total"}`, then `{"ok":true,"events",…}` — or
   * `{"ok":false,"error":{…}}` if it fails once the stream has begun. Otherwise
   * one JSON answer when it is done.
   */
  @Post('projections/rebuild')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rebuildProjections',
    summary: 'Rebuild the read models from the event store (admin), with progress as NDJSON',
  })
  @ApiOkResponse({
    description: 'rebuilt; with Accept: application/x-ndjson, progress lines then the result',
    content: {
      'application/json': { schema: openApiSchema(rebuildResultSchema) },
      [NDJSON]: {
        schema: {
          description: 'one JSON value a line: RebuildProgress lines, then RebuildResult (or { ok: false, error })',
          oneOf: [openApiSchema(rebuildProgressSchema), openApiSchema(rebuildResultSchema)],
        },
      },
    },
  })
  @ApiErrors([401, 403, 503], { 503: 'the store unreachable' })
  async rebuild(@Req() request: ApiRequest, @Res() response: ApiResponse): Promise<void> {
    const streaming = (request.headers.accept ?? '').includes(NDJSON);
    const line = (value: unknown) => response.write(`${JSON.stringify(value)}\n`);
    if (!streaming) {
      const summary = await this.commands.execute(new RebuildProjectionsCommand(() => undefined));
      response.statusCode = 200;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify({ ok: true, ...summary }));
      return;
    }
    response.statusCode = 200;
    response.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
    response.setHeader('Cache-Control', 'no-store');
    let summary: RebuildSummary;
    try {
      summary = await this.commands.execute(
        new RebuildProjectionsCommand((progress: RebuildProgressLine) => line(progress)),
      );
    } catch (error) {
      // The status line has gone out; the failure travels as the last line.
      const failure =
        error instanceof ApiError
          ? error.toBody().error
          : {
              code: ApiErrorCode.INTERNAL,
              message: error instanceof Error ? error.message : String(error),
              details: {},
            };
      line({ ok: false, error: failure });
      response.end();
      return;
    }
    line({ ok: true, ...summary });
    response.end();
  }
}
