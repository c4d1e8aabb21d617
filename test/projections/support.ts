import {
  decide,
  evolve,
  initialState,
  type NominationCommand,
  type NominationState,
  type PolicySet,
} from '@laurel/domain';
import { at, policy as fixturePolicy } from '@laurel/domain/testing/fixtures';
import { ChainedEventStore } from '@laurel/infra/audit/chained-event-store';
import {
  START,
  comparePositions,
  type AppendResult,
  type EventStore,
  type JsonObject,
  type Position,
} from '@laurel/infra/event-store/port';
import type { SqlClient } from '@laurel/infra/event-store/sql/sql-client';
import { SqlEventStore } from '@laurel/infra/event-store/sql/sql-event-store';
import { ProjectionRunner, type ProjectionRunnerOptions } from '@laurel/infra/projections/runner';

/** What every projection test needs: a store, a runner over the same database, and helpers to act. */
export interface ProjectionWorld {
  readonly sql: SqlClient;
  readonly schema: string;
  readonly store: EventStore;
  readonly runner: ProjectionRunner;
  /** The position of the latest append made through a script (not the store's settled head, see settle). */
  lastAppended(): Position;
  /** Starts acting on a nomination with this id. */
  nomination(id: string, policy?: PolicySet): NominationScript;
  /** Another runner over the same tables (same checkpoint name unless given). */
  newRunner(options?: Partial<ProjectionRunnerOptions>): Promise<ProjectionRunner>;
  /** Every row of the read models and the checkpoint, as JSON text, for before/after comparisons. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

/** Runs commands through the decider and appends their events as the workflow would. */
export class NominationScript {
  state: NominationState = initialState;
  lastPosition: Position | undefined;

  constructor(
    readonly id: string,
    private readonly store: EventStore,
    private readonly policy: PolicySet,
    private readonly onAppended: (position: Position) => void = () => undefined,
  ) {}

  get streamName(): string {
    return `nomination-${this.id}`;
  }

  /** Decides the command (its nominationId replaced by this one), appends the events, folds them. */
  async act(command: NominationCommand, causationId?: string): Promise<AppendResult> {
    const cmd = { ...command, nominationId: this.id } as NominationCommand;
    const decision = decide(this.state, cmd, this.policy);
    if (!decision.ok) throw new Error(`${cmd.type} refused: ${decision.error.code} ${decision.error.message}`);
    const expected = this.state.version;
    const result = await this.store.append(
      this.streamName,
      decision.events.map((event, i) => ({
        id: `${this.streamName}@${expected + i + 1}`,
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: {
          actor: { ...cmd.actor },
          workflowId: this.streamName,
          runId: 'run-1',
          causationId: causationId ?? `update:${cmd.type}:${expected + 1}`,
          correlationId: this.id,
          schemaVersion: 1,
        },
      })),
      expected,
    );
    this.state = decision.events.reduce(evolve, this.state);
    this.lastPosition = result.position;
    this.onAppended(result.position);
    return result;
  }

  async actAll(commands: readonly NominationCommand[]): Promise<AppendResult | undefined> {
    let last: AppendResult | undefined;
    for (const command of commands) last = await this.act(command);
    return last;
  }
}

let schemaCounter = 0;

/** A fresh schema (store + read models) in `sql`; the runner is started. */
export async function openWorld(
  sql: SqlClient,
  options: Partial<ProjectionRunnerOptions> = {},
): Promise<ProjectionWorld> {
  const schema = `proj_${process.pid}_${++schemaCounter}`;
  const raw = await SqlEventStore.create(sql, { schema, closeClient: false, pollIntervalMs: 200 });
  const store = new ChainedEventStore(raw);
  const make = async (extra: Partial<ProjectionRunnerOptions> = {}): Promise<ProjectionRunner> =>
    ProjectionRunner.create({
      store,
      sql,
      schema,
      retryDelayMs: 50,
      list: { now: () => new Date(at(2)) },
      ...options,
      ...extra,
    });
  const runner = await make();
  await runner.start();
  const extraRunners: ProjectionRunner[] = [];
  let latest: Position = START;
  const appended = (position: Position): void => {
    if (comparePositions(position, latest) > 0) latest = position;
  };
  return {
    sql,
    schema,
    store,
    runner,
    lastAppended: () => latest,
    nomination: (id, policy = fixturePolicy) => new NominationScript(id, store, policy, appended),
    async newRunner(extra) {
      const other = await make(extra);
      extraRunners.push(other);
      return other;
    },
    async snapshot() {
      const tasks = await sql.query<{ row: unknown }>(
        `SELECT to_jsonb(t) AS row FROM "${schema}".task_inbox t ORDER BY task_id`,
      );
      const list = await sql.query<{ row: unknown }>(
        `SELECT to_jsonb(l) AS row FROM "${schema}".nomination_list l ORDER BY nomination_id`,
      );
      const checkpoints = await sql.query<{ name: string; position_commit: string; position_prepare: string }>(
        `SELECT name, position_commit::text AS position_commit, position_prepare::text AS position_prepare
         FROM "${schema}".projection_checkpoints ORDER BY name`,
      );
      const sessions = await sql.query<{ row: unknown }>(
        `SELECT jsonb_build_object('header', to_jsonb(h), 'items', (SELECT jsonb_agg(to_jsonb(i) ORDER BY i.ordinal)
           FROM "${schema}".session_items i WHERE i.session_id = h.session_id)) AS row
         FROM "${schema}".session_header h ORDER BY session_id`,
      );
      return JSON.stringify(
        {
          tasks: tasks.map((r) => r.row),
          list: list.map((r) => r.row),
          sessions: sessions.map((r) => r.row),
          checkpoints,
        },
        null,
        1,
      );
    },
    async close() {
      for (const other of extraRunners) await other.stop();
      await runner.stop();
      await raw.close();
    },
  };
}

/**
 * Waits until the runner has applied every append made through the scripts.
 * Not the store's head: on PostgreSQL that is the last *settled* event, which
 * a runner's own open transaction can hold back (infra/event-store/sql/schema.ts).
 */
export async function settle(world: ProjectionWorld, runner: ProjectionRunner = world.runner): Promise<void> {
  if (!(await runner.waitFor(world.lastAppended(), 10_000))) throw new Error('the runner did not catch up within 10 s');
}
