import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { ListTasksQuery, listTasksQuerySchema, type ListTasksRequest, type TaskList } from './list-tasks.query';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOperation({ summary: 'My tasks: pending ones, most urgent first (or ?status=done)' })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'done'] })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'position', required: false, description: 'read-your-writes: the position an action returned' })
  @ApiHeader({ name: 'X-Laurel-Position', required: false, description: 'read-your-writes, as ?position=' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listTasksQuerySchema, 'query')) query: ListTasksRequest,
  ): Promise<TaskList> {
    return this.queries.execute(new ListTasksQuery(user, query.status, query.limit, query.after));
  }
}
