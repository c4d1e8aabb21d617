import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { RebuildProjectionsHandler } from './rebuild-projections.handler';

@Module({
  controllers: [AdminController],
  providers: [RebuildProjectionsHandler],
})
export class AdminModule {}
