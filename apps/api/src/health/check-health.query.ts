import { Query } from '@nestjs/cqrs';

export type ComponentStatus =
  | { readonly status: 'up'; readonly latencyMs: number; readonly detail?: Record<string, unknown> }
  | { readonly status: 'down'; readonly latencyMs: number; readonly error: string };

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  /** How callers authenticate: embedded tokens or the organisation's OIDC provider. */
  readonly auth: 'embedded' | 'oidc';
  readonly components: {
    readonly temporal: ComponentStatus;
    readonly eventStore: ComponentStatus;
    readonly projections: ComponentStatus;
  };
}

/** Readiness: can this instance reach Temporal and the store, and are its projections running? */
export class CheckHealthQuery extends Query<HealthReport> {}
