// Memory and scale: the nomination worker's RSS with 1,000 and 10,000 open
// nominations, and how long all of them take to make their next move after the
// worker restarts (every workflow leaves the worker's cache and is replayed
// from its history on its next task). `npm run bench:scale`:
//
//   BENCH_SCALE_OPEN       open nominations at each measurement (default 1000,10000)
//   BENCH_SCALE_CLIENTS    concurrent client calls while opening and resuming (default 20)
//   TEMPORAL_ADDRESS       reuse a server (it must know the nomination search attributes)
//   DATABASE_URL           PostgreSQL for the event store (default the local server)
//
// The worker runs in a child process (bench/support/scale-worker.cjs, run from the build in dist/ with the
// production workflow bundle and the worker's Node flags) so its RSS is its own; it is read after a full GC. An open nomination is a draft; its
// next move is its submission. Writes bench/results/scale.json.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { defaultPolicies, resolvePolicy } from '@laurel/domain';
import type { nominationWorkflow } from '@laurel/workflows';
import { draftUpdate, nominationWorkflowId, submitUpdate } from '@laurel/workflows/nomination/messages';
import { ActionSigner } from '../infra/audit/action-proof';
import { actionSigningInterceptor } from '../infra/temporal/action-signing';
import { COUNCIL_SIZE, draftArgs, people, PROPOSING_UNIT, VOTER_UNITS } from '../test/support/nomination-harness';
import { DEFAULT_BENCH_DATABASE_URL, quietTemporalLogs, startTemporal } from './support/environment';
import { round } from './support/reviewer-pool';

/** What the worker process (bench/support/scale-worker.cjs) says to the bench. */
type ScaleWorkerMessage =
  | { readonly type: 'ready'; readonly maxCachedWorkflows: number }
  | { readonly type: 'memory'; readonly rssMb: number; readonly heapUsedMb: number };

const ROOT = join(__dirname, '..');
const RESULT_FILE = join(__dirname, 'results', 'scale.json');
const TARGET_RSS_MB = 300;
const TARGET_RESUME_SECONDS = 60;

function openCounts(): number[] {
  const raw = process.env['BENCH_SCALE_OPEN']?.trim() || '1000,10000';
  const counts = raw.split(',').map((part) => Number(part.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1) || counts.some((n, i) => i > 0 && n <= counts[i - 1]!)) {
    throw new Error(`BENCH_SCALE_OPEN must be rising positive integers, got "${raw}"`);
  }
  return counts;
}

/** Runs `count` calls at most `width` at a time, logging progress now and then. */
async function pooled(count: number, width: number, label: string, call: (i: number) => Promise<unknown>) {
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        await call(i);
        done += 1;
        if (done % 1000 === 0) {
          console.log(`${label}: ${done}/${count} (${round((performance.now() - started) / 1000, 1)} s)`);
        }
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly maxCachedWorkflows: number;
  memory(): Promise<{ rssMb: number; heapUsedMb: number }>;
  stop(): Promise<void>;
}

/** The V8 flags of `npm run start:worker`, so the measured worker is tuned as a deployed one is. */
function workerNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = scripts['start:worker'];
  if (!command) throw new Error('package.json has no start:worker script');
  return command.split(/\s+/).filter((word) => /^--[a-z-]+=\S+$/.test(word));
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const child = fork(join(__dirname, 'support', 'scale-worker.cjs'), [], {
    execArgv: [...workerNodeFlags(), '-r', join(ROOT, 'scripts', 'register-dist-paths.cjs'), '--expose-gc'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = await new Promise<Extract<ScaleWorkerMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`scale worker exited (${code}) before it was ready`)));
    child.on('message', (message: ScaleWorkerMessage) => {
      if (message.type === 'ready') resolve(message);
    });
  });
  return {
    child,
    maxCachedWorkflows: ready.maxCachedWorkflows,
    memory: () => settledMemory(child),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const MEMORY_READINGS = 5;

/**
 * The worker's memory once it has settled: the median of five readings a second
 * apart, each after a full GC of the main thread. The workflow thread collects on
 * its own schedule, so a single reading swings by tens of MB between runs.
 */
async function settledMemory(child: ChildProcess): Promise<{ rssMb: number; heapUsedMb: number }> {
  const readings: { rssMb: number; heapUsedMb: number }[] = [];
  for (let i = 0; i < MEMORY_READINGS; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    readings.push(await memoryOf(child));
  }
  const middle = Math.floor(MEMORY_READINGS / 2);
  return {
    rssMb: readings.map((r) => r.rssMb).sort((a, b) => a - b)[middle]!,
    heapUsedMb: readings.map((r) => r.heapUsedMb).sort((a, b) => a - b)[middle]!,
  };
}

function memoryOf(child: ChildProcess): Promise<{ rssMb: number; heapUsedMb: number }> {
  return new Promise((resolve) => {
    const onMessage = (message: ScaleWorkerMessage) => {
      if (message.type !== 'memory') return;
      child.off('message', onMessage);
      resolve({ rssMb: message.rssMb, heapUsedMb: message.heapUsedMb });
    };
    child.on('message', onMessage);
    child.send({ type: 'memory' });
  });
}

async function main(): Promise<void> {
  quietTemporalLogs();
  const counts = openCounts();
  const width = Number(process.env['BENCH_SCALE_CLIENTS'] ?? 20);
  const commandStarted = performance.now();
  const loadBefore = loadavg().map((l) => round(l, 2));
  const temporal = await startTemporal(process.env);
  const databaseUrl = process.env['DATABASE_URL']?.trim() || DEFAULT_BENCH_DATABASE_URL;
  const schema = `bench_scale_${process.pid}`;
  const workers: WorkerProcess[] = [];
  try {
    const signer = new ActionSigner(randomBytes(32));
    const namespace = temporal.env.namespace ?? 'default';
    const taskQueue = `bench-scale-${randomUUID()}`;
    const workerEnv: NodeJS.ProcessEnv = {
      ...process.env,
      TEMPORAL_ADDRESS: temporal.env.address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      SCALE_WORKFLOW_BUNDLE: join(ROOT, 'dist', 'workflow-bundle.js'),
      SCALE_ACTION_PUBLIC_KEY: signer.publicKey.toString('hex'),
    };
    const client = new Client({
      connection: temporal.env.client.connection,
      namespace,
      interceptors: { workflow: [actionSigningInterceptor(signer)] },
    });
    const policy = resolvePolicy(defaultPolicies, 'lao-cai', new Date().toISOString().slice(0, 10));
    const runId = randomUUID().slice(0, 8);
    const id = (i: number) => `scale-${runId}-${i}`;
    const draft = (i: number) =>
      client.workflow.executeUpdateWithStart(draftUpdate, {
        args: [
          draftArgs({
            province: 'lao-cai',
            nominee: { kind: 'individual', name: 'Nguyễn Thị Hương', unitId: PROPOSING_UNIT, personId: `p-${i}` },
          }),
        ],
        startWorkflowOperation: new WithStartWorkflowOperation<typeof nominationWorkflow>('nominationWorkflow', {
          workflowId: nominationWorkflowId(id(i)),
          taskQueue,
          args: [{ nominationId: id(i), policy }],
          workflowIdConflictPolicy: 'FAIL',
        }),
      });
    const submit = (i: number) =>
      client.workflow.getHandle(nominationWorkflowId(id(i))).executeUpdate(submitUpdate, {
        args: [
          {
            actor: people.head,
            eligibleVoterUnitIds: [PROPOSING_UNIT, ...VOTER_UNITS],
            councilMemberCount: COUNCIL_SIZE,
          },
        ],
      });

    let worker = await startWorker(workerEnv);
    workers.push(worker);
    const measurements: { open: number; rssMb: number; heapUsedMb: number; openingSeconds: number }[] = [];
    let resume: { open: number; seconds: number; rssMbAfter: number } | undefined;
    let opened = 0;
    for (const count of counts) {
      const openingSeconds = await pooled(count - opened, width, `opening to ${count}`, (i) => draft(opened + i));
      opened = count;
      const memory = await worker.memory();
      console.log(`${count} open: worker RSS ${memory.rssMb} MB (heap ${memory.heapUsedMb} MB)`);
      measurements.push({ open: count, ...memory, openingSeconds: round(openingSeconds, 1) });
      if (resume) continue;
      // The restart: every open workflow leaves the cache; the next move of each replays its history first.
      await worker.stop();
      worker = await startWorker(workerEnv);
      workers.push(worker);
      const seconds = await pooled(count, width, `resuming ${count}`, submit);
      const after = await worker.memory();
      resume = { open: count, seconds: round(seconds, 1), rssMbAfter: after.rssMb };
      console.log(`${count} resumed after a restart in ${resume.seconds} s (worker RSS then ${after.rssMb} MB)`);
    }
    const atFirst = measurements[0]!;
    const result = {
      open: measurements.map((m) => m.open),
      workerRssMb: measurements.map((m) => m.rssMb),
      resumeSeconds: resume?.seconds,
      targets: {
        rssAtFirstMb: {
          target: `<= ${TARGET_RSS_MB} at ${atFirst.open} open`,
          value: atFirst.rssMb,
          met: atFirst.rssMb <= TARGET_RSS_MB,
        },
        resumeSeconds: {
          target: `<= ${TARGET_RESUME_SECONDS} at ${resume?.open} open`,
          value: resume?.seconds,
          met: resume !== undefined && resume.seconds <= TARGET_RESUME_SECONDS,
        },
      },
      details: {
        measurements,
        resume,
        nextMove: 'submission of a draft nomination (an update), after the worker process was restarted',
        openNomination: 'a draft: one update-with-start, one append',
        workerHeapUsedMb: measurements.map((m) => m.heapUsedMb),
        maxCachedWorkflows: worker.maxCachedWorkflows,
        workerNodeFlags: workerNodeFlags(),
        concurrentClientCalls: width,
        rssReadAfter: `the median of ${MEMORY_READINGS} readings a second apart, each after a full GC of the worker's main thread`,
        temporalServer:
          temporal.server === 'dev-server' ? 'temporal server start-dev (in-memory SQLite)' : temporal.server,
        eventStore: 'postgres',
      },
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg().map((l) => round(l, 2)),
      },
      totalSeconds: round((performance.now() - commandStarted) / 1000, 1),
      measuredAt: new Date().toISOString(),
    };
    await writeFile(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    console.log(`written to ${RESULT_FILE}`);
  } finally {
    for (const worker of workers) if (worker.child.exitCode === null) await worker.stop();
    await temporal.env.teardown();
    // The worker's stores made the schema; it goes with the run.
    const { Client: PgClient } = await import('pg');
    const pg = new PgClient({ connectionString: databaseUrl });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => pg.end());
  }
}

main().catch((error: unknown) => {
  console.error('scale bench failed:', error);
  process.exitCode = 1;
});
