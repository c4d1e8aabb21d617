import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { InboxTask } from '../projections/read-models';
import type { TaskDeadlineStanding } from './task-deadline';

export const listTasksQuerySchema = z
  .object({
    status: z.enum(['pending', 'done']).default('pending'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    after: z.string().min(1).max(500).optional().meta({ description: 'the nextCursor of the previous page' }),
    position: z.string().optional().meta({ description: 'Wait until the read models reach this store position.' }),
  })
  .strict();

export type ListTasksRequest = z.output<typeof listTasksQuerySchema>;

/** A task as the inbox shows it: the projected row and how its deadline stands today. */
export type InboxTaskView = InboxTask & TaskDeadlineStanding;

export interface TaskList {
  readonly status: 'pending' | 'done';
  readonly items: readonly InboxTaskView[];
  readonly nextCursor: string | null;
}

/** The caller's inbox: pending tasks, most urgent first, or the ones they have done. */
export class ListTasksQuery extends Query<TaskList> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly status: 'pending' | 'done',
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}
