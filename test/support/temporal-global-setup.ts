// Jest global setup for the `workflow` and `e2e` projects: ONE Temporal dev server
// for the whole run (starting one per test file costs seconds each).
// Runs outside the test module registry, so only relative imports work here.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCliPath } from '../../scripts/temporal-paths';
import { nominationSearchAttributeKeys } from '../../workflows/nomination/search-attributes';
import { TEMPORAL_TEST_ADDRESS, globalTemporalEnv } from './temporal-global-state';

export default async function temporalGlobalSetup(): Promise<void> {
  // A server started elsewhere (e.g. `make temporal-up`) is reused as is.
  if (process.env[TEMPORAL_TEST_ADDRESS]) return;

  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip: '127.0.0.1',
      // No port: the SDK picks a free one, so parallel runs on one machine do not clash.
      // No dbFilename: in memory, nothing to clean up. No UI: headless.
      searchAttributes: [...nominationSearchAttributeKeys],
      // Server warnings at start-up are about the throwaway in-memory cluster.
      log: { format: 'text', level: 'error' },
    },
  });
  globalTemporalEnv.set(env);
  // Set in the parent process before workers fork, so every test file sees it.
  process.env[TEMPORAL_TEST_ADDRESS] = env.address;
}
