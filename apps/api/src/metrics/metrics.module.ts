import { Module } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

@Module({
  controllers: [MetricsController],
  providers: [HttpMetricsMiddleware],
  exports: [HttpMetricsMiddleware],
})
export class MetricsModule {}
