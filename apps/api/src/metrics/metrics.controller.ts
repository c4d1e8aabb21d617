import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import type { ApiResponse } from '../common/http';
import { METRICS } from '../tokens';
import type { ApiMetrics } from './api-metrics';

/** Prometheus scrape endpoint. Public like health: it carries no nomination data. */
@ApiExcludeController()
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: ApiMetrics) {}

  @Get()
  async scrape(@Res() response: ApiResponse): Promise<void> {
    const body = await this.metrics.registry.metrics();
    response.statusCode = 200;
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.end(body);
  }
}
