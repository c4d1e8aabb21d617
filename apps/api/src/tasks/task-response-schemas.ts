import { z } from 'zod';
import { TASK_ACTIONS } from '@laurel/infra/projections/task-inbox/tasks';
import { named, type Described } from '../common/openapi';
import { stageSchema } from '../nominations/nomination-response-schemas';
import type { TaskList } from './list-tasks.query';

const instant = z.string().meta({ description: 'ISO 8601 instant' });

export const inboxTaskSchema = named(
  'InboxTask',
  z.object({
    taskId: z.string(),
    nominationId: z.string(),
    action: z.enum(TASK_ACTIONS),
    role: z.string().meta({ description: 'the role that acts on the task', example: 'unit_head' }),
    unitId: z.string().nullable(),
    blockId: z.string().nullable(),
    stage: stageSchema,
    dueAt: instant.nullable().meta({ description: 'the stage deadline; null in stages without one' }),
    workingDaysLeft: z
      .number()
      .int()
      .nullable()
      .meta({
        description:
          "working days from today to the deadline's day by the province's working-day calendar (weekends and " +
          'holidays skipped, make-up days counted): 0 = due today, negative = that many working days late; null without a deadline',
      }),
    overdue: z.boolean().meta({ description: 'the deadline has passed' }),
    status: z.enum(['pending', 'done', 'cancelled']),
    createdAt: instant,
    completedBy: z.string().nullable(),
    completedAt: instant.nullable(),
    nomination: z
      .object({
        nomineeName: z.string(),
        awardType: z.string(),
        campaignYear: z.number().int(),
        province: z.string(),
        proposingUnitId: z.string(),
        blockId: z.string(),
      })
      .meta({ description: 'the nomination as the inbox shows it beside the task' }),
  }),
);

export const taskListSchema = named(
  'TaskList',
  z.object({
    status: z.enum(['pending', 'done']),
    items: z.array(inboxTaskSchema),
    nextCursor: z.string().nullable().meta({ description: 'pass as ?after= for the next page; null on the last' }),
  }),
);

export type TaskListDescribed = Described<TaskList, typeof taskListSchema>;
