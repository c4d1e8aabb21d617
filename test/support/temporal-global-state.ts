import type { TestWorkflowEnvironment } from '@temporalio/testing';

/** Environment variable that carries the shared dev server's address to test files. */
export const TEMPORAL_TEST_ADDRESS = 'TEMPORAL_TEST_ADDRESS';

// Global setup and teardown run in the same Jest process but get separate module
// instances, so the handle to the server travels on globalThis.
const slot = Symbol.for('laurel.test.temporal-global-env');
type Holder = { [slot]?: TestWorkflowEnvironment };

export const globalTemporalEnv = {
  set(env: TestWorkflowEnvironment): void {
    (globalThis as Holder)[slot] = env;
  },
  take(): TestWorkflowEnvironment | undefined {
    const env = (globalThis as Holder)[slot];
    delete (globalThis as Holder)[slot];
    return env;
  },
};
