import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import type { ApiResponse as HttpResponse } from '../common/http';
import { openApiSchema } from '../common/openapi';
import { healthReportSchema, livenessSchema } from './health-response-schemas';
import { CheckHealthQuery, type HealthReport } from './check-health.query';

@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Readiness: Temporal, the event store and the projections, each with its status',
  })
  @ApiOkResponse({ description: 'every component is up', schema: openApiSchema(healthReportSchema) })
  @ApiResponse({
    status: 503,
    description: 'some component is down; the body says which',
    schema: openApiSchema(healthReportSchema),
  })
  async readiness(@Res({ passthrough: true }) response: HttpResponse): Promise<HealthReport> {
    const report = await this.queries.execute(new CheckHealthQuery());
    response.statusCode = report.status === 'ok' ? 200 : 503;
    return report;
  }

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: openApiSchema(livenessSchema) })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
