import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { openDirectory } from '@laurel/infra/directory';
import type { Stores } from '@laurel/infra/runtime/stores';
import { temporalConnectionSettings } from '@laurel/infra/temporal/connection';
import { dataConverterWith, type ConfiguredPayloadCodec } from '@laurel/infra/temporal/payload-codec';
import { actionSignerFor, actionSigningInterceptor } from '@laurel/infra/temporal/action-signing';
import { createSessionWorker } from '../../worker/src/session-worker';
import type { RunningWorker } from '../../worker/src/nomination-worker';
import { createApiApp } from './create-api-app';
import { ApiMetrics } from './metrics/api-metrics';
import { startReadModels } from './projections/start-read-models';

export interface ApiServer {
  readonly app: INestApplication;
  /** Stops taking requests, then the projection runner, then the Temporal connection (not the stores). */
  stop(): Promise<void>;
}

/**
 * The API over given stores: directory, projection runner feeding the read
 * models, a lazy Temporal client (the API starts, and /health says 503, while
 * Temporal is still coming up), and the Nest app listening on API_PORT.
 * Shared by the standalone API process and the all-in-one process.
 */
export async function startApiServer(
  config: LaurelConfig,
  stores: Stores,
  payloadCodec: ConfiguredPayloadCodec,
): Promise<ApiServer> {
  const { directory, source } = await openDirectory(config);
  const metrics = new ApiMetrics();
  const readModels = await startReadModels(config, stores, metrics, (error) =>
    console.error(JSON.stringify({ level: 'error', msg: 'projection runner failed; retrying', error: String(error) })),
  );
  const signer = await actionSignerFor(config);
  const connection = Connection.lazy(await temporalConnectionSettings(config));
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterWith(payloadCodec),
    // Every update this client sends carries the API's signed statement of who asked.
    interceptors: { workflow: [actionSigningInterceptor(signer)] },
  });
  const app = await createApiApp({ config, stores, temporal, directory, readModels: readModels.readModels, metrics });
  await app.listen(config.API_PORT, config.API_HOST);
  // The batches (block sessions) run beside the API's signing client; retried while Temporal comes up.
  let sessionWorker: RunningWorker | undefined;
  let stopped = false;
  const startSessions = async (): Promise<void> => {
    try {
      sessionWorker = await createSessionWorker({
        config,
        stores,
        client: temporal,
        payloadCodec,
        ...(config.WORKFLOW_BUNDLE_PATH ? { workflowBundlePath: config.WORKFLOW_BUNDLE_PATH } : {}),
      });
      if (stopped) await sessionWorker.shutdown();
    } catch (error) {
      console.error(
        JSON.stringify({ level: 'warn', msg: 'session worker not started; retrying', error: String(error) }),
      );
      if (!stopped) setTimeout(() => void startSessions(), 5_000).unref();
    }
  };
  void startSessions();
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'api started',
      port: config.API_PORT,
      eventStore: stores.eventStoreKind,
      temporal: config.TEMPORAL_ADDRESS,
      // Every API and worker process must log the same id, or their payloads cannot be read across.
      payloadKey: { id: payloadCodec.keyId, from: payloadCodec.keySource },
      // Workers must accept this key (ACTION_VERIFY_KEYS holds its public key).
      actionKey: { id: signer.keyId, publicKey: signer.publicKey.toString('base64'), from: signer.keySource },
      directory: source,
      auth: config.AUTH_JWKS_URL ? 'oidc' : 'embedded',
    }),
  );
  return {
    app,
    async stop() {
      stopped = true;
      await sessionWorker?.shutdown();
      await app.close();
      await readModels.stop();
      await connection.close();
    },
  };
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits; a failing stop exits non-zero. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
