import { loadConfig } from '@laurel/infra/config/config';
import { privateFileCreation } from '@laurel/infra/runtime/data-folder';
import { openStores } from '@laurel/infra/runtime/stores';
import { payloadCodecFor } from '@laurel/infra/temporal/payload-codec';
import { startApiServer, stopOnSignals } from '../../api/src/api-server';
import { createNominationWorker } from '../../worker/src/nomination-worker';
import { installWorkerRuntime } from '../../worker/src/worker-runtime';

/**
 * API, worker and projection runner in one process. PGlite is one process's
 * database, so the embedded default (`make up`) runs everything here over one
 * set of stores; with PostgreSQL or KurrentDB the apps run apart and scale
 * independently (apps/api/src/main.ts, apps/worker/src/main.ts). This is the
 * only app that composes two others: the API and the worker know nothing of
 * each other.
 */
async function main(): Promise<void> {
  privateFileCreation();
  const config = loadConfig(process.env);
  installWorkerRuntime(config);
  const stores = await openStores(config);
  const payloadCodec = await payloadCodecFor(config);
  const worker = await createNominationWorker({
    config,
    stores,
    payloadCodec,
    workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
  });
  const api = await startApiServer(config, stores, payloadCodec);
  worker.done.catch((error: unknown) => {
    console.error(JSON.stringify({ level: 'fatal', msg: 'worker stopped', error: String(error) }));
    process.kill(process.pid, 'SIGTERM');
  });
  // Requests first, then in-flight workflow tasks, then the database they both use.
  stopOnSignals(async () => {
    await api.stop();
    await worker.shutdown();
    await stores.close();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
