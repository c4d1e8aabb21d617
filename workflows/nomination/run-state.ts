import {
  ActivityFailure,
  ApplicationFailure,
  patched,
  proxyLocalActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import {
  decide,
  evolve,
  initialState,
  reservationFor,
  toNominationEvent,
  type ClosedState,
  type Decision,
  type DomainError,
  type NominationCommand,
  type NominationCommandType,
  type NominationEvent,
  type NominationState,
  type PolicySet,
  type ReportedOutcome,
} from '@laurel/domain';
import {
  NonRetryableActivityErrors,
  type AppendEventsResult,
  type LoadedEvent,
  type NominationActivities,
  type Notification,
} from './activities';
import { nominationStreamName, type ActionProof, type ActionResult } from './messages';
import { notificationsFor } from './notifications';
import {
  AwardType,
  CampaignYear,
  EmulationBlock,
  NominationStage,
  ProposingUnit,
  StageDeadline,
} from './search-attributes';

/**
 * What one run of a nomination knows, and the one way it changes: decide,
 * append, fold. The workflow (nomination.workflow.ts) registers the handlers
 * that call it; the stage clock (stage-clock.ts) fires its timers through it.
 */

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

function appendWithin(retryWindowMs: number): NominationActivities['appendEvents'] {
  return proxyLocalActivities<NominationActivities>({
    startToCloseTimeout: '10s',
    scheduleToCloseTimeout: retryWindowMs,
    retry: activityRetry,
  }).appendEvents;
}

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
 * Without this patch a revoked award still said `Awarded` in its search
 * attribute and in the run's result, so admins could not filter revocations.
 * Histories recorded before it upsert nothing after the revocation.
 */
const REVOKED_OUTCOME_PATCH = 'revoked-outcome-reported';

/** The domain's reported outcome, but only where the history was recorded with the patch. */
export function outcomeShown(state: ClosedState): ReportedOutcome {
  return state.revocation !== undefined && patched(REVOKED_OUTCOME_PATCH) ? 'Revoked' : state.outcome;
}

export function domainFailure(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: true,
    details: error.details === undefined ? [] : [error.details],
  });
}

/** The proof as the stored event keeps it: what `verify` needs, without the worker's verdict. */
function storedProof(proof: ActionProof): ActionProof {
  const { verified: _verdict, ...kept } = proof;
  return kept;
}

export function nowIso(): string {
  // Workflow time: deterministic, and skipped by the time-skipping test server.
  return new Date(Date.now()).toISOString();
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

/**
 * A validator's decision, kept for its handler: the handler runs next, in the
 * same activation, and takes it when nothing moved in between (same state
 * version, same rules, same instant) instead of deciding again. Validators do
 * not run on replay, where the handler decides itself, to the same result.
 */
interface ValidatedDecision {
  readonly causationId: string;
  readonly version: number;
  readonly at: string;
  readonly rules: PolicySet;
  readonly decision: Decision;
}

export class NominationRun {
  readonly streamName: string;
  policy: PolicySet;
  state: NominationState = initialState;
  position = '';
  /** A reopened run knows nothing until it has folded its stream; until then its validators accept and its handlers wait. */
  caughtUpFromStream: boolean;
  readonly outbox: Notification[] = [];
  /** Actions found already stored while catching up, by causation id (update id or timer), not yet answered. */
  readonly alreadyStored = new Map<string, ActionResult>();
  // Handlers await an activity; without the mutex two actions could both be
  // decided against the same state and race for the same stream version.
  readonly mutex = new Mutex();
  private lastSearchAttributes = '';
  private validated: ValidatedDecision | undefined;

  constructor(
    readonly nominationId: string,
    policy: PolicySet,
    reopened: boolean,
  ) {
    this.streamName = nominationStreamName(nominationId);
    this.policy = policy;
    this.caughtUpFromStream = !reopened;
  }

  command(type: NominationCommandType, args: object): NominationCommand {
    // The update's args were typed by its definition; the decider re-checks every field.
    // The proof is about the command, not part of it.
    const { proof: _proof, ...fields } = args as { proof?: unknown };
    return { ...fields, type, nominationId: this.nominationId, at: nowIso() } as NominationCommand;
  }

  /** A validator's check: refuses with the decider's error, and keeps an acceptance for the handler. */
  validate(cmd: NominationCommand, rules: PolicySet, causationId: string): void {
    const decision = decide(this.state, cmd, rules);
    if (!decision.ok) throw domainFailure(decision.error);
    this.validated = { causationId, version: this.state.version, at: cmd.at, rules, decision };
  }

  private decideOnce(cmd: NominationCommand, rules: PolicySet, causationId: string): Decision {
    const kept = this.validated;
    this.validated = undefined;
    if (
      kept &&
      kept.causationId === causationId &&
      kept.version === this.state.version &&
      kept.at === cmd.at &&
      kept.rules === rules
    ) {
      return kept.decision;
    }
    return decide(this.state, cmd, rules);
  }

  /** Folds stored events into the run: state, position, notifications, search attributes. */
  absorb(events: readonly NominationEvent[], at: string): ActionResult {
    const firstVersion = this.state.version + 1;
    this.state = events.reduce(evolve, this.state);
    this.position = at;
    this.outbox.push(...notificationsFor(events, this.state, firstVersion));
    const attributes = searchAttributesOf(this.state);
    const signature = JSON.stringify(attributes);
    if (attributes && signature !== this.lastSearchAttributes) {
      upsertSearchAttributes(attributes);
      this.lastSearchAttributes = signature;
    }
    const { state } = this;
    return {
      nominationId: this.nominationId,
      stage: state.stage,
      ...(state.stage === 'Closed' ? { outcome: outcomeShown(state) } : {}),
      version: state.version,
      position: this.position,
      eventTypes: events.map((e) => e.type),
    };
  }

  /**
   * Reads and folds what the stream holds beyond the run's version, one
   * causing action at a time. An action of this workflow among them (its earlier
   * attempt committed, then its task failed) is remembered as answered, so its
   * caller gets the stored result instead of a second decision.
   */
  async catchUp(): Promise<void> {
    const { events } = await loadEvents({ streamName: this.streamName, fromVersion: this.state.version + 1 });
    for (let i = 0; i < events.length;) {
      const causationId = events[i]!.causationId;
      let end = i + 1;
      while (end < events.length && events[end]!.causationId === causationId) end++;
      const group: LoadedEvent[] = events.slice(i, end);
      const result = this.absorb(
        group.map((e) => toNominationEvent(e)),
        group[group.length - 1]!.position,
      );
      if (causationId !== undefined) this.alreadyStored.set(causationId, result);
      i = end;
    }
  }

  private takeAlreadyStored(causationId: string, rules: PolicySet): ActionResult | undefined {
    const stored = this.alreadyStored.get(causationId);
    if (!stored) return undefined;
    this.alreadyStored.delete(causationId);
    this.policy = rules;
    return stored;
  }

  /** Decides the command, appends its events (validated once, by the store) and folds them in. */
  async apply(
    cmd: NominationCommand,
    rules: PolicySet,
    causationId: string,
    proof?: ActionProof,
  ): Promise<ActionResult> {
    const stored = this.takeAlreadyStored(causationId, rules);
    if (stored) return stored;
    const decision = this.decideOnce(cmd, rules, causationId);
    if (!decision.ok) throw domainFailure(decision.error);
    const { state, streamName, nominationId } = this;
    const events: NominationEvent[] = decision.events;
    const info = workflowInfo();
    const firstVersion = state.version + 1;
    const retryWindow =
      state.stage !== 'Initial' && 'stageDeadline' in state && state.stageDeadline
        ? Math.max(MIN_APPEND_RETRY_WINDOW_MS, Date.parse(state.stageDeadline) - Date.now())
        : MIN_APPEND_RETRY_WINDOW_MS;
    const reservation = reservationFor(state, cmd.type);
    const appendInput = {
      streamName,
      expectedVersion: state.version,
      // The activity's input is not part of the history's commands: histories recorded without it replay as they were.
      ...(reservation ? { reserve: { ...reservation, nominationId, at: cmd.at, by: { ...cmd.actor } } } : {}),
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
        await this.catchUp();
        const mine = this.takeAlreadyStored(causationId, rules);
        if (mine) return mine;
      }
      throw failure;
    }
    this.policy = rules;
    return this.absorb(events, result.position);
  }

  async deliverNotifications(): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox.splice(0, this.outbox.length);
      await notify(batch);
    }
  }
}
