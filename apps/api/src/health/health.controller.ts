import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import type { ApiResponse as HttpResponse } from '../common/http';
import { CheckHealthQuery, type HealthReport } from './check-health.query';

@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: Temporal, the event store and the projections, each with its status' })
  @ApiResponse({ status: 200, description: 'every component is up' })
  @ApiResponse({ status: 503, description: 'some component is down; the body says which' })
  async readiness(@Res({ passthrough: true }) response: HttpResponse): Promise<HealthReport> {
    const report = await this.queries.execute(new CheckHealthQuery());
    response.statusCode = report.status === 'ok' ? 200 : 503;
    return report;
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
