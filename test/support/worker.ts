import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { workflowWebpackConfigHook } from '../../apps/worker/src/workflow-webpack';
import { TEMPORAL_TEST_ADDRESS } from './temporal-global-state';
import './temporal-runtime';

/** Address of the dev server started by the jest global setup (workflow and e2e projects). */
export function temporalTestAddress(): string {
  const address = process.env[TEMPORAL_TEST_ADDRESS];
  if (!address) {
    throw new Error(
      `${TEMPORAL_TEST_ADDRESS} is not set: run this file in the jest 'workflow' or 'e2e' project, ` +
        'whose global setup starts the Temporal dev server.',
    );
  }
  return address;
}

/** Connection for workers on the shared dev server. Close it in afterAll. */
export function connectToTestServer(): Promise<NativeConnection> {
  return NativeConnection.connect({ address: temporalTestAddress() });
}

/** A task queue no other test file polls, so workers never steal each other's tasks. */
export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * Worker.create with the bundler wired like production: tsconfig path aliases
 * resolved by the same webpack hook as scripts/bundle-workflows.ts.
 */
export function createTestWorker(options: Omit<WorkerOptions, 'bundlerOptions'>): Promise<Worker> {
  return Worker.create({
    ...options,
    bundlerOptions: { webpackConfigHook: workflowWebpackConfigHook },
  });
}
