import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { ApiRequest, ApiResponse, NextFunction } from '../common/http';
import { METRICS } from '../tokens';
import type { ApiMetrics } from './api-metrics';

/**
 * Times every request, labelled by the route pattern (`/nominations/:id/votes`,
 * never the concrete id, so the label set stays small). Unmatched paths share
 * one label.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(METRICS) private readonly metrics: ApiMetrics) {}

  use(req: ApiRequest, res: ApiResponse, next: NextFunction): void {
    const end = this.metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ?? 'unmatched';
      end({ method: req.method ?? 'GET', route, status: String(res.statusCode) });
    });
    next();
  }
}
