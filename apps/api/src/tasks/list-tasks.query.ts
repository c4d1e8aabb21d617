import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { TaskPage } from '../projections/read-models';

export const listTasksQuerySchema = z
  .object({
    status: z.enum(['pending', 'done']).default('pending'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    after: z.string().min(1).max(500).optional().meta({ description: 'the nextCursor of the previous page' }),
    position: z.string().optional().meta({ description: 'Wait until the read models reach this store position.' }),
  })
  .strict();

export type ListTasksRequest = z.output<typeof listTasksQuerySchema>;

export interface TaskList extends TaskPage {
  readonly status: 'pending' | 'done';
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
