import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import {
  decideBlockSession,
  evolveBlockSession,
  initialBlockSessionState,
  type Actor,
  type BlockSessionCommand,
  type BlockSessionEvent,
  type BlockSessionItemResult,
  type BlockSessionState,
  type DomainError,
} from '@laurel/domain';
import { NonRetryableActivityErrors, type NominationActivities } from '../nomination/activities';
import { ActionProofErrorCode, type ActionProof } from '../nomination/messages';
import type { ItemOutcome, SessionActivities } from './activities';
import {
  blockSessionQuery,
  sessionStageQuery,
  blockSessionStreamName,
  castBallotUpdate,
  closeBlockSessionUpdate,
  type BlockSessionView,
  type BlockSessionWorkflowInput,
  type ItemProgress,
  type SessionActionArgs,
  type SessionActionResult,
} from './messages';

const retry: RetryPolicy = {
  initialInterval: '200ms',
  backoffCoefficient: 2,
  maximumInterval: '10s',
  nonRetryableErrorTypes: [...NonRetryableActivityErrors],
};

const { appendEvents } = proxyActivities<NominationActivities>({ startToCloseTimeout: '10s', retry });
// One nomination update each; a worker lost mid-call is noticed by the timeout and the call retried elsewhere.
const { applySessionVote, closeSessionItem } = proxyActivities<SessionActivities>({
  startToCloseTimeout: '20s',
  retry,
});

/** Items applied at once: enough to keep the server busy, few enough to stay within its per-workflow limits. */
const PARALLEL_ITEMS = 8;

function failure(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: true,
    details: error.details === undefined ? [] : [error.details],
  });
}

/** The same rule as the nomination workflow's: an action nobody signed never reaches history. */
function proofRefusal(args: SessionActionArgs, update: string): ApplicationFailure | undefined {
  const proof: ActionProof | undefined = args.proof;
  const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
  if (!proof)
    return refuse(ActionProofErrorCode.ACTION_NOT_SIGNED, `${update}: the action carries no proof of who asked`);
  if (proof.verified !== true) {
    return refuse(ActionProofErrorCode.ACTION_SIGNATURE_INVALID, `${update}: the action's signature does not hold`);
  }
  if (
    proof.workflowId !== workflowInfo().workflowId ||
    proof.update !== update ||
    proof.updateId !== currentUpdateInfo()?.id
  ) {
    return refuse(ActionProofErrorCode.ACTION_SIGNATURE_INVALID, `${update}: the proof was made for another action`);
  }
  return undefined;
}

async function inChunks<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL_ITEMS) {
    await Promise.all(items.slice(i, i + PARALLEL_ITEMS).map(run));
  }
}

interface PendingVote {
  readonly unitId: string;
  readonly nominationId: string;
  readonly actor: Actor;
  readonly choice: 'approve' | 'reject' | 'abstain';
}

/**
 * A block's vote session: opens with its agenda, takes one ballot per member
 * unit, applies each ballot's choices to the items' own block votes, and at
 * close counts every item and closes each item's vote with its acclamation.
 * Its progress is in its history, so a worker lost in the middle resumes
 * where it was, and the items' deterministic update ids apply nothing twice.
 */
export async function blockSessionWorkflow(
  input: BlockSessionWorkflowInput,
): Promise<{ results: readonly BlockSessionItemResult[] }> {
  const { sessionId } = input.open;
  const streamName = blockSessionStreamName(sessionId);
  let state: BlockSessionState = initialBlockSessionState;
  let version = 0;
  const mutex = new Mutex();
  const pending: PendingVote[] = [];
  const votes = new Map<string, ItemOutcome>();
  const closes = new Map<string, ItemOutcome>();
  let closing = false;
  let closedAll = false;

  async function record(
    command: BlockSessionCommand,
    causationId: string,
    proof?: ActionProof,
  ): Promise<SessionActionResult> {
    const decision = decideBlockSession(state, command);
    if (!decision.ok) throw failure(decision.error);
    const events: BlockSessionEvent[] = decision.events;
    const info = workflowInfo();
    const storedProof = proof ? (({ verified: _v, ...kept }) => kept)(proof) : undefined;
    const result = await appendEvents({
      streamName,
      expectedVersion: version,
      events: events.map((event, index) => ({
        key: `${streamName}@${version + index + 1}`,
        type: event.type,
        data: event.data as never,
        metadata: {
          actor: { ...command.actor },
          workflowId: info.workflowId,
          runId: info.runId,
          causationId,
          correlationId: sessionId,
          schemaVersion: 1,
          ...(storedProof ? { proof: storedProof } : {}),
        } as never,
      })),
    });
    for (const event of events) state = evolveBlockSession(state, event);
    version = result.nextVersion;
    return { sessionId, stage: state.stage, version, position: result.position, eventTypes: events.map((e) => e.type) };
  }

  function view(): BlockSessionView {
    if (state.stage === 'Initial') return { sessionId, state, items: [], progress: { done: 0, total: 0 }, version };
    const ballots = state.ballots;
    const items: ItemProgress[] = state.session.items.map((item) => {
      const due = ballots.filter((b) => b.choices.some((c) => c.nominationId === item.nominationId));
      const applied = due.filter((b) => votes.has(`${b.unitId}|${item.nominationId}`)).length;
      const closed = closes.get(item.nominationId);
      const failedVote = due
        .map((b) => votes.get(`${b.unitId}|${item.nominationId}`))
        .find((o) => o !== undefined && !o.ok);
      const error = closed && !closed.ok ? closed.error : failedVote?.error;
      return {
        nominationId: item.nominationId,
        votesApplied: applied,
        votesDue: due.length,
        status: closed ? (closed.ok ? 'closed' : 'failed') : closing ? 'closing' : 'voting',
        ...(error ? { error } : {}),
        ...(closed?.stage ? { stage: closed.stage } : {}),
        ...(closed?.outcome ? { outcome: closed.outcome } : {}),
      };
    });
    const progress = closing
      ? { done: closes.size, total: items.length }
      : { done: items.reduce((n, i) => n + i.votesApplied, 0), total: items.reduce((n, i) => n + i.votesDue, 0) };
    return { sessionId, state, items, progress, version };
  }

  setHandler(blockSessionQuery, view);
  setHandler(sessionStageQuery, () => ({ stage: state.stage, version }));

  setHandler(
    castBallotUpdate,
    (args) =>
      mutex.runExclusive(async () => {
        const result = await record(
          {
            type: 'CastSessionBallot',
            choices: args.choices,
            actor: args.actor,
            at: new Date(Date.now()).toISOString(),
          },
          currentUpdateInfo()?.id ?? 'ballot',
          args.proof,
        );
        const unitId = args.actor.unitId ?? '';
        for (const c of args.choices)
          pending.push({ unitId, nominationId: c.nominationId, actor: args.actor, choice: c.choice });
        return result;
      }),
    {
      validator: (args) => {
        const refusal = proofRefusal(args, castBallotUpdate.name);
        if (refusal) throw refusal;
        const decision = decideBlockSession(state, {
          type: 'CastSessionBallot',
          choices: args.choices,
          actor: args.actor,
          at: new Date(Date.now()).toISOString(),
        });
        if (!decision.ok) throw failure(decision.error);
      },
    },
  );

  setHandler(
    closeBlockSessionUpdate,
    (args) =>
      mutex.runExclusive(async () => {
        const result = await record(
          { type: 'CloseBlockSession', actor: args.actor, at: new Date(Date.now()).toISOString() },
          currentUpdateInfo()?.id ?? 'close',
          args.proof,
        );
        closing = true;
        return result;
      }),
    {
      validator: (args) => {
        const refusal = proofRefusal(args, closeBlockSessionUpdate.name);
        if (refusal) throw refusal;
        const decision = decideBlockSession(state, {
          type: 'CloseBlockSession',
          actor: args.actor,
          at: new Date(Date.now()).toISOString(),
        });
        if (!decision.ok) throw failure(decision.error);
      },
    },
  );

  await mutex.runExclusive(() => record({ type: 'OpenBlockSession', ...input.open }, 'open'));

  for (;;) {
    await condition(() => pending.length > 0 || (closing && !closedAll));
    if (pending.length > 0) {
      const batch = pending.splice(0, pending.length);
      await inChunks(batch, async (vote) => {
        const outcome = await applySessionVote({
          nominationTaskQueue: input.nominationTaskQueue,
          nominationId: vote.nominationId,
          sessionId,
          actor: vote.actor,
          choice: vote.choice,
          updateId: `session:${sessionId}:vote:${vote.unitId}`,
        });
        votes.set(`${vote.unitId}|${vote.nominationId}`, outcome);
      });
      continue;
    }
    if (state.stage !== 'Closed' || !state.closed) continue;
    const closer = state.closed.by;
    const actor: Actor = {
      userId: closer.userId,
      role: closer.role as Actor['role'],
      ...(closer.unitId !== undefined ? { unitId: closer.unitId } : {}),
      ...(closer.blockId !== undefined ? { blockId: closer.blockId } : {}),
    };
    await inChunks(state.closed.results, async (result) => {
      const outcome = await closeSessionItem({
        nominationId: result.nominationId,
        sessionId,
        actor,
        ...(result.acclamation ? { acclamation: result.acclamation } : {}),
        updateId: `session:${sessionId}:close`,
      });
      closes.set(result.nominationId, outcome);
    });
    closedAll = true;
    break;
  }
  await condition(allHandlersFinished);
  return { results: state.stage === 'Closed' && state.closed ? state.closed.results : [] };
}
