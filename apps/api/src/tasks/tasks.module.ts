import { Module } from '@nestjs/common';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { ListTasksHandler } from './list-tasks.handler';
import { TasksController } from './tasks.controller';

@Module({
  controllers: [TasksController],
  providers: [ListTasksHandler, ReadYourWritesInterceptor],
})
export class TasksModule {}
