import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  isCancellation,
  patched,
  sleep,
  condition,
  currentUpdateInfo,
  log,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  ActivityFailure,
} from '@temporalio/workflow';
import type { RetryPolicy, UpdateDefinition } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import {
  decide,
  DomainErrorCode,
  evolve,
  initialState,
  pendingTimers,
  redactSecretBallots,
  toNominationEvent,
  type Actor,
  type ClosedState,
  type DomainError,
  type NominationCommand,
  type NominationCommandType,
  type NominationEvent,
  type NominationState,
  type PolicySet,
  type ReportedOutcome,
  type TimedStage,
} from '@laurel/domain';
import {
  NonRetryableActivityErrors,
  type AppendEventsResult,
  type LoadedEvent,
  type NominationActivities,
  type Notification,
} from './activities';
import {
  castVoteUpdate,
  closeBlockVoteUpdate,
  closeCouncilReviewUpdate,
  draftUpdate,
  editDraftUpdate,
  issueDecisionUpdate,
  nominationStreamName,
  placeOnHoldUpdate,
  provideSupplementUpdate,
  recordDocumentUpdate,
  recordCouncilOpinionUpdate,
  releaseHoldUpdate,
  requestSupplementUpdate,
  revokeAwardUpdate,
  stateQuery,
  submitUpdate,
  withdrawUpdate,
  ActionProofErrorCode,
  type ActionProof,
  type ActionResult,
  type NominationWorkflowInput,
  type NominationWorkflowResult,
  type SubmitArgs,
} from './messages';
import { notificationsFor } from './notifications';
import {
  AwardType,
  CampaignYear,
  EmulationBlock,
  NominationStage,
  ProposingUnit,
  StageDeadline,
} from './search-attributes';

const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system' };
/** An unreachable store is retried at least this long, and up to the stage deadline. */
const MIN_APPEND_RETRY_WINDOW_MS = 60_000;

const activityRetry: RetryPolicy = {
  initialInterval: '200ms',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  nonRetryableErrorTypes: [...NonRetryableActivityErrors],
};

// A local activity runs in the worker beside the workflow: one append costs no
// extra server round trip, which keeps update latency close to a bare workflow.
// No overall limit: the outbox shares the store's database, so while it is down
// appends fail too; giving up would fail the whole nomination over a reminder.
const { notify } = proxyLocalActivities<NominationActivities>({
  startToCloseTimeout: '10s',
  retry: activityRetry,
});

const { loadEvents } = proxyLocalActivities<NominationActivities>({
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '1h',
  retry: activityRetry,
});

/** The store refused an append because the stream is not where the workflow thinks it is. */
const STORE_CONFLICTS: readonly string[] = ['CONCURRENCY_CONFLICT', 'EVENT_ID_CONFLICT'];

/**
 * Without this patch a refused append left the workflow behind its stream for
 * good: every later append conflicted too. That happens when a workflow task
 * fails after its append committed (a worker crash, a rejected completion): the
 * retried task decides again at another instant, so the same event ids carry
 * other content. Histories recorded before the patch never catch up.
 */
const CATCH_UP_PATCH = 'catch-up-after-store-conflict';

/**
 * Without this patch a timer whose append the store failed (retries used up,
 * or a non-retryable store error) was taken for a refusal by the decider and
 * never tried again: the deadline was silently dropped, or, on an activity
 * timeout, the whole workflow failed. Now it is tried again after a pause
 * (1 s, doubling, at most MAX_TIMER_RETRY_PAUSE_MS).
 */
const TIMER_RETRY_PATCH = 'timer-retried-after-store-failure';
const MAX_TIMER_RETRY_PAUSE_MS = 3_600_000;

/**
 * Without this patch a revoked award still said `Awarded` in its search
 * attribute and in the run's result, so admins could not filter revocations.
 * Histories recorded before it upsert nothing after the revocation.
 */
const REVOKED_OUTCOME_PATCH = 'revoked-outcome-reported';

/** The domain's reported outcome, but only where the history was recorded with the patch. */
function outcomeShown(state: ClosedState): ReportedOutcome {
  return state.revocation !== undefined && patched(REVOKED_OUTCOME_PATCH) ? 'Revoked' : state.outcome;
}

/** Codes the decider refuses with; any other failure of a timer's action is the store's. */
const DOMAIN_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(DomainErrorCode));

function appendWithin(retryWindowMs: number): NominationActivities['appendEvents'] {
  return proxyLocalActivities<NominationActivities>({
    startToCloseTimeout: '10s',
    scheduleToCloseTimeout: retryWindowMs,
    retry: activityRetry,
  }).appendEvents;
}

function domainFailure(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: true,
    details: error.details === undefined ? [] : [error.details],
  });
}

/**
 * Why an update's proof is refused, or undefined when it holds. The signature
 * itself was checked by the worker's codec (`verified`); here it is bound to
 * this workflow, this update and this update id, so a proof lifted from one
 * request cannot authorise another.
 */
function proofRefusal(args: object, update: string, updateId: string | undefined): ApplicationFailure | undefined {
  const proof = (args as { proof?: ActionProof }).proof;
  const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
  if (proof === undefined || proof === null) {
    return refuse(ActionProofErrorCode.ACTION_NOT_SIGNED, `${update}: the action carries no proof of who asked`);
  }
  if (proof.verified !== true) {
    return refuse(ActionProofErrorCode.ACTION_SIGNATURE_INVALID, `${update}: the action's signature does not hold`);
  }
  const info = workflowInfo();
  if (proof.workflowId !== info.workflowId || proof.update !== update || proof.updateId !== updateId) {
    return refuse(
      ActionProofErrorCode.ACTION_SIGNATURE_INVALID,
      `${update}: the action's proof was made for another workflow, update or update id`,
    );
  }
  return undefined;
}

/** The proof as the stored event keeps it: what `verify` needs, without the worker's verdict. */
function storedProof(proof: ActionProof): ActionProof {
  const { verified: _verdict, ...kept } = proof;
  return kept;
}

function nowIso(): string {
  // Workflow time: deterministic, and skipped by the time-skipping test server.
  return new Date(Date.now()).toISOString();
}

interface Timer {
  readonly kind: 'SendReminder' | 'ReachDeadline';
  readonly stage: TimedStage;
  readonly at: string;
}

/** The next clock event the state asks for: its reminder first, then its deadline. */
function nextTimer(state: NominationState): Timer | undefined {
  const pending = pendingTimers(state);
  if (!pending) return undefined;
  const { stage, deadline, reminderAt } = pending;
  if (reminderAt && (!deadline || Date.parse(reminderAt) < Date.parse(deadline))) {
    return { kind: 'SendReminder', stage, at: reminderAt };
  }
  return deadline ? { kind: 'ReachDeadline', stage, at: deadline } : undefined;
}

function timerKey(timer: Timer): string {
  return `${timer.kind}:${timer.stage}:${timer.at}`;
}

interface ArmedTimer {
  readonly timer: Timer;
  readonly key: string;
  readonly scope: CancellationScope;
  fired: boolean;
}

/** Starts a durable timer in its own cancellation scope; `fired` flips when it elapses. */
function arm(timer: Timer, key: string): ArmedTimer {
  const scope = new CancellationScope();
  const armed: ArmedTimer = { timer, key, scope, fired: false };
  void scope
    .run(() => sleep(Math.max(1, Date.parse(timer.at) - Date.now())))
    .then(
      () => {
        armed.fired = true;
      },
      (error: unknown) => {
        if (!isCancellation(error)) throw error;
      },
    );
  return armed;
}

/** The values admins filter on in the Temporal UI; a closed nomination shows its outcome as its stage. */
function searchAttributesOf(state: NominationState) {
  if (state.stage === 'Initial') return undefined;
  const { nomination } = state;
  const deadline = state.stage === 'Closed' ? undefined : state.stageDeadline;
  return [
    { key: NominationStage, value: state.stage === 'Closed' ? outcomeShown(state) : state.stage },
    { key: EmulationBlock, value: nomination.blockId },
    { key: ProposingUnit, value: nomination.proposingUnitId },
    { key: AwardType, value: nomination.awardType },
    { key: CampaignYear, value: nomination.campaignYear },
    { key: StageDeadline, value: deadline ? new Date(deadline) : null },
  ];
}

export async function nominationWorkflow(input: NominationWorkflowInput): Promise<NominationWorkflowResult> {
  const { nominationId } = input;
  // A reopened run knows nothing until it has folded its stream; until then its
  // validators accept and its handlers wait (they are registered before the read).
  let caughtUpFromStream = input.reopenedFrom === undefined;
  const streamName = nominationStreamName(nominationId);
  let policy: PolicySet = input.policy;
  let state: NominationState = initialState;
  let position = '';
  let lastSearchAttributes = '';
  const outbox: Notification[] = [];
  // Handlers await an activity; without the mutex two actions could both be
  // decided against the same state and race for the same stream version.
  const mutex = new Mutex();

  function command(type: NominationCommandType, args: object): NominationCommand {
    // The update's args were typed by its definition; the decider re-checks every field.
    // The proof is about the command, not part of it.
    const { proof: _proof, ...fields } = args as { proof?: unknown };
    return { ...fields, type, nominationId, at: nowIso() } as NominationCommand;
  }

  function check(cmd: NominationCommand, rules: PolicySet = policy): void {
    const decision = decide(state, cmd, rules);
    if (!decision.ok) throw domainFailure(decision.error);
  }

  /** Actions found already stored while catching up, by causation id (update id or timer), not yet answered. */
  const alreadyStored = new Map<string, ActionResult>();

  /** Folds stored events into the workflow: state, position, notifications, search attributes. */
  function absorb(events: readonly NominationEvent[], at: string): ActionResult {
    const firstVersion = state.version + 1;
    state = events.reduce(evolve, state);
    position = at;
    outbox.push(...notificationsFor(events, state, firstVersion));
    const attributes = searchAttributesOf(state);
    const signature = JSON.stringify(attributes);
    if (attributes && signature !== lastSearchAttributes) {
      upsertSearchAttributes(attributes);
      lastSearchAttributes = signature;
    }
    return {
      nominationId,
      stage: state.stage,
      ...(state.stage === 'Closed' ? { outcome: outcomeShown(state) } : {}),
      version: state.version,
      position,
      eventTypes: events.map((e) => e.type),
    };
  }

  /**
   * Reads and folds what the stream holds beyond the workflow's version, one
   * causing action at a time. An action of this workflow among them (its earlier
   * attempt committed, then its task failed) is remembered as answered, so its
   * caller gets the stored result instead of a second decision.
   */
  async function catchUp(): Promise<void> {
    const { events } = await loadEvents({ streamName, fromVersion: state.version + 1 });
    for (let i = 0; i < events.length;) {
      const causationId = events[i]!.causationId;
      let end = i + 1;
      while (end < events.length && events[end]!.causationId === causationId) end++;
      const group: LoadedEvent[] = events.slice(i, end);
      const result = absorb(
        group.map((e) => toNominationEvent(e)),
        group[group.length - 1]!.position,
      );
      if (causationId !== undefined) alreadyStored.set(causationId, result);
      i = end;
    }
  }

  function takeAlreadyStored(causationId: string, rules: PolicySet): ActionResult | undefined {
    const stored = alreadyStored.get(causationId);
    if (!stored) return undefined;
    alreadyStored.delete(causationId);
    policy = rules;
    return stored;
  }

  async function apply(
    cmd: NominationCommand,
    rules: PolicySet,
    causationId: string,
    proof?: ActionProof,
  ): Promise<ActionResult> {
    const stored = takeAlreadyStored(causationId, rules);
    if (stored) return stored;
    const decision = decide(state, cmd, rules);
    if (!decision.ok) throw domainFailure(decision.error);
    const events: NominationEvent[] = decision.events;
    const info = workflowInfo();
    const firstVersion = state.version + 1;
    const retryWindow =
      state.stage !== 'Initial' && 'stageDeadline' in state && state.stageDeadline
        ? Math.max(MIN_APPEND_RETRY_WINDOW_MS, Date.parse(state.stageDeadline) - Date.now())
        : MIN_APPEND_RETRY_WINDOW_MS;
    const appendInput = {
      streamName,
      expectedVersion: state.version,
      events: events.map((event, index) => ({
        key: `${streamName}@${firstVersion + index}`,
        type: event.type,
        data: event.data as never,
        metadata: {
          actor: { ...cmd.actor },
          workflowId: info.workflowId,
          runId: info.runId,
          causationId,
          correlationId: nominationId,
          schemaVersion: 1,
          // Events recorded before signing began have none; verify reports them as such.
          ...(proof ? { proof: storedProof(proof) } : {}),
        } as never,
      })),
    };
    let result: AppendEventsResult;
    try {
      result = await appendWithin(retryWindow)(appendInput);
    } catch (error) {
      // Callers should see the store's own error type (say CONCURRENCY_CONFLICT), not the activity wrapper.
      const failure =
        error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : error;
      if (
        failure instanceof ApplicationFailure &&
        STORE_CONFLICTS.includes(failure.type ?? '') &&
        patched(CATCH_UP_PATCH)
      ) {
        await catchUp();
        const mine = takeAlreadyStored(causationId, rules);
        if (mine) return mine;
      }
      throw failure;
    }
    policy = rules;
    return absorb(events, result.position);
  }

  /** Registers one human action: validated against the current state, decided again under the mutex. */
  function action<Args extends object>(
    definition: UpdateDefinition<ActionResult, [Args]>,
    type: NominationCommandType,
    rulesFor: (args: Args) => PolicySet = () => policy,
  ): void {
    setHandler(
      definition,
      (args) => {
        const proof = (args as { proof?: ActionProof }).proof;
        const run = () =>
          mutex.runExclusive(() =>
            apply(command(type, args), rulesFor(args), currentUpdateInfo()?.id ?? `update:${type}`, proof),
          );
        // Only a reopened run waits; the direct call keeps every recorded history's promise chain as it was.
        return caughtUpFromStream ? run() : condition(() => caughtUpFromStream).then(run);
      },
      {
        validator: (args) => {
          // First, and whatever the state: an action nobody signed never reaches history.
          // Validators do not run on replay, so histories recorded before signing replay as they were.
          const refusal = proofRefusal(args, definition.name, currentUpdateInfo()?.id);
          if (refusal) throw refusal;
          // A reopened run judges the action once it has read its stream, in the handler.
          if (!caughtUpFromStream) return;
          // Already stored by an earlier attempt of this very update: the handler answers it.
          if (alreadyStored.has(currentUpdateInfo()?.id ?? '')) return;
          check(command(type, args), rulesFor(args));
        },
      },
    );
  }

  action(draftUpdate, 'DraftNomination');
  action(editDraftUpdate, 'EditDraft');
  action(submitUpdate, 'SubmitNomination', (args: SubmitArgs) => args.policy ?? policy);
  action(castVoteUpdate, 'CastBlockVote');
  action(closeBlockVoteUpdate, 'CloseBlockVote');
  action(recordCouncilOpinionUpdate, 'RecordCouncilOpinion');
  action(closeCouncilReviewUpdate, 'CloseCouncilReview');
  action(requestSupplementUpdate, 'RequestSupplement');
  action(provideSupplementUpdate, 'ProvideSupplement');
  action(issueDecisionUpdate, 'IssueDecision');
  action(withdrawUpdate, 'WithdrawNomination');
  action(placeOnHoldUpdate, 'PlaceOnHold');
  action(releaseHoldUpdate, 'ReleaseHold');
  action(revokeAwardUpdate, 'RevokeAward');
  action(recordDocumentUpdate, 'RecordDocument');
  setHandler(stateQuery, () => redactSecretBallots(state));

  async function deliverNotifications(): Promise<void> {
    while (outbox.length > 0) {
      const batch = outbox.splice(0, outbox.length);
      await notify(batch);
    }
  }

  // Timers that the decider refused (say, the stage moved on in the same
  // instant) are not retried, so a refused timer cannot spin the loop.
  const refusedTimers = new Set<string>();
  // Consecutive store failures of timers, for the pause before the next try.
  let timerStoreFailures = 0;

  async function fire(timer: Timer, key: string): Promise<void> {
    let pause = 0;
    await mutex.runExclusive(async () => {
      const still = nextTimer(state);
      if (!still || timerKey(still) !== key) return;
      const before = state.version;
      try {
        await apply(command(timer.kind, { actor: SYSTEM_ACTOR, stage: timer.stage }), policy, `timer:${key}`);
        timerStoreFailures = 0;
      } catch (error) {
        // A store conflict the workflow caught up on: the timer is decided again on the new state, not refused.
        if (state.version !== before) return;
        const refused = error instanceof ApplicationFailure && DOMAIN_ERROR_CODES.has(error.type ?? '');
        if (!refused && (error instanceof ApplicationFailure || error instanceof ActivityFailure)) {
          if (patched(TIMER_RETRY_PATCH)) {
            pause = Math.min(MAX_TIMER_RETRY_PAUSE_MS, 1_000 * 2 ** timerStoreFailures++);
            log.warn('timer not recorded: the store failed; trying again', { timer: key, pauseMs: pause, error });
            return;
          }
        }
        if (!(error instanceof ApplicationFailure)) throw error;
        log.warn('timer refused by the decider', { timer: key, type: error.type, message: error.message });
        refusedTimers.add(key);
      }
    });
    // Outside the mutex, so people can act meanwhile; then the loop re-arms the same timer.
    if (pause > 0) await sleep(pause);
  }

  if (!caughtUpFromStream) {
    await mutex.runExclusive(catchUp);
    // The stream's own actions are history: neither answers owed to this run's
    // callers nor news to send again (the first run sent their notifications).
    alreadyStored.clear();
    outbox.length = 0;
    caughtUpFromStream = true;
  }

  // One durable timer per stage clock, kept across updates: re-arming it on
  // every action would add a timer start and cancel to the history each time.
  // Histories recorded before this patch re-armed per wait; they replay the old way.
  if (patched('stage-timer-kept-across-updates')) {
    let armed: ArmedTimer | undefined;
    while (state.stage !== 'Closed') {
      await deliverNotifications();
      const seen = state.version;
      const timer = nextTimer(state);
      const key = timer && timerKey(timer);
      if (armed && armed.key !== key) {
        armed.scope.cancel();
        armed = undefined;
      }
      if (timer && key && !armed && !refusedTimers.has(key)) armed = arm(timer, key);
      const current = armed;
      await condition(() => state.version !== seen || outbox.length > 0 || current?.fired === true);
      if (current?.fired) {
        armed = undefined;
        await fire(current.timer, current.key);
      }
    }
    armed?.scope.cancel();
  } else {
    while (state.stage !== 'Closed') {
      await deliverNotifications();
      const seen = state.version;
      const timer = nextTimer(state);
      const key = timer && timerKey(timer);
      const woken = () => state.version !== seen || outbox.length > 0;
      if (!timer || !key || refusedTimers.has(key)) {
        await condition(woken);
        continue;
      }
      const changed = await condition(woken, Math.max(1, Date.parse(timer.at) - Date.now()));
      if (!changed) await fire(timer, key);
    }
  }

  await condition(allHandlersFinished);
  await deliverNotifications();
  if (state.stage !== 'Closed') throw new Error('unreachable: the loop ends only on a closed nomination');
  return { outcome: outcomeShown(state), version: state.version };
}
