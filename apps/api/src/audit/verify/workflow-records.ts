import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { EarlierRun, PayloadLike, WorkflowHistoryLike } from '@laurel/infra/audit/reconcile';
import { historyPayloadDecoder } from '@laurel/infra/temporal/payload-codec';
import { nominationWorkflowId, stateQuery, type NominationWorkflowInput } from '@laurel/workflows/nomination/messages';

/** What Temporal knows of one nomination's workflow run, for reconciliation. */
export interface WorkflowRecord {
  readonly workflowId: string;
  readonly runId: string;
  readonly history: WorkflowHistoryLike;
  /** Reads the history's update arguments and results (decrypted); unset: plain JSON payloads. */
  readonly decodePayload?: (payload: PayloadLike) => unknown;
  /** The runs before this one, oldest first, when the closed nomination was reopened (a revocation). */
  readonly earlierRuns?: readonly EarlierRun[];
  /** The `state` query answer; undefined when it could not be asked (see `stateError`). */
  readonly state: unknown;
  readonly stateError?: string;
}

/** The port the verifier reads workflows through: Temporal in the app, fabricated records in tests. */
export interface WorkflowRecords {
  /** The latest run; undefined when Temporal has no such workflow (never started, or deleted after retention). */
  read(nominationId: string): Promise<WorkflowRecord | undefined>;
}

/**
 * More runs than a nomination could have (a revocation adds one, and so does
 * each document recorded after the close): a longer chain is read no further.
 */
const MAX_RUNS = 64;

/** The run a reopened run names as its predecessor, read from its start input. */
function reopenedFrom(history: WorkflowHistoryLike, decode: (p: PayloadLike) => unknown) {
  const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const decoded = input ? (decode(input) as Partial<NominationWorkflowInput> | undefined) : undefined;
  const runId = decoded?.reopenedFrom?.runId;
  return typeof runId === 'string' ? runId : undefined;
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
    const earlierRuns = await this.earlierRuns(workflowId, reopenedFrom(history, decodePayload));
    try {
      const state = await this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(stateQuery));
      return { workflowId, runId, history, decodePayload, earlierRuns, state };
    } catch (error) {
      return {
        workflowId,
        runId,
        history,
        decodePayload,
        earlierRuns,
        state: undefined,
        stateError: error instanceof Error ? error.message : String(error),
      };
    }
  }

  /** Walks back from a reopened run through the runs it names, oldest first in the answer. */
  private async earlierRuns(workflowId: string, previous: string | undefined): Promise<EarlierRun[]> {
    const runs: EarlierRun[] = [];
    for (let runId = previous; runId !== undefined && runs.length < MAX_RUNS;) {
      const history = await this.client.workflow.getHandle(workflowId, runId).fetchHistory();
      const decodePayload = await historyPayloadDecoder(history, this.client.options.loadedDataConverter.payloadCodecs);
      runs.unshift({ runId, history, decodePayload });
      runId = reopenedFrom(history, decodePayload);
    }
    return runs;
  }
}
