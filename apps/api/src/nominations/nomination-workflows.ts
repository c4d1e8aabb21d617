import { Inject, Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import {
  decide,
  type ActiveState,
  type NominationCommand,
  type NominationCommandType,
  type PolicySet,
} from '@laurel/domain';
import type { nominationWorkflow } from '@laurel/workflows/nomination/nomination.workflow';
import {
  draftUpdate,
  nominationWorkflowId,
  type ActionArgs,
  type ActionResult,
} from '@laurel/workflows/nomination/messages';
import type { DraftNomination } from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import type { Stores } from '@laurel/infra/runtime/stores';
import { assertInScope, assertRoleMayAct, type NominationScope } from '../access/nomination-access';
import type { ApiOptions } from '../api-options';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ActionPending, actionIdOf } from '../common/action-pending';
import { ApiError } from '../common/api-error';
import { requestDeadline } from '../common/request-deadline';
import { apiErrorFromTemporal } from '../common/temporal-errors';
import type { ApiMetrics } from '../metrics/api-metrics';
import { API_OPTIONS, CLOCK, DIRECTORY, METRICS, STORES, TEMPORAL_CLIENT } from '../tokens';
import { ActionLog } from './action-log';
import { ActionQueues } from './action-queues';
import { apiErrorFromDomain } from './domain-errors';
import { NominationReads } from './nomination-reads';
import { actionUnderWay, isAlreadyStarted, isOutcomeUnknown } from './update-failures';
import { ANSWER_MARGIN_MS, MAX_LINKS, UpdateChain, chainOf, updateIdFor, type StartUpdate } from './update-chain';
import { workflowMetadataFor, type ReopenReason, type WorkflowMetadata } from './workflow-metadata';

// Its many callers import these from here.
export { actorOf, scopeOf } from './actor-and-scope';

/** What a handler may read to build an action's arguments: the scope at once, the state when asked. */
export interface ActionTarget {
  readonly scope: NominationScope;
  /** The nomination folded from its stream (the store is the record; no workflow query). */
  state(): Promise<ActiveState>;
}

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
 *
 * The reads, the chain, the failure classes and the counting live beside it:
 * nomination-reads.ts, update-chain.ts, update-failures.ts, action-log.ts.
 */
@Injectable()
export class NominationWorkflows {
  private readonly queues = new ActionQueues();
  private readonly reads: NominationReads;
  private readonly chain: UpdateChain;
  private readonly log: ActionLog;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    @Inject(METRICS) metrics: ApiMetrics,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(STORES) stores: Stores,
    @InjectPinoLogger(NominationWorkflows.name) private readonly logger: PinoLogger,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {
    this.reads = new NominationReads(client, options, stores);
    this.chain = new UpdateChain(client, stores, logger);
    this.log = new ActionLog(metrics, logger);
  }

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
  state(nominationId: string): Promise<ActiveState> {
    return this.reads.state(nominationId);
  }

  /** Where a nomination sits, from its first event (NominationDrafted), which never changes; 404 when none. */
  scope(nominationId: string): Promise<NominationScope> {
    return this.reads.scope(nominationId);
  }

  /** The nomination folded from its stream; 404 when the stream is empty. */
  storedState(nominationId: string): Promise<ActiveState> {
    return this.reads.storedState(nominationId);
  }

  /**
   * Several nominations folded from their streams, in the order asked, a few
   * at a time: an agenda of 2,000 costs neither 2,000 serial reads nor a
   * Temporal query each. 404 when any of them is unknown.
   */
  storedStates(nominationIds: readonly string[]): Promise<ActiveState[]> {
    return this.reads.storedStates(nominationIds);
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
      const result = await this.queues.run(workflowId, nominationId, deadline, async () => {
        let args: Args;
        try {
          args = await build({ scope, state: () => this.storedState(nominationId) });
        } catch (error) {
          // A retry whose first attempt was applied meets a refusal now ("already submitted"): the first answer stands.
          const answered =
            base === undefined ? undefined : await this.chain.storedAnswer(nominationId, base, MAX_LINKS);
          if (answered) return answered;
          throw error;
        }
        const handle = this.client.workflow.getHandle(workflowId);
        return this.chain.send(nominationId, command, base, deadline, (updateId, by) =>
          this.client.connection.withDeadline(by, () =>
            handle.startUpdate(definition, {
              args: [args] as [Args],
              waitForStage: 'ACCEPTED',
              ...(updateId !== undefined ? { updateId } : {}),
            }),
          ),
        );
      });
      this.log.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      throw this.log.failed(command, workflowId, user, nominationId, error);
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
   * commit, and the next request with the same key adopts it (see UpdateChain.send).
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
      const result = await this.chain.send(nominationId, command, base, deadline, startUpdate);
      this.log.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      if (this.chain.wasRejected(error)) {
        await this.terminateIfNeverAccepted(workflowId);
      }
      throw this.log.failed(command, workflowId, user, nominationId, error);
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
      const result = await this.queues.run(workflowId, nominationId, deadline, async () => {
        const state = await this.storedState(nominationId);
        const policy = policyFor(state);
        // The decider first, here: a refused action never starts a run.
        const at = this.clock().toISOString();
        // The update's arguments are the command without the stamps the workflow adds.
        const stamped = { ...args, type: command, nominationId, at } as unknown as NominationCommand;
        const decision = decide(state, stamped, policy);
        if (!decision.ok) {
          const refusal = apiErrorFromDomain(decision.error);
          const answered =
            base === undefined ? undefined : await this.chain.storedAnswer(nominationId, base, MAX_LINKS);
          if (answered) return answered;
          throw refusal;
        }
        const handle = this.client.workflow.getHandle(workflowId);
        const { runId, status } = await this.client.connection.withDeadline(deadline - ANSWER_MARGIN_MS, () =>
          handle.describe(),
        );
        if (status.name === 'RUNNING') throw actionUnderWay(nominationId);
        return this.chain.send(nominationId, command, base, deadline, (updateId, by) =>
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
      this.log.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      throw this.log.failed(
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
      const stored = await this.chain.storedAnswer(nominationId, base, link);
      if (stored) return stored;
      throw apiErrorFromTemporal(error, nominationId) ?? error;
    }
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

  /** Counts (and logs) an action refused before any workflow was asked, e.g. a draft the decider turned down. */
  refusedEarly(command: NominationCommandType, user: AuthenticatedUser, error: unknown): void {
    this.log.refused(command, '', user, error);
  }
}

function reopenReason(command: NominationCommandType): ReopenReason | undefined {
  return command === 'RevokeAward' || command === 'RecordDocument' ? command : undefined;
}
