// Workflow benchmark: nominations through their whole lifecycle on a Temporal
// dev server, against a bare workflow with the same updates on the same server
// (the dev server's SQLite is the ceiling, so only the ratio carries over to
// other machines). `npm run bench:workflow`, with these settings:
//
//   BENCH_NOMINATIONS  nominations per variant (default 40)
//   BENCH_REVIEWERS    concurrent simulated reviewers (default 20)
//   BENCH_WARMUP       nominations run first and not measured (default 5)
//   BENCH_ROUNDS       rounds of Laurel and bare, in alternating order; the
//                      round with the median ratio is reported (default 3)
//   BENCH_PROFILE=1    also run the bare workflow with one of Laurel's per-update
//                      costs added at a time, and Laurel on PGlite
//   TEMPORAL_ADDRESS   reuse a server (it must know the nomination search attributes)
//   DATABASE_URL       PostgreSQL for the event store (default the local server)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, Worker, type NativeConnection } from '@temporalio/worker';
import { defaultPolicies, resolvePolicy, type PolicySet } from '@laurel/domain';
import { loadConfig } from '@laurel/infra/config/config';
import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { openStores, type Stores } from '@laurel/infra/runtime/stores';
import { createNominationActivities } from '@laurel/infra/temporal/nomination-activities';
import type { nominationWorkflow } from '@laurel/workflows';
import type { NominationActivities } from '@laurel/workflows/nomination/activities';
import {
  castVoteUpdate,
  draftUpdate,
  issueDecisionUpdate,
  nominationWorkflowId,
  recordCouncilOpinionUpdate,
  submitUpdate,
} from '@laurel/workflows/nomination/messages';
import { createNominationWorker } from '../apps/worker/src/nomination-worker';
import { ActionSigner, ActionVerifier } from '../infra/audit/action-proof';
import { actionSigningInterceptor } from '../infra/temporal/action-signing';
import { workflowWebpackConfigHook } from '../apps/worker/src/workflow-webpack';
import {
  COUNCIL_SIZE,
  councillor,
  draftArgs,
  people,
  PROPOSING_UNIT,
  VOTER_UNITS,
  voter,
} from '../test/support/nomination-harness';
import type { BareActivities, BareWorkflowInput, bareWorkflow } from './fixtures/bare.workflow';
import { openBenchStores, quietTemporalLogs, startTemporal } from './support/environment';
import {
  round,
  runReviewers,
  summarise,
  summariseByKind,
  type PoolRun,
  type Script,
  type Step,
} from './support/reviewer-pool';

const ROOT = join(__dirname, '..');
const RESULT_FILE = join(__dirname, 'results', 'workflow.json');
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 100;
const TARGET_REVIEWERS = 20;

/** draft, submit, one vote per block member, one opinion per councillor, the decision. */
const UPDATES_PER_NOMINATION = 2 + VOTER_UNITS.length + COUNCIL_SIZE + 1;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** How a lifecycle's first update starts its workflow: the only thing that differs between variants. */
interface Target<W extends Workflow> {
  readonly label: string;
  workflowId(id: string): string;
  start(id: string): WithStartWorkflowOperation<W>;
  /** Checks the completed workflow's result. */
  verify?(result: unknown, id: string): void;
}

/** The happy path of the workflow tests, one action per step, reviewers' payloads as the API would send them. */
function lifecycle<W extends Workflow>(client: Client, target: Target<W>, id: string): Script {
  const workflowId = target.workflowId(id);
  const handle = client.workflow.getHandle(workflowId);
  const steps: Step[] = [
    {
      kind: 'draft',
      run: () =>
        client.workflow.executeUpdateWithStart(draftUpdate, {
          args: [draftArgs({ province: 'lao-cai', nominee: nomineeOf(id) })],
          startWorkflowOperation: target.start(id),
        }),
    },
    {
      kind: 'submit',
      run: () =>
        handle.executeUpdate(submitUpdate, {
          args: [
            {
              actor: people.head,
              eligibleVoterUnitIds: [PROPOSING_UNIT, ...VOTER_UNITS],
              councilMemberCount: COUNCIL_SIZE,
            },
          ],
        }),
    },
    ...VOTER_UNITS.map((unit): Step => ({
      kind: 'vote',
      run: () => handle.executeUpdate(castVoteUpdate, { args: [{ actor: voter(unit), choice: 'approve' }] }),
    })),
    ...Array.from({ length: COUNCIL_SIZE }, (_, n): Step => ({
      kind: 'opinion',
      run: () =>
        handle.executeUpdate(recordCouncilOpinionUpdate, {
          args: [{ actor: councillor(n + 1), recommendation: 'approve' }],
        }),
    })),
    {
      kind: 'decision',
      run: () =>
        handle.executeUpdate(issueDecisionUpdate, {
          args: [{ actor: people.chairman, outcome: 'approved', decisionNumber: '163/QĐ-UBND' }],
        }),
    },
  ];
  if (steps.length !== UPDATES_PER_NOMINATION) throw new Error('lifecycle and UPDATES_PER_NOMINATION disagree');
  return {
    id: `${target.label}:${id}`,
    steps,
    completed: async () => target.verify?.(await handle.result(), id),
  };
}

function nomineeOf(id: string) {
  return { kind: 'individual', name: 'Nguyễn Thị Hương', unitId: PROPOSING_UNIT, personId: `p-${id}` } as const;
}

function laurelTarget(taskQueue: string, policy: PolicySet): Target<typeof nominationWorkflow> {
  return {
    label: 'laurel',
    workflowId: nominationWorkflowId,
    start: (id) =>
      new WithStartWorkflowOperation<typeof nominationWorkflow>('nominationWorkflow', {
        workflowId: nominationWorkflowId(id),
        taskQueue,
        args: [{ nominationId: id, policy }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    verify(result, id) {
      const outcome = (result as { outcome?: unknown }).outcome;
      if (outcome !== 'Awarded') throw new Error(`nomination ${id} ended ${String(outcome)}, expected Awarded`);
    },
  };
}

function bareTarget(
  taskQueue: string,
  costs: Omit<BareWorkflowInput, 'nominationId' | 'updates'>,
): Target<typeof bareWorkflow> {
  const workflowId = (id: string) => `bench-bare-${id}`;
  return {
    label: 'bare',
    workflowId,
    start: (id) =>
      new WithStartWorkflowOperation<typeof bareWorkflow>('bareWorkflow', {
        workflowId: workflowId(id),
        taskQueue,
        args: [{ nominationId: id, updates: UPDATES_PER_NOMINATION, ...costs }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    verify(result, id) {
      const version = (result as { version?: unknown }).version;
      if (version !== UPDATES_PER_NOMINATION) throw new Error(`bare ${id} completed after ${String(version)} updates`);
    },
  };
}

interface Measured {
  readonly run: PoolRun;
  readonly nominationsPerMin: number;
  /** History length of one measured nomination: each event is server work (SQLite writes, task dispatch). */
  readonly historyEvents: Record<string, number>;
}

/** A short warm-up (first workflow tasks, connections, JIT), then the measured run, with fresh ids for each. */
async function measure<W extends Workflow>(
  client: Client,
  target: Target<W>,
  settings: Settings,
  onMeasureStart?: () => void,
): Promise<Measured> {
  const scripts = (count: number, phase: string) =>
    Array.from({ length: count }, (_, i) => lifecycle(client, target, `${settings.runId}-${phase}-${i}`));
  await runReviewers(scripts(settings.warmup, `${target.label}-warm`), settings.reviewers);
  onMeasureStart?.();
  const run = await runReviewers(scripts(settings.nominations, target.label), settings.reviewers);
  const history = await client.workflow
    .getHandle(target.workflowId(`${settings.runId}-${target.label}-0`))
    .fetchHistory();
  const events = history.events ?? [];
  const historyEvents: Record<string, number> = { total: events.length };
  for (const event of events) {
    // eventType is an enum number; the one attributes field set names the type (timerStartedEventAttributes).
    const set = Object.entries(event).find(([key, value]) => key.endsWith('EventAttributes') && value != null);
    const type = set ? set[0].replace(/EventAttributes$/, '') : 'unknown';
    historyEvents[type] = (historyEvents[type] ?? 0) + 1;
  }
  return { run, nominationsPerMin: settings.nominations / (run.wallMs / 60_000), historyEvents };
}

interface Settings {
  readonly runId: string;
  readonly nominations: number;
  readonly reviewers: number;
  readonly warmup: number;
  readonly rounds: number;
  readonly profile: boolean;
}

interface Bundles {
  readonly laurelPath: string;
  readonly bareCode: string;
}

/** Bundled once per run from source, so the figures are for the code checked out (not a stale dist/ bundle). */
async function bundle(dir: string): Promise<Bundles> {
  // The bundler logs its webpack report at INFO through its own logger.
  const logger = new DefaultLogger('WARN');
  const [laurel, bare] = await Promise.all([
    bundleWorkflowCode({
      workflowsPath: join(ROOT, 'workflows', 'index.ts'),
      webpackConfigHook: workflowWebpackConfigHook,
      logger,
    }),
    bundleWorkflowCode({
      workflowsPath: join(__dirname, 'fixtures', 'bare.workflow.ts'),
      webpackConfigHook: workflowWebpackConfigHook,
      logger,
    }),
  ]);
  const laurelPath = join(dir, 'laurel-workflows.js');
  await writeFile(laurelPath, laurel.code);
  return { laurelPath, bareCode: bare.code };
}

/** The worker's activities with the append timed where it runs, to tell store time from Temporal time. */
function timedActivities(stores: Stores, appendMs: number[]): NominationActivities {
  const activities = createNominationActivities({ store: stores.events, outbox: stores.outbox });
  return {
    ...activities,
    async appendEvents(input) {
      const started = performance.now();
      try {
        return await activities.appendEvents(input);
      } finally {
        appendMs.push(performance.now() - started);
      }
    },
  };
}

interface LaurelMeasured extends Measured {
  readonly appendMs: readonly number[];
}

async function runLaurel(
  client: Client,
  connection: NativeConnection,
  namespace: string,
  stores: Stores,
  bundles: Bundles,
  settings: Settings,
): Promise<LaurelMeasured> {
  const taskQueue = `bench-laurel-${randomUUID()}`;
  const appendMs: number[] = [];
  // Signed as the API signs: the signature and its check are part of what an action costs.
  const signer = new ActionSigner(randomBytes(32));
  const signing = new Client({
    connection: client.connection,
    namespace: client.options.namespace,
    interceptors: { workflow: [actionSigningInterceptor(signer)] },
  });
  const running = await createNominationWorker({
    config: loadConfig({ TEMPORAL_NAMESPACE: namespace, TEMPORAL_TASK_QUEUE: taskQueue }),
    stores,
    connection,
    workflowBundlePath: bundles.laurelPath,
    // Plain payloads, as the bare workflow's and the benchmark client's: the ratio compares workflow code.
    payloadCodec: null,
    actionVerifier: new ActionVerifier([signer.publicKey]),
    overrides: { activities: timedActivities(stores, appendMs) },
  });
  try {
    // The lao-cai rules in force today: working-day deadlines, so no timer fires during the run.
    const policy = resolvePolicy(defaultPolicies, 'lao-cai', new Date().toISOString().slice(0, 10));
    const measured = await measure(signing, laurelTarget(taskQueue, policy), settings, () => appendMs.splice(0));
    return { ...measured, appendMs };
  } finally {
    await running.shutdown();
  }
}

async function runBare(
  client: Client,
  connection: NativeConnection,
  namespace: string,
  bundles: Bundles,
  settings: Settings,
  costs: Omit<BareWorkflowInput, 'nominationId' | 'updates'> = {},
): Promise<Measured> {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const activities: BareActivities = { noop: async () => undefined };
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: { code: bundles.bareCode },
    activities,
  });
  const done = worker.run();
  try {
    return await measure(client, bareTarget(taskQueue, costs), settings);
  } finally {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await done;
  }
}

function figures(measured: Measured) {
  const all = summarise(measured.run.latencies.map((l) => l.ms));
  return {
    nominationsPerMin: round(measured.nominationsPerMin),
    updateP50Ms: all.p50Ms,
    updateP95Ms: all.p95Ms,
    updateP99Ms: all.p99Ms,
  };
}

function details(measured: Measured) {
  const all = summarise(measured.run.latencies.map((l) => l.ms));
  return {
    wallSeconds: round(measured.run.wallMs / 1000, 2),
    updates: all.count,
    updateMeanMs: all.meanMs,
    updateMaxMs: all.maxMs,
    byKind: summariseByKind(measured.run.latencies),
    historyEventsPerNomination: measured.historyEvents,
  };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

async function main(): Promise<void> {
  quietTemporalLogs();
  const settings: Settings = {
    runId: randomUUID().slice(0, 8),
    nominations: positiveInt('BENCH_NOMINATIONS', 40),
    reviewers: positiveInt('BENCH_REVIEWERS', 20),
    warmup: positiveInt('BENCH_WARMUP', 5),
    rounds: positiveInt('BENCH_ROUNDS', 3),
    profile: process.env['BENCH_PROFILE'] === '1',
  };
  const commandStarted = performance.now();
  const scratch = await mkdtemp(join(tmpdir(), 'laurel-bench-'));
  const cleanups: (() => Promise<void>)[] = [() => rm(scratch, { recursive: true, force: true })];
  let failure: unknown;
  try {
    console.log(
      `workflow bench: ${settings.nominations} nominations × ${UPDATES_PER_NOMINATION} updates, ` +
        `${settings.reviewers} reviewers, ${settings.warmup} warm-up nominations per variant`,
    );
    // Started side by side; allSettled so that one failing still leaves the others registered for cleanup.
    const [temporalSetup, storageSetup, bundleSetup] = await Promise.allSettled([
      startTemporal(process.env).then((started) => {
        cleanups.unshift(() => started.env.teardown());
        return started;
      }),
      openBenchStores(process.env).then((opened) => {
        cleanups.unshift(() => opened.close());
        return opened;
      }),
      bundle(scratch),
    ]);
    const temporal = settled(temporalSetup);
    const storage = settled(storageSetup);
    const bundles = settled(bundleSetup);
    if (storage.note) console.log(`note: ${storage.note}`);
    const { client, nativeConnection } = temporal.env;
    const namespace = temporal.env.namespace ?? 'default';

    // The machine's speed drifts between runs (other tenants, caches): rounds alternate which
    // variant goes first, and the round with the median ratio is the one reported.
    const rounds: { laurel: LaurelMeasured; bare: Measured; ratio: number }[] = [];
    for (let index = 0; index < settings.rounds; index++) {
      // Nomination ids derive from the run id: each round names its own.
      const roundSettings = { ...settings, runId: `${settings.runId}r${index}` };
      const runL = () => runLaurel(client, nativeConnection, namespace, storage.stores, bundles, roundSettings);
      const runB = () => runBare(client, nativeConnection, namespace, bundles, roundSettings);
      let laurelRun: LaurelMeasured;
      let bareRun: Measured;
      if (index % 2 === 0) {
        laurelRun = await runL();
        bareRun = await runB();
      } else {
        bareRun = await runB();
        laurelRun = await runL();
      }
      const ratio = laurelRun.nominationsPerMin / bareRun.nominationsPerMin;
      console.log(`round ${index + 1}/${settings.rounds}: ratio ${round(ratio, 3)}`);
      rounds.push({ laurel: laurelRun, bare: bareRun, ratio });
    }
    const { laurel, bare } = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)]!;
    const profile = settings.profile
      ? await runProfile(client, nativeConnection, namespace, bundles, settings)
      : undefined;

    const laurelFigures = figures(laurel);
    const bareFigures = figures(bare);
    const throughputRatio = round(laurelFigures.nominationsPerMin / bareFigures.nominationsPerMin, 3);
    const targets = {
      throughputRatio: { target: `>= ${TARGET_RATIO}`, value: throughputRatio, met: throughputRatio >= TARGET_RATIO },
      laurelUpdateP99Ms: {
        target: `<= ${TARGET_P99_MS} at ${TARGET_REVIEWERS} reviewers`,
        value: laurelFigures.updateP99Ms,
        met: laurelFigures.updateP99Ms <= TARGET_P99_MS,
        ...(settings.reviewers === TARGET_REVIEWERS ? {} : { note: `measured at ${settings.reviewers} reviewers` }),
      },
    };
    const result = {
      nominations: settings.nominations,
      reviewers: settings.reviewers,
      laurel: laurelFigures,
      bare: bareFigures,
      throughputRatio,
      targets,
      rounds: rounds.map((r) => ({
        laurelNominationsPerMin: round(r.laurel.nominationsPerMin),
        bareNominationsPerMin: round(r.bare.nominationsPerMin),
        throughputRatio: round(r.ratio, 3),
      })),
      updatesPerNomination: UPDATES_PER_NOMINATION,
      warmupNominations: settings.warmup,
      eventStore: storage.kind,
      ...(storage.note ? { eventStoreNote: storage.note } : {}),
      temporalServer:
        temporal.server === 'dev-server' ? 'temporal server start-dev (in-memory SQLite)' : temporal.server,
      details: {
        laurel: { ...details(laurel), appendInWorker: summarise(laurel.appendMs) },
        bare: details(bare),
      },
      ...(profile ? { profile } : {}),
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: process.platform,
      },
      measuredAt: new Date().toISOString(),
    };
    await writeFile(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `throughput ratio ${throughputRatio} (target ≥ ${TARGET_RATIO}): ${targets.throughputRatio.met ? 'met' : 'MISSED'}`,
    );
    console.log(
      `Laurel update p99 ${laurelFigures.updateP99Ms} ms (target ≤ ${TARGET_P99_MS} ms at ${TARGET_REVIEWERS} reviewers): ` +
        `${targets.laurelUpdateP99Ms.met ? 'met' : 'MISSED'}`,
    );
    console.log(`written to ${RESULT_FILE}`);
  } catch (error) {
    failure = error;
  }
  // Every cleanup step runs even if one before it failed; the run's own failure is reported first.
  let cleanupError: unknown;
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      cleanupError ??= error;
    }
  }
  console.log(`bench took ${round((performance.now() - commandStarted) / 1000, 1)} s`);
  if (failure !== undefined) throw failure;
  if (cleanupError !== undefined) throw cleanupError;
}

/**
 * Where Laurel's extra time per update goes: the bare workflow with one of its
 * ingredients added back at a time, and Laurel on PGlite instead of PostgreSQL.
 */
async function runProfile(
  client: Client,
  connection: NativeConnection,
  namespace: string,
  bundles: Bundles,
  settings: Settings,
) {
  const variant = async (costs: Omit<BareWorkflowInput, 'nominationId' | 'updates'>) => {
    const measured = await runBare(client, connection, namespace, bundles, settings, costs);
    return { ...figures(measured), ...details(measured) };
  };
  const bareLocalActivity = await variant({ localActivity: true });
  const bareActivity = await variant({ activity: true });
  const bareSearchAttributeUpsert = await variant({ upsertSearchAttributes: true });
  const bareDeadlineTimer = await variant({ deadlineTimer: true });
  const bareAllThree = await variant({ localActivity: true, upsertSearchAttributes: true, deadlineTimer: true });
  const sql = await PgliteSqlClient.open('memory://');
  const stores = await openStores(loadConfig({ DATABASE_SCHEMA: 'bench_profile' }), sql);
  try {
    const laurel = await runLaurel(client, connection, namespace, stores, bundles, settings);
    return {
      bareLocalActivity,
      bareActivity,
      bareSearchAttributeUpsertEveryUpdate: bareSearchAttributeUpsert,
      bareDeadlineTimer,
      bareLocalActivityUpsertAndTimer: bareAllThree,
      laurelOnPglite: { ...figures(laurel), ...details(laurel), appendInWorker: summarise(laurel.appendMs) },
    };
  } finally {
    await stores.close();
    await sql.close();
  }
}

main().catch((error: unknown) => {
  console.error('workflow bench failed:', error);
  process.exitCode = 1;
});
