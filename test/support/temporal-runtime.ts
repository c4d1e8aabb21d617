import { DefaultLogger, IllegalStateError, Runtime } from '@temporalio/worker';

// The SDK logs every workflow bundle's webpack report at INFO, which buries the
// test report; warnings and errors still come through. Imported for its effect
// by the helpers that create workers or environments, before any Runtime exists.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch (error) {
  // Already created in this module registry: keep whatever it has.
  if (!(error instanceof IllegalStateError)) throw error;
}
