import { StreamCheckpointer } from '@laurel/infra/audit/checkpoints';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { ProjectionRunner } from '@laurel/infra/projections';
import type { Stores } from '@laurel/infra/runtime/stores';
import { actionSignerFor } from '@laurel/infra/temporal/action-signing';
import type { ApiMetrics } from '../metrics/api-metrics';
import type { ReadModels } from './read-models';
import { RunnerReadModels } from './runner-read-models';

export interface RunningReadModels {
  readonly runner: ProjectionRunner;
  readonly readModels: ReadModels;
  stop(): Promise<void>;
}

/**
 * Starts the projection runner over the app's stores, its lag feeding the
 * API's histogram, and the stream checkpointer (the API holds the signing
 * key it needs), and returns the read side the API queries.
 */
export async function startReadModels(
  config: LaurelConfig,
  stores: Stores,
  metrics: ApiMetrics,
  onError: (error: unknown) => void = () => undefined,
): Promise<RunningReadModels> {
  const runner = await ProjectionRunner.create({
    store: stores.events,
    sql: stores.sql,
    schema: config.DATABASE_SCHEMA,
    onApplied: (_event, lagMs) => metrics.projectionLag.observe({ projection: 'read_models' }, lagMs / 1000),
    onError,
  });
  await runner.start();
  const checkpointer = new StreamCheckpointer({
    events: stores.events,
    checkpoints: stores.checkpoints,
    signer: await actionSignerFor(config),
    onError,
  });
  await checkpointer.start();
  return {
    runner,
    readModels: new RunnerReadModels(runner),
    stop: async () => {
      await checkpointer.stop();
      await runner.stop();
    },
  };
}
