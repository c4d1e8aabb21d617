import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PayloadCodec } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { temporalConnectionSettings } from '@laurel/infra/temporal/connection';
import { createNominationActivities } from '@laurel/infra/temporal/nomination-activities';
import { dataConverterWith, payloadCodecFor } from '@laurel/infra/temporal/payload-codec';
import { ActionProofCodec, actionVerifierFor } from '@laurel/infra/temporal/action-signing';
import type { ActionVerifier } from '@laurel/infra/audit/action-proof';
import type { Stores } from '@laurel/infra/runtime/stores';

export interface NominationWorkerOptions {
  readonly config: LaurelConfig;
  readonly stores: Stores;
  /**
   * A prebuilt bundle. Without it, a worker run from dist/ loads the one `make build` wrote
   * beside it, so start-up never runs webpack; one run from source bundles workflows/ at
   * start, so tests never pick up a stale build by accident.
   */
  readonly workflowBundlePath?: string;
  readonly connection?: NativeConnection;
  /**
   * Encrypts the payloads the worker writes (secret ballots must not be plain in the history).
   * Unset: the configured one (`payloadCodecFor`). `null`: plain JSON, for tests whose clients
   * and recorded histories are plain.
   */
  readonly payloadCodec?: PayloadCodec | null;
  /** The public keys whose signed actions the workflows take; unset: the configured ones (`actionVerifierFor`). */
  readonly actionVerifier?: ActionVerifier;
  readonly overrides?: Partial<WorkerOptions>;
}

export interface RunningWorker {
  readonly worker: Worker;
  /** Resolves when the worker has stopped (after `shutdown()` or a fatal error). */
  readonly done: Promise<void>;
  /** Stops polling, lets in-flight tasks finish, then closes the connection it opened. */
  shutdown(): Promise<void>;
}

/**
 * Run from the build (dist/apps/worker/src), the bundle `make build` wrote at
 * dist/workflow-bundle.js; from source there is none, and the worker bundles at start.
 */
function builtBundle(): string | undefined {
  const built = join(__dirname, '..', '..', '..', 'workflow-bundle.js');
  return existsSync(built) ? built : undefined;
}

export async function createNominationWorker(options: NominationWorkerOptions): Promise<RunningWorker> {
  const { config, stores } = options;
  const ownConnection = !options.connection;
  const connection = options.connection ?? (await NativeConnection.connect(await temporalConnectionSettings(config)));
  const bundlePath = options.workflowBundlePath ?? builtBundle();
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> = bundlePath
    ? { workflowBundle: { codePath: bundlePath } }
    : {
        workflowsPath: require.resolve('@laurel/workflows'),
        // Loaded lazily: the production path (a prebuilt bundle) never needs webpack.
        bundlerOptions: {
          webpackConfigHook: (await import('./workflow-webpack')).workflowWebpackConfigHook,
        },
      };
  const payloadCodec = options.payloadCodec === undefined ? await payloadCodecFor(config) : options.payloadCodec;
  const proofCodec = new ActionProofCodec(options.actionVerifier ?? (await actionVerifierFor(config)));
  const worker = await Worker.create({
    connection,
    // Codecs decode in reverse order: decrypted first, then the actions' signatures checked.
    dataConverter: { payloadCodecs: [proofCodec, ...(dataConverterWith(payloadCodec).payloadCodecs ?? [])] },
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createNominationActivities({ store: stores.events, outbox: stores.outbox }),
    ...workflowSource,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    ...options.overrides,
  });
  const done = worker.run().finally(async () => {
    if (ownConnection) await connection.close();
  });
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
