import type { Position, RecordedEvent } from '../event-store/port';
import type { SqlClient } from '../event-store/sql/sql-client';
import type { EventStore } from '../event-store/port';
import type { NominationListOptions } from './nomination-list/nomination-list';
import type { TaskRules } from './task-inbox/tasks';

// The projection runner's options, results and errors (infra/projections/runner.ts).

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  /** The SQL database of the read models (the event store's own, unless events live in KurrentDB). */
  readonly sql: SqlClient;
  /** Schema of the read-model tables. Default `laurel`. */
  readonly schema?: string;
  /** Checkpoint row name. Default `read_models`. */
  readonly name?: string;
  /** Most events applied in one transaction. Default 500. */
  readonly maxBatch?: number;
  readonly rules?: TaskRules;
  readonly list?: NominationListOptions;
  /**
   * Called after each event's transaction commits, with the time from the
   * store recording it to the read models showing it (for a lag histogram).
   * Not called while rebuilding: replayed events would only skew it.
   */
  readonly onApplied?: (event: RecordedEvent, lagMs: number) => void;
  /** A failed batch or subscription; the runner retries from its checkpoint. */
  readonly onError?: (error: unknown) => void;
  /** First retry delay after a failure, doubled per consecutive failure up to 30 s. Default 500 ms. */
  readonly retryDelayMs?: number;
  /** Counts nomination events up to a position, for rebuild progress. Default: SQL over the store's table. */
  readonly countEvents?: (upTo: Position) => Promise<number | undefined>;
}

export interface RebuildProgress {
  /** Events read so far. */
  readonly done: number;
  /** Events to replay, when the store can count them (it may grow while the rebuild runs). */
  readonly total: number | undefined;
  readonly position: Position;
}

export interface RebuildResult {
  readonly events: number;
  readonly nominations: number;
  readonly tasks: number;
  readonly durationMs: number;
  readonly position: Position;
}

export interface RunnerStats {
  readonly status: 'stopped' | 'running' | 'rebuilding';
  readonly position: string;
  readonly appliedEvents: number;
  readonly batches: number;
  readonly lastBatchSize: number;
  readonly lastLagMs: number | undefined;
  readonly restarts: number;
  readonly lastError: string | undefined;
}

/** Another process rebuilt the read models: this runner's position means nothing any more. */
export class ProjectionEpochChangedError extends Error {
  constructor(
    readonly expected: number,
    readonly found: number,
  ) {
    super(`the read models were rebuilt elsewhere (epoch ${found}, this runner had ${expected}); restarting`);
    this.name = 'ProjectionEpochChangedError';
  }
}
