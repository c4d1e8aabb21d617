import pino from 'pino';
import { Runtime, type LogLevel, type LogMetadata, type Logger } from '@temporalio/worker';
import type { LaurelConfig } from '@laurel/infra/config/config';

/**
 * Installs the Temporal runtime once per process: SDK and workflow logs go to
 * pino as JSON (workflow logs carry workflowId, runId and the workflow type),
 * and the SDK's own metrics (task latencies, slots, sticky cache, activity
 * failures) are served for Prometheus when WORKER_METRICS_PORT is set.
 */
export function installWorkerRuntime(config: LaurelConfig): void {
  const logger = pino({ level: config.LOG_LEVEL === 'silent' ? 'silent' : config.LOG_LEVEL, base: { app: 'worker' } });
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields = meta ?? {};
    switch (level) {
      case 'TRACE':
        logger.trace(fields, message);
        break;
      case 'DEBUG':
        logger.debug(fields, message);
        break;
      case 'INFO':
        logger.info(fields, message);
        break;
      case 'WARN':
        logger.warn(fields, message);
        break;
      case 'ERROR':
        logger.error(fields, message);
        break;
    }
  };
  const temporalLogger: Logger = {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
  Runtime.install({
    logger: temporalLogger,
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} },
      ...(config.WORKER_METRICS_PORT
        ? { metrics: { prometheus: { bindAddress: `${config.WORKER_METRICS_HOST}:${config.WORKER_METRICS_PORT}` } } }
        : {}),
    },
  });
}
