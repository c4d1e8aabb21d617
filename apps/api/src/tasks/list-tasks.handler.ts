import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReadModels } from '../projections/read-models';
import { PROJECTIONS } from '../tokens';
import { ListTasksQuery, type TaskList } from './list-tasks.query';

@QueryHandler(ListTasksQuery)
export class ListTasksHandler implements IQueryHandler<ListTasksQuery> {
  constructor(@Inject(PROJECTIONS) private readonly readModels: ReadModels) {}

  async execute({ user, status, limit, after }: ListTasksQuery): Promise<TaskList> {
    const { userId, role, unitId, blockId, province } = user;
    const assignee = {
      userId,
      role,
      ...(unitId !== undefined ? { unitId } : {}),
      ...(blockId !== undefined ? { blockId } : {}),
      ...(province !== undefined ? { province } : {}),
    };
    const page = await this.readModels.tasks({ assignee, status, limit, ...(after !== undefined ? { after } : {}) });
    return { status, ...page };
  }
}
