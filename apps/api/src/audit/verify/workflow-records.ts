import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PayloadLike, WorkflowHistoryLike } from '@laurel/infra/audit/reconcile';
import { historyPayloadDecoder } from '@laurel/infra/temporal/payload-codec';
import { nominationWorkflowId, stateQuery } from '@laurel/workflows/nomination/messages';

/** What Temporal knows of one nomination's workflow run, for reconciliation. */
export interface WorkflowRecord {
  readonly workflowId: string;
  readonly runId: string;
  readonly history: WorkflowHistoryLike;
  /** Reads the history's update arguments and results (decrypted); unset: plain JSON payloads. */
  readonly decodePayload?: (payload: PayloadLike) => unknown;
  /** The `state` query answer; undefined when it could not be asked (see `stateError`). */
  readonly state: unknown;
  readonly stateError?: string;
}

/** The port the verifier reads workflows through: Temporal in the app, fabricated records in tests. */
export interface WorkflowRecords {
  /** The latest run; undefined when Temporal has no such workflow (never started, or deleted after retention). */
  read(nominationId: string): Promise<WorkflowRecord | undefined>;
}

/** A query needs a worker to replay a closed workflow; without one it would wait for the RPC's own deadline. */
const QUERY_DEADLINE_MS = 10_000;

export class TemporalWorkflowRecords implements WorkflowRecords {
  constructor(private readonly client: Client) {}

  async read(nominationId: string): Promise<WorkflowRecord | undefined> {
    const workflowId = nominationWorkflowId(nominationId);
    let runId: string;
    try {
      runId = (await this.client.workflow.getHandle(workflowId).describe()).runId;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
    // Pinned to the run described, so history and query speak of the same run.
    const handle = this.client.workflow.getHandle(workflowId, runId);
    const history = await handle.fetchHistory();
    // fetchHistory returns the payloads as stored; only the client's own calls go through its codecs.
    const decodePayload = await historyPayloadDecoder(history, this.client.options.loadedDataConverter.payloadCodecs);
    try {
      const state = await this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(stateQuery));
      return { workflowId, runId, history, decodePayload, state };
    } catch (error) {
      return {
        workflowId,
        runId,
        history,
        decodePayload,
        state: undefined,
        stateError: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
