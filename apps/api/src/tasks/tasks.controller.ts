import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, ApiQueryParameters, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { taskListSchema } from './task-response-schemas';
import { ListTasksQuery, listTasksQuerySchema, type ListTasksRequest, type TaskList } from './list-tasks.query';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOperation({ operationId: 'listTasks', summary: 'My tasks: pending ones, most urgent first (or ?status=done)' })
  @ApiQueryParameters(listTasksQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(taskListSchema) })
  @ApiErrors([400, 401, 503], { 503: 'PROJECTION_BEHIND: the read models did not reach the position' })
  @ApiHeader({ name: 'X-Laurel-Position', required: false, description: 'read-your-writes, as ?position=' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listTasksQuerySchema, 'query')) query: ListTasksRequest,
  ): Promise<TaskList> {
    return this.queries.execute(new ListTasksQuery(user, query.status, query.limit, query.after));
  }
}
