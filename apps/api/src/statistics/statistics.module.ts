import { Module } from '@nestjs/common';
import { GetAnnualReportHandler } from './annual-report/annual-report.handler';
import { ExportStatisticsHandler } from './export-statistics/export-statistics.handler';
import { GetStatisticsHandler } from './get-statistics/get-statistics.handler';
import { StatisticsController } from './statistics.controller';

@Module({
  controllers: [StatisticsController],
  providers: [GetStatisticsHandler, ExportStatisticsHandler, GetAnnualReportHandler],
})
export class StatisticsModule {}
