// The nomination worker alone in a process of its own, for bench/scale.bench.ts:
// its RSS is then the worker's, not the benchmark client's. Configured by the
// parent through the environment; answers `{ type: 'memory' }` with its memory
// (after a full GC, so the figure is what it holds, not what it has yet to collect)
// and shuts down cleanly on SIGTERM. The heap figure is the main thread's: the
// cached workflows live in the workflow thread's own V8 isolate, seen in RSS only.
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '@laurel/infra/config/config';
import { openStores } from '@laurel/infra/runtime/stores';
import { createNominationWorker } from '../../apps/worker/src/nomination-worker';
import { ActionVerifier } from '../../infra/audit/action-proof';
import { quietTemporalLogs } from './environment';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`scale worker: ${name} is not set`);
  return value;
}

export type ScaleWorkerMessage =
  | { readonly type: 'ready'; readonly maxCachedWorkflows: number }
  | { readonly type: 'memory'; readonly rssMb: number; readonly heapUsedMb: number };

async function main(): Promise<void> {
  quietTemporalLogs();
  const send = (message: ScaleWorkerMessage) => process.send?.(message);
  const connection = await NativeConnection.connect({ address: required('TEMPORAL_ADDRESS') });
  const stores = await openStores(
    loadConfig({ DATABASE_URL: required('DATABASE_URL'), DATABASE_SCHEMA: required('DATABASE_SCHEMA') }),
  );
  const running = await createNominationWorker({
    config: loadConfig({
      TEMPORAL_NAMESPACE: required('TEMPORAL_NAMESPACE'),
      TEMPORAL_TASK_QUEUE: required('TEMPORAL_TASK_QUEUE'),
    }),
    stores,
    connection,
    workflowBundlePath: required('SCALE_WORKFLOW_BUNDLE'),
    payloadCodec: null,
    actionVerifier: new ActionVerifier([Buffer.from(required('SCALE_ACTION_PUBLIC_KEY'), 'hex')]),
  });
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
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

main().catch((error: unknown) => {
  console.error('scale worker failed:', error);
  process.exit(1);
});
