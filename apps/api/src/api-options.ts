/** Settings of the API beyond the environment config: where workflows run and how long to wait. */
export interface ApiOptions {
  /** Task queue of the nomination workflow (TEMPORAL_TASK_QUEUE). */
  readonly taskQueue: string;
  /** Longest wait for one action (an Update) before answering 503; the action may still complete. */
  readonly actionTimeoutMs: number;
  /** Longest wait for a workflow query (state, existence). */
  readonly queryTimeoutMs: number;
  /** How long a read carrying a position waits for the projections (READ_YOUR_WRITES_TIMEOUT_MS). */
  readonly readYourWritesTimeoutMs: number;
}
