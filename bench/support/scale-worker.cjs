// The nomination worker alone in a process of its own, for bench/scale.bench.ts,
// run from the build in dist/ as `make up` runs it (no TypeScript compiler in the
// process): its RSS is then the worker's, not the benchmark client's or a
// transpiler's. Configured by the parent through the environment; answers
// `{ type: 'memory' }` with its memory (after a full GC, so the figure is what it
// holds, not what it has yet to collect) and shuts down cleanly on SIGTERM. The
// heap figure is the main thread's: the cached workflows live in the workflow
// thread's own V8 isolate, seen in RSS only.
'use strict';
const { Buffer } = require('node:buffer');
const { join } = require('node:path');

const DIST = join(__dirname, '..', '..', 'dist');
const { DefaultLogger, NativeConnection, Runtime } = require('@temporalio/worker');
const { loadConfig } = require(join(DIST, 'infra/config/config'));
const { openStores } = require(join(DIST, 'infra/runtime/stores'));
const { createNominationWorker } = require(join(DIST, 'apps/worker/src/nomination-worker'));
const { ActionVerifier } = require(join(DIST, 'infra/audit/action-proof'));

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`scale worker: ${name} is not set`);
  return value;
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const send = (message) => process.send?.(message);
  const connection = await NativeConnection.connect({ address: required('TEMPORAL_ADDRESS') });
  const stores = await openStores(
    loadConfig({ DATABASE_URL: required('DATABASE_URL'), DATABASE_SCHEMA: required('DATABASE_SCHEMA') }),
  );
  const running = await createNominationWorker({
    config: loadConfig({
      TEMPORAL_NAMESPACE: required('TEMPORAL_NAMESPACE'),
      TEMPORAL_TASK_QUEUE: required('TEMPORAL_TASK_QUEUE'),
      // Unset: the worker's default, as in production.
      WORKER_MAX_CACHED_WORKFLOWS: process.env['WORKER_MAX_CACHED_WORKFLOWS'],
    }),
    stores,
    connection,
    workflowBundlePath: required('SCALE_WORKFLOW_BUNDLE'),
    payloadCodec: null,
    actionVerifier: new ActionVerifier([Buffer.from(required('SCALE_ACTION_PUBLIC_KEY'), 'hex')]),
  });
  process.on('message', (message) => {
    if (message?.type !== 'memory') return;
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', rssMb: Math.round(rss / 2 ** 20), heapUsedMb: Math.round(heapUsed / 2 ** 20) });
  });
  process.once('SIGTERM', () => {
    void (async () => {
      await running.shutdown();
      await stores.close();
      await connection.close();
      process.exit(0);
    })();
  });
  send({ type: 'ready', maxCachedWorkflows: running.worker.options.maxCachedWorkflows });
  await running.done;
}

main().catch((error) => {
  console.error('scale worker failed:', error);
  process.exit(1);
});
