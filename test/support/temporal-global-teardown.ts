import { TEMPORAL_TEST_ADDRESS, globalTemporalEnv } from './temporal-global-state';

export default async function temporalGlobalTeardown(): Promise<void> {
  const env = globalTemporalEnv.take();
  if (!env) return;
  delete process.env[TEMPORAL_TEST_ADDRESS];
  await env.teardown();
}
