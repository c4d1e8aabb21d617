import { loadConfig } from '@laurel/infra/config/config';
import { privateFileCreation } from '@laurel/infra/runtime/data-folder';
import { openStores } from '@laurel/infra/runtime/stores';
import { payloadCodecFor } from '@laurel/infra/temporal/payload-codec';
import { createNominationWorker } from './nomination-worker';
import { installWorkerRuntime } from './worker-runtime';

/**
 * The Temporal worker as its own process (PostgreSQL or KurrentDB setups).
 * SIGTERM/SIGINT stop polling and let in-flight tasks finish before exit, so a
 * redeploy never abandons an append half-way (and a retry would be a no-op anyway).
 */
async function main(): Promise<void> {
  privateFileCreation();
  const config = loadConfig(process.env);
  installWorkerRuntime(config);
  const stores = await openStores(config);
  const payloadCodec = await payloadCodecFor(config);
  const running = await createNominationWorker({
    config,
    stores,
    payloadCodec,
    workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
  });
  const stop = () => void running.shutdown();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(
    JSON.stringify({
      msg: 'worker started',
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      namespace: config.TEMPORAL_NAMESPACE,
      temporal: config.TEMPORAL_ADDRESS,
      // Every API and worker process must log the same id, or their payloads cannot be read across.
      payloadKey: { id: payloadCodec.keyId, from: payloadCodec.keySource },
      eventStore: stores.eventStoreKind,
    }),
  );
  await running.done;
  await stores.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
