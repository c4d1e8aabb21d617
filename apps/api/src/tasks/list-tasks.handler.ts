import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PolicyRegistry } from '@laurel/domain';
import type { ReadModels } from '../projections/read-models';
import { CLOCK, POLICIES, PROJECTIONS } from '../tokens';
import { ListTasksQuery, type TaskList } from './list-tasks.query';
import { deadlineStanding } from './task-deadline';

@QueryHandler(ListTasksQuery)
export class ListTasksHandler implements IQueryHandler<ListTasksQuery> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

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
    const now = this.clock();
    const items = page.items.map((task) => ({
      ...task,
      ...deadlineStanding(this.policies, task.nomination.province, task.dueAt, now),
    }));
    return { status, items, nextCursor: page.nextCursor };
  }
}
