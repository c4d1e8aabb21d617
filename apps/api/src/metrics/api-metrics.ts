import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The API's instruments, on a registry of its own (not prom-client's global
 * one), so that several apps in one process — tests, the all-in-one entry —
 * never register a metric twice.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'laurel_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly actions = new Counter({
    name: 'laurel_actions_total',
    help: 'Nomination actions by command type and result (accepted, or the refusal code)',
    labelNames: ['action', 'result'] as const,
    registers: [this.registry],
  });

  readonly projectionLag = new Histogram({
    name: 'laurel_projection_lag_seconds',
    help: 'Time from an event being recorded to a projection applying it',
    labelNames: ['projection'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }
}
