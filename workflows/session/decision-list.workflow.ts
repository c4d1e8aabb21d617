import { ApplicationFailure, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import {
  decideDecisionList,
  evolveDecisionList,
  initialDecisionListState,
  type DecisionListState,
} from '@laurel/domain';
import { NonRetryableActivityErrors, type NominationActivities } from '../nomination/activities';
import type { ItemOutcome, SessionActivities } from './activities';
import {
  decisionListQuery,
  decisionListStreamName,
  type DecisionItemProgress,
  type DecisionListView,
  type DecisionListWorkflowInput,
} from './messages';

const retry: RetryPolicy = {
  initialInterval: '200ms',
  backoffCoefficient: 2,
  maximumInterval: '10s',
  nonRetryableErrorTypes: [...NonRetryableActivityErrors],
};

const { appendEvents } = proxyActivities<NominationActivities>({ startToCloseTimeout: '10s', retry });
const { issueItemDecision } = proxyActivities<SessionActivities>({ startToCloseTimeout: '20s', retry });

const PARALLEL_ITEMS = 8;

/**
 * One decision over a list: the list is stored first (its number, date,
 * signer and items), then each item's DecisionIssued is given through that
 * nomination's own workflow, with an update id from the list. A worker lost
 * half-way resumes from the history; the items already decided answer with
 * their first result. One item refused does not stop the others.
 */
export async function decisionListWorkflow(input: DecisionListWorkflowInput): Promise<{
  readonly done: number;
  readonly failed: number;
}> {
  const { decisionListId } = input.issue;
  const streamName = decisionListStreamName(decisionListId);
  let state: DecisionListState = initialDecisionListState;
  let version = 0;
  const results = new Map<string, ItemOutcome>();

  const view = (): DecisionListView => {
    const items: DecisionItemProgress[] = input.issue.items.map((item) => {
      const r = results.get(item.nominationId);
      return {
        nominationId: item.nominationId,
        status: r ? (r.ok ? 'done' : 'failed') : 'pending',
        ...(r?.error ? { error: r.error } : {}),
        ...(r?.stage ? { stage: r.stage } : {}),
        ...(r?.outcome ? { outcome: r.outcome } : {}),
      };
    });
    return {
      decisionListId,
      state,
      items,
      progress: { done: results.size, total: items.length, finished: results.size === items.length },
      version,
    };
  };
  setHandler(decisionListQuery, view);

  const decision = decideDecisionList(state, { type: 'IssueDecisionList', ...input.issue });
  if (!decision.ok) {
    throw ApplicationFailure.create({ type: decision.error.code, message: decision.error.message, nonRetryable: true });
  }
  const info = workflowInfo();
  const appended = await appendEvents({
    streamName,
    expectedVersion: 0,
    events: decision.events.map((event, index) => ({
      key: `${streamName}@${index + 1}`,
      type: event.type,
      data: event.data as never,
      metadata: {
        actor: { ...input.issue.actor },
        workflowId: info.workflowId,
        runId: info.runId,
        causationId: 'issue',
        correlationId: decisionListId,
        schemaVersion: 1,
      } as never,
    })),
  });
  for (const event of decision.events) state = evolveDecisionList(state, event);
  version = appended.nextVersion;
  if (state.stage !== 'Issued') return { done: 0, failed: 0 };
  const { list } = state;

  for (let i = 0; i < list.items.length; i += PARALLEL_ITEMS) {
    await Promise.all(
      list.items.slice(i, i + PARALLEL_ITEMS).map(async (item) => {
        const outcome = await issueItemDecision({
          nominationId: item.nominationId,
          actor: input.issue.actor,
          outcome: item.outcome,
          decisionNumber: list.decisionNumber,
          decisionDate: list.decisionDate,
          ...(item.reason !== undefined ? { reason: item.reason } : {}),
          updateId: `decision-list:${decisionListId}`,
        });
        results.set(item.nominationId, outcome);
      }),
    );
  }
  const failed = [...results.values()].filter((r) => !r.ok).length;
  return { done: results.size - failed, failed };
}
