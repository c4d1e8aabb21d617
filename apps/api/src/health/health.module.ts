import { Module } from '@nestjs/common';
import { CheckHealthHandler } from './check-health.handler';
import { HealthController } from './health.controller';

@Module({
  controllers: [HealthController],
  providers: [CheckHealthHandler],
})
export class HealthModule {}
