import { Inject, Injectable } from '@nestjs/common';
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type Client,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { Semaphore } from 'async-mutex';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import {
  decide,
  reportedOutcome,
  type ActiveState,
  type Actor,
  type NominationCommand,
  type NominationCommandType,
  type NominationState,
  type PolicySet,
} from '@laurel/domain';
import type { nominationWorkflow } from '@laurel/workflows/nomination/nomination.workflow';
import {
  draftUpdate,
  nominationWorkflowId,
  stateQuery,
  type ActionArgs,
  type ActionResult,
} from '@laurel/workflows/nomination/messages';
import type { DraftNomination } from '@laurel/domain';
import { foldStream } from '@laurel/infra/audit/reconcile';
import type { Directory } from '@laurel/infra/directory';
import { formatPosition, type RecordedEvent } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import { assertInScope, assertRoleMayAct, type NominationScope } from '../access/nomination-access';
import type { ApiOptions } from '../api-options';
import { firstEvent, readNomination } from '../audit/audit-events';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ActionPending, actionIdOf } from '../common/action-pending';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { requestDeadline } from '../common/request-deadline';
import { apiErrorFromTemporal, nominationNotFound, temporalUnavailable } from '../common/temporal-errors';
import type { ApiMetrics } from '../metrics/api-metrics';
import { API_OPTIONS, CLOCK, DIRECTORY, METRICS, STORES, TEMPORAL_CLIENT } from '../tokens';
import { apiErrorFromDomain } from './domain-errors';
import { SerialQueues } from './serial-queues';
import { workflowMetadataFor, type ReopenReason, type WorkflowMetadata } from './workflow-metadata';

/** The id part of a stream name the store accepts; anything else cannot name a nomination. */
const NOMINATION_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;

/** An id no nomination can have is a 404 before any read: it never reaches Temporal or the store. */
function assertNominationId(nominationId: string): void {
  if (!NOMINATION_ID.test(nominationId)) throw nominationNotFound(nominationId);
}

/**
 * Kept back from a request's deadline: time to tell "no worker" from
 * "Temporal unreachable" (PROBE_MS) and to write the answer, so the answer
 * leaves before the deadline, not after it.
 */
const ANSWER_MARGIN_MS = 1_500;
const PROBE_MS = 1_000;

/** Links of one Idempotency-Key's chain of updates (see `sendChain`); each is one update in the run's history. */
const MAX_LINKS = 20;

/** Store refusals that say "the stream is not where the workflow thought", which the workflow then catches up on. */
const STORE_CONFLICTS: ReadonlySet<string> = new Set(['CONCURRENCY_CONFLICT', 'EVENT_ID_CONFLICT']);

/** Scopes never change after drafting: kept per process, bounded. */
const SCOPE_CACHE_SIZE = 10_000;

/** A session or decision list reads up to 2,000 nominations: this many streams at a time, well inside the pool. */
const STREAM_READS_AT_ONCE = 8;

/** What the domain records as the actor: ids only; names live in the directory. */
export function actorOf(user: AuthenticatedUser): Actor {
  return {
    userId: user.userId,
    role: user.role,
    ...(user.unitId !== undefined ? { unitId: user.unitId } : {}),
    ...(user.blockId !== undefined ? { blockId: user.blockId } : {}),
  };
}

export function scopeOf(state: ActiveState): NominationScope {
  const { nominationId, province, blockId, proposingUnitId } = state.nomination;
  return { nominationId, province, blockId, proposingUnitId };
}

/** An accepted Idempotency-Key becomes the Update's id, scoped to the caller and the action. */
function updateIdFor(command: NominationCommandType, user: AuthenticatedUser, idempotencyKey?: string) {
  return idempotencyKey === undefined ? undefined : `${command}:${user.userId}:${idempotencyKey}`;
}

/**
 * The k-th update sent for one Idempotency-Key: the key's own update id first,
 * then `<id> #2`, `<id> #3`, … A key is visible ASCII without spaces, so the
 * space keeps a link apart from any key.
 */
export function linkId(base: string, link: number): string {
  return link === 1 ? base : `${base} #${link}`;
}

/** The key's update id and the link's number, from one link's update id. */
export function chainOf(updateId: string): { base: string; link: number } {
  const match = / #(\d{1,3})$/.exec(updateId);
  return match ? { base: updateId.slice(0, match.index), link: Number(match[1]) } : { base: updateId, link: 1 };
}

/** What a handler may read to build an action's arguments: the scope at once, the state when asked. */
export interface ActionTarget {
  readonly scope: NominationScope;
  /** The nomination folded from its stream (the store is the record; no workflow query). */
  state(): Promise<ActiveState>;
}

type StartUpdate = (
  updateId: string | undefined,
  deadline: number,
  link: number,
) => Promise<WorkflowUpdateHandle<ActionResult>>;

/**
 * The API's side of the nomination workflow: finds a nomination, checks the
 * caller may act on it, and sends the Update; Temporal's refusals come back
 * as ApiErrors with the domain's codes.
 *
 * An action is one Temporal round trip: the scope comes from the stream's
 * first event (immutable, cached), never from a workflow query, and the
 * workflow's validator judges the rest. Its answers are true ones:
 * - applied → 200/201 with the result;
 * - accepted by the workflow but not applied within the request's deadline
 *   (the store out of reach) → 202 with the action's id and a route to poll;
 * - not accepted in time with Temporal up → 503 NO_WORKER; Temporal itself
 *   not answering → 503 TEMPORAL_UNAVAILABLE.
 *
 * An Idempotency-Key is never burned by a failed attempt: when its update
 * failed on the store (unreachable past the workflow's retry window, or a
 * conflict the workflow then caught up on), the next request with the same key
 * sends the next link of its chain (`<key>#2`, …), after first looking in the
 * store for events any earlier link caused: an append that timed out but
 * committed later is found there and adopted as the answer.
 */
@Injectable()
export class NominationWorkflows {
  private readonly queues = new SerialQueues();
  private readonly scopes = new Map<string, NominationScope>();
  /** Failures that came back from startUpdate: the validator refused, so the handler never ran. */
  private readonly rejections = new WeakSet<object>();

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    @Inject(METRICS) private readonly metrics: ApiMetrics,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(STORES) private readonly stores: Stores,
    @InjectPinoLogger(NominationWorkflows.name) private readonly logger: PinoLogger,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  /** Who and what, for the Temporal UI's list and detail page. */
  private metadata(
    nominationId: string,
    n: Pick<DraftNomination, 'nominee' | 'awardType' | 'campaignYear' | 'proposingUnitId'>,
    reopenedFor?: ReopenReason,
  ): WorkflowMetadata {
    const label = {
      nominationId,
      nomineeName: n.nominee.name,
      nomineeKind: n.nominee.kind,
      awardType: n.awardType,
      campaignYear: n.campaignYear,
      unitId: n.proposingUnitId,
      unitName: this.directory.unit(n.proposingUnitId)?.name,
    };
    return workflowMetadataFor(label, reopenedFor);
  }

  private withDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + ms, fn);
  }

  /** The nomination as its workflow holds it (secret ballots sealed); 404 when there is none. */
  async state(nominationId: string): Promise<ActiveState> {
    assertNominationId(nominationId);
    let state: NominationState;
    try {
      state = await this.withDeadline(this.options.queryTimeoutMs, () =>
        this.client.workflow.getHandle(nominationWorkflowId(nominationId)).query(stateQuery),
      );
    } catch (error) {
      throw apiErrorFromTemporal(error, nominationId) ?? error;
    }
    // A workflow whose draft was refused holds no nomination: nothing to show or act on.
    if (state.stage === 'Initial') throw nominationNotFound(nominationId);
    return state;
  }

  /** Where a nomination sits, from its first event (NominationDrafted), which never changes; 404 when none. */
  async scope(nominationId: string): Promise<NominationScope> {
    assertNominationId(nominationId);
    const cached = this.scopes.get(nominationId);
    if (cached) return cached;
    const first = await firstEvent(this.stores.events, nominationId);
    const data = first?.type === 'NominationDrafted' ? first.data : undefined;
    const { province, blockId, proposingUnitId } = data ?? {};
    if (typeof province !== 'string' || typeof blockId !== 'string' || typeof proposingUnitId !== 'string') {
      throw nominationNotFound(nominationId);
    }
    const campaignId = typeof data?.campaignId === 'string' ? data.campaignId : undefined;
    const scope = { nominationId, province, blockId, proposingUnitId, ...(campaignId ? { campaignId } : {}) };
    if (this.scopes.size >= SCOPE_CACHE_SIZE) this.scopes.delete(this.scopes.keys().next().value!);
    this.scopes.set(nominationId, scope);
    return scope;
  }

  /** The nomination folded from its stream; 404 when the stream is empty. */
  async storedState(nominationId: string): Promise<ActiveState> {
    assertNominationId(nominationId);
    const state = foldStream(await readNomination(this.stores.events, nominationId));
    if (state.stage === 'Initial') throw nominationNotFound(nominationId);
    return state;
  }

  /**
   * Several nominations folded from their streams, in the order asked, a few
   * at a time: an agenda of 2,000 costs neither 2,000 serial reads nor a
   * Temporal query each. 404 when any of them is unknown.
   */
  async storedStates(nominationIds: readonly string[]): Promise<ActiveState[]> {
    const reads = new Semaphore(STREAM_READS_AT_ONCE);
    return Promise.all(nominationIds.map((id) => reads.runExclusive(() => this.storedState(id))));
  }

  /**
   * One action on an existing nomination: checks the caller's role and scope,
   * builds the Update's arguments (`build` may read the stored state, and may
   * refuse by throwing), and sends the Update.
   *
   * A nomination's actions run one at a time in this process: a burst (fifty
   * clicks on "vote") reaches the workflow as a queue, each judged by the
   * validator against the state the previous one left, instead of overrunning
   * Temporal's per-workflow limit on in-flight updates. Time in the queue
   * counts against the request's deadline: an action that waited it out is
   * never sent (503 NOMINATION_BUSY).
   */
  async actWith<Args>(
    user: AuthenticatedUser,
    nominationId: string,
    command: NominationCommandType,
    definition: UpdateDefinition<ActionResult, [Args]>,
    build: (target: ActionTarget) => Args | Promise<Args>,
    idempotencyKey?: string,
  ): Promise<ActionResult> {
    const deadline = requestDeadline(this.options.actionTimeoutMs);
    const workflowId = nominationWorkflowId(nominationId);
    const base = updateIdFor(command, user, idempotencyKey);
    try {
      assertRoleMayAct(user, command);
      const scope = await this.scope(nominationId);
      assertInScope(user, command, scope);
      const result = await this.queued(workflowId, nominationId, deadline, async () => {
        let args: Args;
        try {
          args = await build({ scope, state: () => this.storedState(nominationId) });
        } catch (error) {
          // A retry whose first attempt was applied meets a refusal now ("already submitted"): the first answer stands.
          const answered = base === undefined ? undefined : await this.storedAnswer(nominationId, base, MAX_LINKS);
          if (answered) return answered;
          throw error;
        }
        const handle = this.client.workflow.getHandle(workflowId);
        return this.sendChain(nominationId, command, base, deadline, (updateId, by) =>
          this.client.connection.withDeadline(by, () =>
            handle.startUpdate(definition, {
              args: [args] as [Args],
              waitForStage: 'ACCEPTED',
              ...(updateId !== undefined ? { updateId } : {}),
            }),
          ),
        );
      });
      this.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      throw this.failed(command, workflowId, user, nominationId, error);
    }
  }

  /** An action whose arguments do not depend on the nomination's state. */
  act<Args>(
    user: AuthenticatedUser,
    nominationId: string,
    command: NominationCommandType,
    definition: UpdateDefinition<ActionResult, [Args]>,
    args: Args,
    idempotencyKey?: string,
  ): Promise<ActionResult> {
    return this.actWith(user, nominationId, command, definition, () => args, idempotencyKey);
  }

  /**
   * Starts a nomination's workflow with its draft as an update-with-start: the
   * caller learns at once whether the draft was taken. A run is terminated
   * only when it provably holds nothing: its validator refused the draft and
   * its history shows no update ever accepted, so no append was ever tried. A
   * draft that failed on the store is never terminated: its append may still
   * commit, and the next request with the same key adopts it (see sendChain).
   */
  async start(
    user: AuthenticatedUser,
    nominationId: string,
    policy: PolicySet,
    args: ActionArgs<DraftNomination>,
    idempotencyKey?: string,
  ): Promise<ActionResult> {
    const command: NominationCommandType = 'DraftNomination';
    const deadline = requestDeadline(this.options.actionTimeoutMs);
    const workflowId = nominationWorkflowId(nominationId);
    const base = updateIdFor(command, user, idempotencyKey);
    const handle = this.client.workflow.getHandle(workflowId);
    const startUpdate: StartUpdate = (updateId, by, link) =>
      this.client.connection.withDeadline(by, async () => {
        const options = { args: [args] as [ActionArgs<DraftNomination>], ...(updateId ? { updateId } : {}) };
        if (link === 1) {
          try {
            return await this.client.workflow.startUpdateWithStart(draftUpdate, {
              ...options,
              waitForStage: 'ACCEPTED',
              startWorkflowOperation: new WithStartWorkflowOperation<typeof nominationWorkflow>('nominationWorkflow', {
                workflowId,
                taskQueue: this.options.taskQueue,
                args: [{ nominationId, policy }],
                workflowIdConflictPolicy: 'FAIL',
                ...this.metadata(nominationId, args),
              }),
            });
          } catch (error) {
            // A retry of the same idempotent request finds its workflow started: the update's id finds the first answer.
            if (updateId === undefined || !isAlreadyStarted(error)) throw error;
          }
        }
        return handle.startUpdate(draftUpdate, { ...options, waitForStage: 'ACCEPTED' });
      });
    try {
      const result = await this.sendChain(nominationId, command, base, deadline, startUpdate);
      this.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && this.rejections.has(error)) {
        await this.terminateIfNeverAccepted(workflowId);
      }
      throw this.failed(command, workflowId, user, nominationId, error);
    }
  }

  /**
   * An action on a closed nomination (revoking an award): its workflow has
   * ended, so a new run of the same workflow id is started with the action as
   * an update-with-start. The run folds the stream, takes the action and
   * completes; it names the run before it, so verification walks every run.
   */
  async reopen<Args extends object>(
    user: AuthenticatedUser,
    nominationId: string,
    command: NominationCommandType,
    definition: UpdateDefinition<ActionResult, [Args]>,
    policyFor: (state: ActiveState) => PolicySet,
    args: Args,
    idempotencyKey?: string,
  ): Promise<ActionResult> {
    const deadline = requestDeadline(this.options.actionTimeoutMs);
    const workflowId = nominationWorkflowId(nominationId);
    const base = updateIdFor(command, user, idempotencyKey);
    try {
      assertRoleMayAct(user, command);
      const scope = await this.scope(nominationId);
      assertInScope(user, command, scope);
      const result = await this.queued(workflowId, nominationId, deadline, async () => {
        const state = await this.storedState(nominationId);
        const policy = policyFor(state);
        // The decider first, here: a refused action never starts a run.
        const at = this.clock().toISOString();
        // The update's arguments are the command without the stamps the workflow adds.
        const stamped = { ...args, type: command, nominationId, at } as unknown as NominationCommand;
        const decision = decide(state, stamped, policy);
        if (!decision.ok) {
          const refusal = apiErrorFromDomain(decision.error);
          const answered = base === undefined ? undefined : await this.storedAnswer(nominationId, base, MAX_LINKS);
          if (answered) return answered;
          throw refusal;
        }
        const handle = this.client.workflow.getHandle(workflowId);
        const { runId, status } = await this.client.connection.withDeadline(deadline - ANSWER_MARGIN_MS, () =>
          handle.describe(),
        );
        if (status.name === 'RUNNING') throw actionUnderWay(nominationId);
        return this.sendChain(nominationId, command, base, deadline, (updateId, by) =>
          this.client.connection.withDeadline(by, () =>
            this.client.workflow.startUpdateWithStart(definition, {
              args: [args],
              waitForStage: 'ACCEPTED',
              ...(updateId !== undefined ? { updateId } : {}),
              startWorkflowOperation: new WithStartWorkflowOperation<typeof nominationWorkflow>('nominationWorkflow', {
                workflowId,
                taskQueue: this.options.taskQueue,
                args: [{ nominationId, policy, reopenedFrom: { runId } }],
                ...this.metadata(nominationId, state.nomination, reopenReason(command)),
                workflowIdReusePolicy: 'ALLOW_DUPLICATE',
                // Two revocations racing: the second finds the first's run and is refused.
                workflowIdConflictPolicy: 'FAIL',
              }),
            }),
          ),
        );
      });
      this.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      throw this.failed(
        command,
        workflowId,
        user,
        nominationId,
        isAlreadyStarted(error) ? actionUnderWay(nominationId) : error,
      );
    }
  }

  /**
   * The answer to an action sent earlier (a 202's poll route): its result, its
   * refusal, or still pending. A link that failed on the store is answered by
   * what the store holds, as a retry would be.
   */
  async outcome(nominationId: string, updateId: string): Promise<ActionResult> {
    const handle = this.client.workflow
      .getHandle(nominationWorkflowId(nominationId))
      .getUpdateHandle<ActionResult>(updateId);
    try {
      return await this.withDeadline(Math.min(this.options.queryTimeoutMs, 5_000), () => handle.result());
    } catch (error) {
      if (isOutcomeUnknown(error)) throw new ActionPending(nominationId, actionIdOf(updateId));
      if (error instanceof WorkflowNotFoundError) {
        throw new ApiError(404, 'NOT_FOUND', `no action ${actionIdOf(updateId)} on nomination ${nominationId}`, {
          nominationId,
          actionId: actionIdOf(updateId),
        });
      }
      const { base, link } = chainOf(updateId);
      const stored = await this.storedAnswer(nominationId, base, link);
      if (stored) return stored;
      throw apiErrorFromTemporal(error, nominationId) ?? error;
    }
  }

  /**
   * Sends one action's update, link by link of its key's chain (see the class
   * comment). A link that failed on the store is passed over, once the store
   * has been searched for what any earlier link appended; any other answer
   * (the result, a refusal) is the answer.
   */
  private async sendChain(
    nominationId: string,
    command: NominationCommandType,
    base: string | undefined,
    deadline: number,
    startUpdate: StartUpdate,
  ): Promise<ActionResult> {
    for (let link = 1; ; link++) {
      const updateId = base === undefined ? undefined : linkId(base, link);
      try {
        return await this.sendOnce(nominationId, command, updateId, link, deadline, startUpdate);
      } catch (error) {
        if (base === undefined || error instanceof ActionPending) throw error;
        const stored = await this.storedAnswer(nominationId, base, link);
        if (stored) {
          // The store took the events after the workflow gave the append up: the workflow is behind its stream
          // (a draft's run even thinks it holds nothing). The next link's append conflicts, and the workflow
          // catches up on it; its own answer is not awaited: the stored one is this action's.
          if (failedUnreachable(error)) await this.nudge(startUpdate, linkId(base, link + 1), link + 1, deadline);
          return stored;
        }
        if (!failedOnTheStore(error) || link >= MAX_LINKS || Date.now() >= deadline - ANSWER_MARGIN_MS) throw error;
        this.logger.info(
          { nominationId, command, link },
          'the key’s last update failed on the store; sending the next',
        );
      }
    }
  }

  private async nudge(startUpdate: StartUpdate, updateId: string, link: number, deadline: number): Promise<void> {
    try {
      await startUpdate(updateId, Math.min(deadline - ANSWER_MARGIN_MS, Date.now() + PROBE_MS * 5), link);
    } catch (error) {
      // Harmless: the workflow also catches up at its next append.
      this.logger.info({ updateId, err: error }, 'could not have the workflow catch up on its stream now');
    }
  }

  private async sendOnce(
    nominationId: string,
    command: NominationCommandType,
    updateId: string | undefined,
    link: number,
    deadline: number,
    startUpdate: StartUpdate,
  ): Promise<ActionResult> {
    const by = deadline - ANSWER_MARGIN_MS;
    let handle: WorkflowUpdateHandle<ActionResult>;
    try {
      handle = await startUpdate(updateId, by, link);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) this.rejections.add(error);
      if (isDeadline(error)) throw await this.notAccepted(error, nominationId);
      if (error instanceof WorkflowNotFoundError) throw await this.closedRefusal(nominationId, command, error);
      throw error;
    }
    try {
      return await this.client.connection.withDeadline(by, () => handle.result());
    } catch (error) {
      // Accepted is durable: whatever Temporal or the store do now, the action is in the run's history and will run.
      if (isOutcomeUnknown(error)) throw new ActionPending(nominationId, actionIdOf(handle.updateId));
      throw error;
    }
  }

  /** Not accepted within the deadline: Temporal is not answering, or it is and no worker took the workflow task. */
  private async notAccepted(error: unknown, nominationId: string): Promise<ApiError> {
    try {
      await this.withDeadline(PROBE_MS, () => this.client.workflowService.getSystemInfo({}));
    } catch {
      return temporalUnavailable(error);
    }
    return new ApiError(
      503,
      ApiErrorCode.NO_WORKER,
      'Temporal is up but no worker took the action within the request’s deadline; it has not been applied. ' +
        'Retry with the same Idempotency-Key: it acts at most once',
      { nominationId },
    );
  }

  /** The nomination's workflow has ended: closed nominations take no more updates (reopen is for revocations). */
  private async closedRefusal(nominationId: string, command: NominationCommandType, error: unknown): Promise<unknown> {
    let state: NominationState;
    try {
      state = foldStream(await readNomination(this.stores.events, nominationId));
    } catch {
      return error;
    }
    if (state.stage === 'Initial') return nominationNotFound(nominationId);
    return new ApiError(409, 'WRONG_STAGE', `${command} is not allowed: the nomination is closed`, {
      stage: state.stage,
      ...(state.stage === 'Closed' ? { outcome: reportedOutcome(state) } : {}),
    });
  }

  /**
   * The answer recorded in the store for links 1..`links` of a key: the events
   * one of them caused (their causation id is the update id), folded. This is
   * how an append that committed after its attempt was given up is adopted.
   * Undefined when the store holds none, or cannot be read now.
   */
  private async storedAnswer(nominationId: string, base: string, links: number): Promise<ActionResult | undefined> {
    const ids = new Set(Array.from({ length: links }, (_, i) => linkId(base, i + 1)));
    let events: RecordedEvent[];
    try {
      events = await readNomination(this.stores.events, nominationId);
    } catch {
      return undefined;
    }
    const causeOf = (e: RecordedEvent) => e.metadata['causationId'];
    const first = events.findIndex((e) => ids.has(String(causeOf(e))));
    if (first < 0) return undefined;
    let last = first;
    while (last + 1 < events.length && causeOf(events[last + 1]!) === causeOf(events[first]!)) last++;
    const state = foldStream(events.slice(0, last + 1));
    if (state.stage === 'Initial') return undefined;
    const end = events[last]!;
    return {
      nominationId,
      stage: state.stage,
      ...(state.stage === 'Closed' ? { outcome: reportedOutcome(state) } : {}),
      version: end.version,
      position: formatPosition(end.position),
      eventTypes: events.slice(first, last + 1).map((e) => e.type),
    };
  }

  /** Runs `task` in the nomination's queue; the request's deadline runs from its arrival, queue time included. */
  private queued<T>(key: string, nominationId: string, deadline: number, task: () => Promise<T>): Promise<T> {
    let started = false;
    let expired = false;
    const run = this.queues.run(key, () => {
      if (expired) return Promise.reject(nominationBusy(nominationId));
      started = true;
      return task();
    });
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          if (started) return;
          expired = true;
          reject(nominationBusy(nominationId));
        },
        Math.max(0, deadline - ANSWER_MARGIN_MS - Date.now()),
      );
      run.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Ends a run only when it provably holds nothing: no update was ever accepted, so nothing was ever appended. */
  private async terminateIfNeverAccepted(workflowId: string): Promise<void> {
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      const history = await this.withDeadline(this.options.queryTimeoutMs, () => handle.fetchHistory());
      const accepted = (history.events ?? []).some((e) => e.workflowExecutionUpdateAcceptedEventAttributes != null);
      if (!accepted) await handle.terminate('the draft was refused; the nomination was never created');
    } catch (error) {
      this.logger.warn({ workflowId, err: error }, 'could not clear the workflow of a refused draft');
    }
  }

  private failed(
    command: NominationCommandType,
    workflowId: string,
    user: AuthenticatedUser,
    nominationId: string,
    error: unknown,
  ): unknown {
    if (error instanceof ActionPending) {
      this.metrics.actions.inc({ action: command, result: 'pending' });
      this.logger.info(
        { workflowId, action: command, userId: user.userId, actionId: error.actionId },
        'action pending',
      );
      return error;
    }
    const mapped = apiErrorFromTemporal(error, nominationId) ?? error;
    this.count(command, mapped);
    this.refused(command, workflowId, user, mapped);
    return mapped;
  }

  /** Counts (and logs) an action refused before any workflow was asked, e.g. a draft the decider turned down. */
  refusedEarly(command: NominationCommandType, user: AuthenticatedUser, error: unknown): void {
    this.count(command, error);
    this.refused(command, '', user, error);
  }

  private count(command: NominationCommandType, error: unknown): void {
    this.metrics.actions.inc({ action: command, result: error instanceof ApiError ? error.code : 'ERROR' });
  }

  private accepted(command: NominationCommandType, workflowId: string, user: AuthenticatedUser, result: ActionResult) {
    this.metrics.actions.inc({ action: command, result: 'accepted' });
    this.logger.info(
      {
        workflowId,
        action: command,
        userId: user.userId,
        role: user.role,
        stage: result.stage,
        version: result.version,
        position: result.position,
      },
      'action accepted',
    );
  }

  private refused(command: NominationCommandType, workflowId: string, user: AuthenticatedUser, error: unknown) {
    const code = error instanceof ApiError ? error.code : 'ERROR';
    this.logger.info({ workflowId, action: command, userId: user.userId, role: user.role, code }, 'action refused');
  }
}

/** A reopened run of this nomination is still taking another action. */
function actionUnderWay(nominationId: string): ApiError {
  return new ApiError(409, 'CONCURRENCY_CONFLICT', `another action on nomination ${nominationId} is under way`, {
    nominationId,
  });
}

function nominationBusy(nominationId: string): ApiError {
  return new ApiError(
    503,
    ApiErrorCode.NOMINATION_BUSY,
    'other actions on this nomination took this request’s whole deadline; this one was not sent. Retry',
    { nominationId },
  );
}

function reopenReason(command: NominationCommandType): ReopenReason | undefined {
  return command === 'RevokeAward' || command === 'RecordDocument' ? command : undefined;
}

function isAlreadyStarted(error: unknown): boolean {
  return error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError';
}

// gRPC: CANCELLED, DEADLINE_EXCEEDED.
const DEADLINE_CODES = new Set([1, 4]);
// gRPC: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE.
const UNREACHABLE_CODES = new Set([1, 4, 8, 14]);

function grpcCodeOf(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (isGrpcServiceError(e)) return e.code;
  }
  return undefined;
}

function isDeadline(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCodeOf(error);
  return code !== undefined && DEADLINE_CODES.has(code);
}

/** Waiting for an accepted update's outcome ran out of time, or Temporal went away meanwhile. */
function isOutcomeUnknown(error: unknown): boolean {
  if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) return false;
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCodeOf(error);
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

/** The update ran and its append failed for want of a store: the workflow did not see what the store may now hold. */
function failedUnreachable(error: unknown): boolean {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ActivityFailure;
}

/** The update ran and failed because of the store (out of reach, or a conflict the workflow caught up on). */
function failedOnTheStore(error: unknown): boolean {
  if (!(error instanceof WorkflowUpdateFailedError)) return false;
  const cause = error.cause;
  if (cause instanceof ActivityFailure) return true;
  return cause instanceof ApplicationFailure && STORE_CONFLICTS.has(cause.type ?? '');
}
