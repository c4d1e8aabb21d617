import { Module } from '@nestjs/common';
import { GetOverviewHandler } from './get-overview/get-overview.handler';
import { OverviewController } from './overview.controller';

@Module({ controllers: [OverviewController], providers: [GetOverviewHandler] })
export class OverviewModule {}
