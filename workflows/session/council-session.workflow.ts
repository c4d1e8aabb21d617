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
  decideCouncilSession,
  evolveCouncilSession,
  initialCouncilSessionState,
  type Actor,
  type CouncilSessionCommand,
  type CouncilSessionState,
  type DomainError,
} from '@laurel/domain';
import { NonRetryableActivityErrors, type NominationActivities } from '../nomination/activities';
import { ActionProofErrorCode, type ActionProof } from '../nomination/messages';
import type { ItemOutcome, SessionActivities } from './activities';
import {
  castCouncilBallotUpdate,
  closeCouncilSessionUpdate,
  councilSessionQuery,
  sessionStageQuery,
  councilSessionStreamName,
  type CouncilSessionView,
  type CouncilSessionWorkflowInput,
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
const { applyCouncilOpinion, closeCouncilItem } = proxyActivities<SessionActivities>({
  startToCloseTimeout: '20s',
  retry,
});

const PARALLEL_ITEMS = 8;

function failure(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: true,
    details: error.details === undefined ? [] : [error.details],
  });
}

function proofRefusal(args: SessionActionArgs, update: string): ApplicationFailure | undefined {
  const proof: ActionProof | undefined = args.proof;
  const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
  if (!proof) {
    return refuse(ActionProofErrorCode.ACTION_NOT_SIGNED, `${update}: the action carries no proof of who asked`);
  }
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

interface PendingOpinion {
  readonly nominationId: string;
  readonly actor: Actor;
  readonly recommendation: 'approve' | 'reject';
}

/**
 * A council meeting: the Board's agenda, one ballot per member applied to
 * each item's own council review (secret items sealed in the session's
 * stream), and at close, when the meeting was quorate, the Board closes the
 * reviews still open. Resumes from its history after a crash; the items'
 * update ids apply nothing twice.
 */
export async function councilSessionWorkflow(input: CouncilSessionWorkflowInput): Promise<{ quorumMet: boolean }> {
  const { sessionId } = input.open;
  const streamName = councilSessionStreamName(sessionId);
  let state: CouncilSessionState = initialCouncilSessionState;
  let version = 0;
  const mutex = new Mutex();
  const pending: PendingOpinion[] = [];
  const opinions = new Map<string, ItemOutcome>();
  const closes = new Map<string, ItemOutcome>();
  let closing = false;

  async function record(
    command: CouncilSessionCommand,
    causationId: string,
    proof?: ActionProof,
  ): Promise<SessionActionResult> {
    const decision = decideCouncilSession(state, command);
    if (!decision.ok) throw failure(decision.error);
    const info = workflowInfo();
    const storedProof = proof ? (({ verified: _v, ...kept }) => kept)(proof) : undefined;
    const result = await appendEvents({
      streamName,
      expectedVersion: version,
      events: decision.events.map((event, index) => ({
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
    for (const event of decision.events) state = evolveCouncilSession(state, event);
    version = result.nextVersion;
    return {
      sessionId,
      stage: state.stage,
      version,
      position: result.position,
      eventTypes: decision.events.map((e) => e.type),
    };
  }

  function view(): CouncilSessionView {
    if (state.stage === 'Initial') {
      return { sessionId, state, items: [], progress: { done: 0, total: 0, finished: false }, version };
    }
    const ballots = state.ballots;
    const items: ItemProgress[] = state.session.items.map((item) => {
      const due = ballots.filter((b) => b.choices.some((c) => c.nominationId === item.nominationId));
      const applied = due.filter((b) => opinions.has(`${b.memberId}|${item.nominationId}`)).length;
      const closed = closes.get(item.nominationId);
      return {
        nominationId: item.nominationId,
        votesApplied: applied,
        votesDue: due.length,
        status: closed ? (closed.ok ? 'closed' : 'failed') : closing ? 'closing' : 'voting',
        ...(closed?.error ? { error: closed.error } : {}),
        ...(closed?.stage ? { stage: closed.stage } : {}),
        ...(closed?.outcome ? { outcome: closed.outcome } : {}),
      };
    });
    const finished = state.stage === 'Closed' && (!state.closed?.quorumMet || closes.size === items.length);
    const progress = closing
      ? { done: closes.size, total: items.length, finished }
      : {
          done: items.reduce((n, i) => n + i.votesApplied, 0),
          total: items.reduce((n, i) => n + i.votesDue, 0),
          finished,
        };
    return { sessionId, state, items, progress, version };
  }
  setHandler(councilSessionQuery, view);
  setHandler(sessionStageQuery, () => ({ stage: state.stage, version }));

  const now = () => new Date(Date.now()).toISOString();
  setHandler(
    castCouncilBallotUpdate,
    (args) =>
      mutex.runExclusive(async () => {
        const result = await record(
          { type: 'CastCouncilBallot', choices: args.choices, actor: args.actor, at: now() },
          currentUpdateInfo()?.id ?? 'ballot',
          args.proof,
        );
        for (const c of args.choices) {
          pending.push({ nominationId: c.nominationId, actor: args.actor, recommendation: c.recommendation });
        }
        return result;
      }),
    {
      validator: (args) => {
        const refusal = proofRefusal(args, castCouncilBallotUpdate.name);
        if (refusal) throw refusal;
        const d = decideCouncilSession(state, {
          type: 'CastCouncilBallot',
          choices: args.choices,
          actor: args.actor,
          at: now(),
        });
        if (!d.ok) throw failure(d.error);
      },
    },
  );
  setHandler(
    closeCouncilSessionUpdate,
    (args) =>
      mutex.runExclusive(async () => {
        const result = await record(
          { type: 'CloseCouncilSession', actor: args.actor, at: now() },
          currentUpdateInfo()?.id ?? 'close',
          args.proof,
        );
        closing = true;
        return result;
      }),
    {
      validator: (args) => {
        const refusal = proofRefusal(args, closeCouncilSessionUpdate.name);
        if (refusal) throw refusal;
        const d = decideCouncilSession(state, { type: 'CloseCouncilSession', actor: args.actor, at: now() });
        if (!d.ok) throw failure(d.error);
      },
    },
  );

  await mutex.runExclusive(() => record({ type: 'OpenCouncilSession', ...input.open }, 'open'));

  const inChunks = async <T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> => {
    for (let i = 0; i < items.length; i += PARALLEL_ITEMS)
      await Promise.all(items.slice(i, i + PARALLEL_ITEMS).map(run));
  };

  for (;;) {
    await condition(() => pending.length > 0 || closing);
    if (pending.length > 0) {
      const batch = pending.splice(0, pending.length);
      await inChunks(batch, async (o) => {
        const outcome = await applyCouncilOpinion({
          nominationId: o.nominationId,
          actor: o.actor,
          recommendation: o.recommendation,
          updateId: `council-session:${sessionId}:opinion:${o.actor.userId}`,
        });
        opinions.set(`${o.actor.userId}|${o.nominationId}`, outcome);
      });
      continue;
    }
    if (state.stage !== 'Closed' || !state.closed) continue;
    if (state.closed.quorumMet) {
      const by = state.closed.by;
      const actor: Actor = {
        userId: by.userId,
        role: by.role as Actor['role'],
        ...(by.unitId !== undefined ? { unitId: by.unitId } : {}),
      };
      await inChunks(state.session.items, async (item) => {
        const outcome = await closeCouncilItem({
          nominationId: item.nominationId,
          actor,
          updateId: `council-session:${sessionId}:close`,
        });
        closes.set(item.nominationId, outcome);
      });
    }
    break;
  }
  await condition(allHandlersFinished);
  return { quorumMet: state.stage === 'Closed' && state.closed?.quorumMet === true };
}
