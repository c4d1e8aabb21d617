import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalTestServerPath } from '../../scripts/temporal-paths';
import './temporal-runtime';

/**
 * A time-skipping test server of its own for one test file. Time skipping is
 * global to the server, so files must not share one. It does not skip time while
 * a caller waits on an Update: use it for timer logic, and the shared dev server
 * (TEMPORAL_TEST_ADDRESS) for update flows.
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
}
