// One measured run of a variant of the workflow bench (Laurel, the bare workflow,
// the bare workflow with one of Laurel's costs added back) and the figures the
// results file reports for it.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, Worker, type NativeConnection } from '@temporalio/worker';
import { defaultPolicies, resolvePolicy } from '@laurel/domain';
import { loadConfig } from '@laurel/infra/config/config';
import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { openStores, type Stores } from '@laurel/infra/runtime/stores';
import type { EventToAppend } from '@laurel/infra/event-store/port';
import { createNominationActivities } from '@laurel/infra/temporal/nomination-activities';
import type { NominationActivities } from '@laurel/workflows/nomination/activities';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import { createNominationWorker } from '../../apps/worker/src/nomination-worker';
import { ActionSigner, ActionVerifier } from '../../infra/audit/action-proof';
import { actionSigningInterceptor } from '../../infra/temporal/action-signing';
import { workflowWebpackConfigHook } from '../../apps/worker/src/workflow-webpack';
import { VOTER_UNITS } from '../../test/support/nomination-harness';
import type { BareActivities, BareWorkflowInput, bareWorkflow } from '../fixtures/bare.workflow';
import { frontendRequests, requestsBetween, StatementCounter } from './environment';
import {
  round,
  runPaced,
  runReviewers,
  runReviewersFor,
  summarise,
  summariseByKind,
  type TimedRun,
} from './reviewer-pool';
import { lifecycle, laurelTarget, bareTarget, UPDATES_PER_NOMINATION, type Target } from './workflow-targets';

const ROOT = join(__dirname, '..', '..');

export interface Measured {
  readonly run: TimedRun;
  readonly nominationsPerMin: number;
  /** History length of one measured nomination: each event is server work (SQLite writes, task dispatch). */
  readonly historyEvents: Record<string, number>;
  /** Frontend requests during the measured window, when the server's metrics are at hand. */
  readonly rpcs?: { readonly total: number; readonly byOperation: Record<string, number> };
}

/** Counts a completed workflow's history events by type. */
export async function historyCounts(client: Client, workflowId: string): Promise<Record<string, number>> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const counts: Record<string, number> = { total: events.length };
  for (const event of events) {
    // eventType is an enum number; the one attributes field set names the type (timerStartedEventAttributes).
    const set = Object.entries(event).find(([key, value]) => key.endsWith('EventAttributes') && value != null);
    const type = set ? set[0].replace(/EventAttributes$/, '') : 'unknown';
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

export type Mode = { readonly kind: 'back-to-back' } | { readonly kind: 'paced'; readonly paceMs: number };

/** A short warm-up (first workflow tasks, connections, JIT), then the measured window, with fresh ids for each. */
export async function measure<W extends Workflow>(
  client: Client,
  target: Target<W>,
  settings: Settings,
  mode: Mode,
  probes: Probes,
  onMeasureStart?: () => void,
): Promise<Measured> {
  const phase = mode.kind === 'paced' ? 'paced' : 'run';
  let counter = 0;
  const next = (tag: string) => () =>
    lifecycle(client, target, `${settings.runId}-${target.label}-${tag}-${counter++}`);
  const warmups = Array.from({ length: Math.max(1, settings.warmup) }, next('warm'));
  await runReviewers(warmups, settings.reviewers);
  onMeasureStart?.();
  const before = probes.metricsUrl ? await frontendRequests(probes.metricsUrl, probes.namespace) : undefined;
  const windowMs = (mode.kind === 'paced' ? settings.paceSeconds : settings.roundSeconds) * 1000;
  const run =
    mode.kind === 'paced'
      ? await runPaced(next(phase), settings.reviewers, mode.paceMs, windowMs)
      : await runReviewersFor(next(phase), settings.reviewers, windowMs);
  const after = probes.metricsUrl ? await frontendRequests(probes.metricsUrl, probes.namespace) : undefined;
  // A warm-up nomination's history: the same lifecycle, complete however short the window.
  const historyEvents = await historyCounts(client, target.workflowId(`${settings.runId}-${target.label}-warm-0`));
  return {
    run,
    nominationsPerMin: run.updatesInWindow / UPDATES_PER_NOMINATION / (windowMs / 60_000),
    historyEvents,
    ...(before && after ? { rpcs: requestsBetween(before, after) } : {}),
  };
}

/** Where the load-independent counts come from. */
export interface Probes {
  readonly metricsUrl?: string;
  readonly namespace: string;
}

export interface Settings {
  readonly runId: string;
  readonly roundSeconds: number;
  readonly reviewers: number;
  readonly warmup: number;
  readonly rounds: number;
  readonly paceSeconds: number;
  readonly paceMs: number;
  readonly profile: boolean;
}

export interface Bundles {
  readonly laurelPath: string;
  readonly bareCode: string;
}

/** Bundled once per run from source, so the figures are for the code checked out (not a stale dist/ bundle). */
export async function bundle(dir: string): Promise<Bundles> {
  // The bundler logs its webpack report at INFO through its own logger.
  const logger = new DefaultLogger('WARN');
  const [laurel, bare] = await Promise.all([
    bundleWorkflowCode({
      workflowsPath: join(ROOT, 'workflows', 'index.ts'),
      webpackConfigHook: workflowWebpackConfigHook,
      logger,
    }),
    bundleWorkflowCode({
      workflowsPath: join(__dirname, '..', 'fixtures', 'bare.workflow.ts'),
      webpackConfigHook: workflowWebpackConfigHook,
      logger,
    }),
  ]);
  const laurelPath = join(dir, 'laurel-workflows.js');
  await writeFile(laurelPath, laurel.code);
  return { laurelPath, bareCode: bare.code };
}

/** What the worker's appends cost where they run: time, and SQL statements each. */
export interface AppendTally {
  readonly ms: number[];
  readonly statements: number[];
}

/** The worker's activities with the append timed and its statements counted, to tell store time from Temporal time. */
export function timedActivities(stores: Stores, counter: StatementCounter, tally: AppendTally): NominationActivities {
  const activities = createNominationActivities({ store: stores.events, outbox: stores.outbox });
  return {
    ...activities,
    async appendEvents(input) {
      const started = performance.now();
      const { result, statements } = await counter.count(() => activities.appendEvents(input));
      tally.ms.push(performance.now() - started);
      tally.statements.push(statements);
      return result;
    },
  };
}

export interface LaurelMeasured extends Measured {
  readonly append: AppendTally;
}

export async function runLaurel(
  client: Client,
  connection: NativeConnection,
  probes: Probes,
  stores: Stores,
  counter: StatementCounter,
  bundles: Bundles,
  settings: Settings,
  mode: Mode,
): Promise<LaurelMeasured> {
  const taskQueue = `bench-laurel-${randomUUID()}`;
  const append: AppendTally = { ms: [], statements: [] };
  // Signed as the API signs: the signature and its check are part of what an action costs.
  const signer = new ActionSigner(randomBytes(32));
  const signing = new Client({
    connection: client.connection,
    namespace: client.options.namespace,
    interceptors: { workflow: [actionSigningInterceptor(signer)] },
  });
  const running = await createNominationWorker({
    config: loadConfig({ TEMPORAL_NAMESPACE: probes.namespace, TEMPORAL_TASK_QUEUE: taskQueue }),
    stores,
    connection,
    workflowBundlePath: bundles.laurelPath,
    // Plain payloads, as the bare workflow's and the benchmark client's: the ratio compares workflow code.
    payloadCodec: null,
    actionVerifier: new ActionVerifier([signer.publicKey]),
    overrides: { activities: timedActivities(stores, counter, append) },
  });
  try {
    // The lao-cai rules in force today: working-day deadlines, so no timer fires during the run.
    const policy = resolvePolicy(defaultPolicies, 'lao-cai', new Date().toISOString().slice(0, 10));
    const measured = await measure(signing, laurelTarget(taskQueue, policy), settings, mode, probes, () => {
      append.ms.splice(0);
      append.statements.splice(0);
    });
    return { ...measured, append };
  } finally {
    await running.shutdown();
  }
}

export async function runBare(
  client: Client,
  connection: NativeConnection,
  probes: Probes,
  bundles: Bundles,
  settings: Settings,
  mode: Mode,
  costs: Omit<BareWorkflowInput, 'nominationId' | 'updates'> = {},
  afterAction?: Target<typeof bareWorkflow>['afterAction'],
): Promise<Measured> {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const activities: BareActivities = { noop: async () => undefined };
  const worker = await Worker.create({
    connection,
    namespace: probes.namespace,
    taskQueue,
    workflowBundle: { code: bundles.bareCode },
    activities,
  });
  const done = worker.run();
  try {
    return await measure(client, bareTarget(taskQueue, costs, afterAction), settings, mode, probes);
  } finally {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await done;
  }
}

/** Counts that do not move with the machine's load. */
export function counts(measured: Measured) {
  const updates = measured.run.updatesInWindow;
  const tasks = measured.historyEvents['workflowTaskCompleted'] ?? 0;
  return {
    historyEventsPerNomination: measured.historyEvents['total'] ?? 0,
    workflowTasksPerUpdate: round(tasks / UPDATES_PER_NOMINATION, 2),
    ...(measured.rpcs ? { temporalRpcsPerAction: round(measured.rpcs.total / Math.max(1, updates), 2) } : {}),
  };
}

export function figures(measured: Measured) {
  const all = summarise(measured.run.latencies.map((l) => l.ms));
  return {
    nominationsPerMin: round(measured.nominationsPerMin),
    updateP50Ms: all.p50Ms,
    updateP95Ms: all.p95Ms,
    updateP99Ms: all.p99Ms,
    ...counts(measured),
  };
}

export function laurelFiguresOf(measured: LaurelMeasured) {
  const statements = measured.append.statements;
  return {
    ...figures(measured),
    sqlStatementsPerAppend: round(statements.reduce((a, b) => a + b, 0) / Math.max(1, statements.length), 2),
  };
}

export function details(measured: Measured) {
  const all = summarise(measured.run.latencies.map((l) => l.ms));
  return {
    windowSeconds: round(measured.run.wallMs / 1000, 2),
    updates: all.count,
    nominationsCompleted: measured.run.completedIds.length,
    updateMeanMs: all.meanMs,
    updateMaxMs: all.maxMs,
    byKind: summariseByKind(measured.run.latencies),
    historyEventsPerNomination: measured.historyEvents,
    ...(measured.rpcs ? { temporalRpcsByOperation: measured.rpcs.byOperation } : {}),
  };
}

/** One event as an action records it: an actor, Vietnamese text, causation. */
function callerEvent(id: string, version: number): EventToAppend {
  return {
    id: `benchcaller-${id}:${version}`,
    type: 'BlockVoteCast',
    data: { nominationId: id, unitId: VOTER_UNITS[0]!, choice: 'approve', unitName: 'Văn phòng Tỉnh ủy' },
    metadata: { actor: { userId: 'bench', role: 'block_member' }, correlationId: id, schemaVersion: 1 },
  };
}

/**
 * Where Laurel's extra time per update goes: the bare workflow with one of its
 * ingredients added back at a time, and Laurel on PGlite instead of PostgreSQL.
 */
export async function runProfile(
  client: Client,
  connection: NativeConnection,
  probes: Probes,
  bundles: Bundles,
  settings: Settings,
  benchStores: Stores,
) {
  const mode: Mode = { kind: 'back-to-back' };
  let variants = 0;
  const variant = async (
    costs: Omit<BareWorkflowInput, 'nominationId' | 'updates'>,
    afterAction?: Target<typeof bareWorkflow>['afterAction'],
  ) => {
    // Each variant its own workflow ids: the server still holds the last one's.
    const own = { ...settings, runId: `${settings.runId}x${variants++}` };
    const measured = await runBare(client, connection, probes, bundles, own, mode, costs, afterAction);
    return { ...figures(measured), ...details(measured) };
  };
  // The other design: the workflow decides and answers at once, and its caller appends what
  // the update returned before answering (one event per action, on the same event store).
  const bareAppendedByCaller = await variant({}, async (id, result) => {
    const version = (result as ActionResult).version;
    await benchStores.events.append(`benchcaller-${id}`, [callerEvent(id, version)], version - 1);
  });
  const bareLocalActivity = await variant({ localActivity: true });
  const bareActivity = await variant({ activity: true });
  const bareSearchAttributeUpsert = await variant({ upsertSearchAttributes: true });
  const bareDeadlineTimer = await variant({ deadlineTimer: true });
  const bareAllThree = await variant({ localActivity: true, upsertSearchAttributes: true, deadlineTimer: true });
  const sql = await PgliteSqlClient.open('memory://');
  const counter = new StatementCounter(sql);
  const stores = await openStores(loadConfig({ DATABASE_SCHEMA: 'bench_profile' }), counter);
  try {
    const own = { ...settings, runId: `${settings.runId}xl` };
    const laurel = await runLaurel(client, connection, probes, stores, counter, bundles, own, mode);
    return {
      bareLocalActivity,
      bareAppendedByCaller,
      bareActivity,
      bareSearchAttributeUpsertEveryUpdate: bareSearchAttributeUpsert,
      bareDeadlineTimer,
      bareLocalActivityUpsertAndTimer: bareAllThree,
      laurelOnPglite: { ...laurelFiguresOf(laurel), ...details(laurel), appendInWorker: summarise(laurel.append.ms) },
    };
  } finally {
    await stores.close();
    await sql.close();
  }
}
