import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { Duration, PayloadCodec } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { DefaultLogger, bundleWorkflowCode, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import {
  defaultPolicies,
  resolvePolicy,
  type Actor,
  type BlockVoteChoice,
  type CouncilRecommendation,
  type DraftNomination,
  type NominationEvent,
  type NominationState,
  type PolicySet,
} from '@laurel/domain';
import { loadConfig } from '@laurel/infra/config/config';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { openStores, type Stores } from '@laurel/infra/runtime/stores';
import { createNominationActivities } from '@laurel/infra/temporal/nomination-activities';
import { dataConverterWith } from '@laurel/infra/temporal/payload-codec';
import { actionSigningInterceptor } from '@laurel/infra/temporal/action-signing';
import { testActionSigner, testActionVerifier } from './action-keys';
import type { NominationActivities } from '@laurel/workflows/nomination/activities';
import { nominationSearchAttributeKeys } from '@laurel/workflows/nomination/search-attributes';
import {
  castVoteUpdate,
  draftUpdate,
  nominationStreamName,
  nominationWorkflowId,
  recordCouncilOpinionUpdate,
  submitUpdate,
  type ActionArgs,
  type ActionResult,
  type SubmitArgs,
} from '@laurel/workflows/nomination/messages';
import { createNominationWorker, type RunningWorker } from '../../apps/worker/src/nomination-worker';
import { workflowWebpackConfigHook } from '../../apps/worker/src/workflow-webpack';
import { connectToTestServer, temporalTestAddress, uniqueTaskQueue } from './worker';

/** Deadlines in seconds: the block vote closes 10 s after submission, reminders 3 s before. */
export const fastPolicy: PolicySet = resolvePolicy(defaultPolicies, 'test-fast', '2026-01-01');

export const BLOCK = 'block-party-agencies';
export const PROPOSING_UNIT = 'unit-party-office';
export const VOTER_UNITS = ['unit-propaganda', 'unit-inspection', 'unit-organisation', 'unit-newspaper'];
export const COUNCIL_SIZE = 3;

export const people = {
  officer: { userId: 'u-officer', role: 'unit_officer', unitId: PROPOSING_UNIT, blockId: BLOCK },
  head: { userId: 'u-head', role: 'unit_head', unitId: PROPOSING_UNIT, blockId: BLOCK },
  leader: { userId: 'u-leader', role: 'block_leader', unitId: 'unit-propaganda', blockId: BLOCK },
  board: { userId: 'u-board', role: 'board_officer' },
  chairman: { userId: 'u-chairman', role: 'chairman' },
} as const satisfies Record<string, Actor>;

export function voter(unitId: string): Actor {
  return { userId: `u-head-${unitId}`, role: 'unit_head', unitId, blockId: BLOCK };
}

export function councillor(n: number): Actor {
  return { userId: `u-council-${n}`, role: 'council_member', unitId: `unit-dept-${n}` };
}

const evidence = ['proposal_letter', 'achievement_report', 'unit_council_minutes'].map((kind, i) => ({
  documentId: `doc-${kind}`,
  title: `Hồ sơ ${i + 1}`,
  kind,
  sizeBytes: 2048,
  sha256: 'ab'.repeat(32),
}));

export function draftArgs(overrides: Partial<ActionArgs<DraftNomination>> = {}): ActionArgs<DraftNomination> {
  const year = new Date().getUTCFullYear();
  return {
    actor: people.officer,
    nominee: { kind: 'individual', name: 'Nguyễn Thị Hương', unitId: PROPOSING_UNIT, personId: `p-${Math.random()}` },
    awardType: 'ProvincialCertificateOfMerit',
    campaignYear: year,
    province: 'test-fast',
    proposingUnitId: PROPOSING_UNIT,
    blockId: BLOCK,
    achievements: 'Hoàn thành xuất sắc nhiệm vụ; chủ trì số hoá hồ sơ.',
    record: {
      titles: [
        { year: year - 1, title: 'GrassrootsEmulationFighter' },
        { year, title: 'GrassrootsEmulationFighter' },
      ],
      ratings: [],
      initiatives: [],
    },
    evidence,
    ...overrides,
  } as ActionArgs<DraftNomination>;
}

export function submitArgs(overrides: Partial<SubmitArgs> = {}): SubmitArgs {
  return {
    actor: people.head,
    eligibleVoterUnitIds: [PROPOSING_UNIT, ...VOTER_UNITS],
    councilMemberCount: COUNCIL_SIZE,
    ...overrides,
  };
}

/** A new nomination id, so that no two tests (or runs against a reused server) share a workflow or stream. */
export function freshNominationId(label = 'n'): string {
  return `${label}-${randomUUID()}`;
}

/** Stored events as the decider's events, for `fold`. */
export function domainEvents(stream: readonly RecordedEvent[]): NominationEvent[] {
  return stream.map((e) => ({ type: e.type, data: e.data }) as unknown as NominationEvent);
}

/** Compares values as they travel: the query result went through JSON, so `undefined` fields vanish. */
export function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const bundles = new Map<string, Promise<string>>();

/**
 * The workflow code bundled once per process (a few seconds) and written to a
 * temporary file, so restarts and extra workers start fast. It also keeps a
 * stale `dist/workflow-bundle.js`, which the worker would otherwise prefer, out of tests.
 */
export function testWorkflowBundlePath(
  workflowsPath = join(__dirname, '..', '..', 'workflows', 'index.ts'),
): Promise<string> {
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    bundle = (async () => {
      const { code } = await bundleWorkflowCode({
        workflowsPath,
        webpackConfigHook: workflowWebpackConfigHook,
        logger: new DefaultLogger('WARN'),
      });
      const file = join(tmpdir(), `laurel-workflow-bundle-${process.pid}-${randomUUID()}.js`);
      await writeFile(file, code);
      return file;
    })();
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}

/** Stores over a fresh in-memory PGlite (~3 s to start: share one per test file). */
export async function openTestStores(): Promise<Stores> {
  const sql = await PgliteSqlClient.open('memory://');
  const stores = await openStores(loadConfig({}), sql);
  return {
    ...stores,
    async close() {
      await stores.close();
      await sql.close();
    },
  };
}

/**
 * Registers the nomination search attributes on a server started without them
 * (the time-skipping server has no flag for it). Without them every upsert
 * fails its workflow task.
 */
export async function registerNominationSearchAttributes(connection: Connection, namespace = 'default'): Promise<void> {
  const searchAttributes = Object.fromEntries(
    nominationSearchAttributeKeys.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
  );
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}

/** How a test wants its worker: e.g. activities that fail on purpose, or tighter shutdown times. */
export interface WorkerSetup {
  readonly activities?: (real: NominationActivities) => NominationActivities;
  readonly overrides?: Partial<WorkerOptions>;
  /** Another build of the workflow code (say, an older commit's); the current code by default. */
  readonly workflowBundlePath?: string;
  /**
   * Encrypts payloads (worker, and the harness's client too); unset: plain JSON, so histories
   * recorded through the harness stay readable without a key.
   */
  readonly payloadCodec?: PayloadCodec;
}

/** A nomination worker on any server (the shared dev server, a time-skipping one, a recording one). */
export async function startNominationWorker(options: {
  readonly connection: NativeConnection;
  readonly taskQueue: string;
  readonly stores: Stores;
  readonly namespace?: string;
  readonly setup?: WorkerSetup;
}): Promise<RunningWorker> {
  const { connection, taskQueue, stores, setup = {} } = options;
  const config = loadConfig({
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...(options.namespace ? { TEMPORAL_NAMESPACE: options.namespace } : {}),
  });
  const real = createNominationActivities({ store: stores.events, outbox: stores.outbox });
  return createNominationWorker({
    config,
    stores,
    connection,
    workflowBundlePath: setup.workflowBundlePath ?? (await testWorkflowBundlePath()),
    payloadCodec: setup.payloadCodec ?? null,
    actionVerifier: testActionVerifier,
    overrides: { activities: setup.activities ? setup.activities(real) : real, ...setup.overrides },
  });
}

/** One worker on a Temporal server, over an in-memory PGlite store, with the steps every path shares. */
export class NominationHarness {
  private constructor(
    readonly stores: Stores,
    readonly client: Client,
    readonly taskQueue: string,
    private readonly clientConnection: Connection | undefined,
    private readonly workerConnection: NativeConnection,
    public running: RunningWorker,
    /** What `start` was given; restarts reuse it unless told otherwise. */
    private readonly defaultSetup: WorkerSetup,
  ) {}

  /**
   * On the shared dev server of the jest run by default; `server` points the
   * harness at another one (the history recorder starts its own).
   */
  static async start(
    setup: WorkerSetup = {},
    server?: { readonly client: Client; readonly connection: NativeConnection },
  ): Promise<NominationHarness> {
    const stores = await openTestStores();
    const taskQueue = uniqueTaskQueue('nomination');
    const workerConnection = server?.connection ?? (await connectToTestServer());
    const running = await startNominationWorker({ connection: workerConnection, taskQueue, stores, setup });
    if (server) {
      // The server's own client, signing as the API does.
      const signing = new Client({
        connection: server.client.connection,
        namespace: server.client.options.namespace,
        dataConverter: dataConverterWith(setup.payloadCodec ?? null),
        interceptors: { workflow: [actionSigningInterceptor(testActionSigner)] },
      });
      return new NominationHarness(stores, signing, taskQueue, undefined, workerConnection, running, setup);
    }
    const clientConnection = await Connection.connect({ address: temporalTestAddress() });
    const client = new Client({
      connection: clientConnection,
      dataConverter: dataConverterWith(setup.payloadCodec ?? null),
      // Signs as the API does; a test that forges an action uses a client without it.
      interceptors: { workflow: [actionSigningInterceptor(testActionSigner)] },
    });
    return new NominationHarness(stores, client, taskQueue, clientConnection, workerConnection, running, setup);
  }

  /** Stops the worker gracefully and starts a fresh one on the same queue, as a redeploy would. */
  async restartWorker(setup: WorkerSetup = this.defaultSetup): Promise<void> {
    await this.running.shutdown();
    this.running = await this.startWorker(setup);
  }

  /** Starts a worker on this harness's queue and store; the previous one must be stopped first. */
  async startWorker(setup: WorkerSetup = this.defaultSetup): Promise<RunningWorker> {
    return startNominationWorker({
      connection: this.workerConnection,
      taskQueue: this.taskQueue,
      stores: this.stores,
      setup,
    });
  }

  /** Starts the nomination's workflow with its draft; `start` tunes the run (say, a short workflow task timeout). */
  async draft(
    nominationId: string,
    args = draftArgs(),
    policy = fastPolicy,
    start: { readonly workflowTaskTimeout?: Duration } = {},
  ): Promise<ActionResult> {
    return this.client.workflow.executeUpdateWithStart(draftUpdate, {
      args: [args],
      startWorkflowOperation: new WithStartWorkflowOperation('nominationWorkflow', {
        workflowId: nominationWorkflowId(nominationId),
        taskQueue: this.taskQueue,
        args: [{ nominationId, policy }],
        workflowIdConflictPolicy: 'FAIL',
        ...start,
      }),
    });
  }

  handle(nominationId: string): WorkflowHandle {
    return this.client.workflow.getHandle(nominationWorkflowId(nominationId));
  }

  /** Drafts and submits: the nomination waits for its block vote. */
  async draftAndSubmit(
    nominationId: string,
    submit: Partial<SubmitArgs> = {},
    policy: PolicySet = fastPolicy,
  ): Promise<WorkflowHandle> {
    await this.draft(nominationId, draftArgs(), policy);
    const handle = this.handle(nominationId);
    await handle.executeUpdate(submitUpdate, { args: [submitArgs(submit)] });
    return handle;
  }

  /** Votes unit by unit in VOTER_UNITS order, from the `firstUnit`-th; returns the last result. */
  async vote(
    nominationId: string,
    choices: readonly BlockVoteChoice[],
    firstUnit = 0,
  ): Promise<ActionResult | undefined> {
    let last: ActionResult | undefined;
    for (const [i, choice] of choices.entries()) {
      last = await this.handle(nominationId).executeUpdate(castVoteUpdate, {
        args: [{ actor: voter(VOTER_UNITS[firstUnit + i]!), choice }],
      });
    }
    return last;
  }

  /** Council opinions from members 1..n, in order; returns the last result. */
  async council(
    nominationId: string,
    recommendations: readonly CouncilRecommendation[],
  ): Promise<ActionResult | undefined> {
    let last: ActionResult | undefined;
    for (const [i, recommendation] of recommendations.entries()) {
      last = await this.handle(nominationId).executeUpdate(recordCouncilOpinionUpdate, {
        args: [{ actor: councillor(i + 1), recommendation }],
      });
    }
    return last;
  }

  async streamOf(nominationId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const e of this.stores.events.readStream(nominationStreamName(nominationId))) events.push(e);
    return events;
  }

  async state(nominationId: string): Promise<NominationState> {
    return this.handle(nominationId).query<NominationState>('state');
  }

  async stop(): Promise<void> {
    await this.running.shutdown();
    if (this.clientConnection) {
      await this.workerConnection.close();
      await this.clientConnection.close();
    }
    await this.stores.close();
  }
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
