import type { Actor } from '@laurel/domain';
import { PROVINCE, actors, councilMember } from '@laurel/domain/testing/fixtures';
import { readAllInPages } from '@laurel/infra/event-store/port';
import type { SqlClient } from '@laurel/infra/event-store/sql/sql-client';
import type { InboxTask } from '@laurel/infra/projections/task-inbox/task-inbox';
import { openWorld, type ProjectionWorld } from './support';
import { nominationList } from './features/nomination-list';
import { runner } from './features/runner';
import { sessions } from './features/sessions';
import { taskInbox } from './features/task-inbox';

/** What the suite's features share (test/projections/features/): a world per test and the inbox helpers. */
export interface ProjectionSuiteContext {
  /** The suite's SQL client, open from `beforeAll` on. */
  sql(): SqlClient;
  world(options?: Parameters<typeof openWorld>[1]): Promise<ProjectionWorld>;
  pending(w: ProjectionWorld, user: Actor, province?: string): Promise<InboxTask[]>;
  actions(tasks: readonly InboxTask[]): string[];
  byAction(tasks: readonly InboxTask[], action: string): InboxTask[];
  readonly board: Actor;
  readonly chairman: Actor;
  member(n: number): Actor;
}

/**
 * The projection suite, fed by events appended through the hash-chained
 * store and run against each SQL driver. Each test opens its own schema.
 */
export function projectionSuite(
  driver: string,
  openSql: () => Promise<{ sql: SqlClient; dispose(): Promise<void> }>,
  options: { readonly describe?: jest.Describe } = {},
) {
  (options.describe ?? describe)(`projections on ${driver}`, () => {
    let sql: SqlClient;
    let dispose: () => Promise<void>;
    const worlds: ProjectionWorld[] = [];

    beforeAll(async () => {
      ({ sql, dispose } = await openSql());
    }, 60_000);

    afterAll(async () => {
      await dispose?.();
    });

    afterEach(async () => {
      while (worlds.length > 0) await worlds.pop()!.close();
    });

    async function world(options: Parameters<typeof openWorld>[1] = {}): Promise<ProjectionWorld> {
      const w = await openWorld(sql, options);
      worlds.push(w);
      return w;
    }

    // Users of the fixture province; province-wide roles see only its tasks.
    const pending = async (w: ProjectionWorld, user: Actor, province = PROVINCE): Promise<InboxTask[]> =>
      (await w.runner.taskInbox.pendingFor({ ...user, province }, { limit: 100 })).items;
    const actions = (tasks: readonly InboxTask[]): string[] => tasks.map((t) => `${t.nominationId}/${t.action}`);
    const byAction = (tasks: readonly InboxTask[], action: string): InboxTask[] =>
      tasks.filter((t) => t.action === action);

    const board = actors.board;
    const chairman = actors.chairman;
    const member = (n: number): Actor => councilMember(n);

    const ctx: ProjectionSuiteContext = {
      sql: () => sql,
      world,
      pending,
      actions,
      byAction,
      board,
      chairman,
      member,
    };
    taskInbox(ctx);
    nominationList(ctx);
    runner(ctx);
    sessions(ctx);
  });
}

export async function countEvents(w: ProjectionWorld): Promise<number> {
  let count = 0;
  for await (const page of readAllInPages(w.store, { streamPrefixes: ['nomination-'] })) count += page.length;
  return count;
}
