import { Inject, Injectable } from '@nestjs/common';
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
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
import type { Directory } from '@laurel/infra/directory';
import { assertInScope, assertRoleMayAct, type NominationScope } from '../access/nomination-access';
import type { ApiOptions } from '../api-options';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { apiErrorFromTemporal, nominationNotFound } from '../common/temporal-errors';
import type { ApiMetrics } from '../metrics/api-metrics';
import { API_OPTIONS, CLOCK, DIRECTORY, METRICS, TEMPORAL_CLIENT } from '../tokens';
import { apiErrorFromDomain } from './domain-errors';
import { SerialQueues } from './serial-queues';
import { workflowMetadataFor, type ReopenReason, type WorkflowMetadata } from './workflow-metadata';

/** The id part of a stream name the store accepts; anything else cannot name a nomination. */
const NOMINATION_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;

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
 * The API's side of the nomination workflow: finds a nomination, checks the
 * caller may act on it, and sends the Update; Temporal's refusals come back
 * as ApiErrors with the domain's codes.
 */
@Injectable()
export class NominationWorkflows {
  private readonly queues = new SerialQueues();

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    @Inject(METRICS) private readonly metrics: ApiMetrics,
    @Inject(DIRECTORY) private readonly directory: Directory,
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
    if (!NOMINATION_ID.test(nominationId)) throw nominationNotFound(nominationId);
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

  /**
   * Role, existence, scope and an open nomination: what every action on an
   * existing nomination checks before the workflow is asked.
   */
  private async prepare(
    user: AuthenticatedUser,
    nominationId: string,
    command: NominationCommandType,
  ): Promise<ActiveState> {
    assertRoleMayAct(user, command);
    const state = await this.state(nominationId);
    assertInScope(user, command, scopeOf(state));
    if (state.stage === 'Closed') {
      // A closed nomination's workflow has ended and takes no more updates.
      throw new ApiError(409, 'WRONG_STAGE', `${command} is not allowed: the nomination is closed`, {
        stage: state.stage,
        outcome: reportedOutcome(state),
      });
    }
    return state;
  }

  /**
   * One action on an existing nomination: checks the caller against it, builds
   * the Update's arguments from its state (`build` may refuse by throwing),
   * and sends the Update.
   *
   * A nomination's actions run one at a time in this process, the state query
   * included: a burst (fifty clicks on "vote") reaches the workflow as a queue,
   * each judged by the validator against the state the previous one left,
   * instead of overrunning Temporal's per-workflow limits on in-flight updates
   * and buffered queries, whose retries back off for seconds.
   */
  async actWith<Args>(
    user: AuthenticatedUser,
    nominationId: string,
    command: NominationCommandType,
    definition: UpdateDefinition<ActionResult, [Args]>,
    build: (state: ActiveState) => Args | Promise<Args>,
    idempotencyKey?: string,
  ): Promise<ActionResult> {
    const workflowId = nominationWorkflowId(nominationId);
    const updateId = updateIdFor(command, user, idempotencyKey);
    let found = false;
    try {
      const result = await this.queues.run(workflowId, async () => {
        let state: ActiveState;
        try {
          state = await this.prepare(user, nominationId, command);
        } catch (error) {
          const answered = await this.answeredBefore(error, workflowId, updateId);
          if (answered) return answered;
          throw error;
        }
        found = true;
        const args = await build(state);
        return this.withDeadline(this.options.actionTimeoutMs, () =>
          this.client.workflow
            .getHandle(workflowId)
            .executeUpdate(definition, { args: [args], ...(updateId !== undefined ? { updateId } : {}) }),
        );
      });
      this.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      // The workflow was there a moment ago: it has closed since, and an ended workflow takes no updates.
      const closed = found && error instanceof WorkflowNotFoundError;
      const mapped = closed
        ? new ApiError(409, 'WRONG_STAGE', `${command} is not allowed: the nomination has closed`, { nominationId })
        : (apiErrorFromTemporal(error, nominationId) ?? error);
      this.count(command, mapped);
      this.refused(command, workflowId, user, mapped);
      throw mapped;
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
   * caller learns at once whether the draft was taken. A refused draft leaves
   * a workflow holding nothing, which is terminated so nothing lingers.
   */
  async start(
    user: AuthenticatedUser,
    nominationId: string,
    policy: PolicySet,
    args: ActionArgs<DraftNomination>,
    idempotencyKey?: string,
  ): Promise<ActionResult> {
    const command: NominationCommandType = 'DraftNomination';
    const workflowId = nominationWorkflowId(nominationId);
    const updateId = updateIdFor(command, user, idempotencyKey);
    const updateOptions = { args: [args] as [ActionArgs<DraftNomination>], ...(updateId ? { updateId } : {}) };
    try {
      const result = await this.withDeadline(this.options.actionTimeoutMs, async () => {
        try {
          return await this.client.workflow.executeUpdateWithStart(draftUpdate, {
            ...updateOptions,
            startWorkflowOperation: new WithStartWorkflowOperation<typeof nominationWorkflow>('nominationWorkflow', {
              workflowId,
              taskQueue: this.options.taskQueue,
              args: [{ nominationId, policy }],
              workflowIdConflictPolicy: 'FAIL',
              ...this.metadata(nominationId, args),
            }),
          });
        } catch (error) {
          // A retry of the same idempotent request finds its workflow started: the update's id returns the first answer.
          if (updateId !== undefined && isAlreadyStarted(error)) {
            return this.client.workflow.getHandle(workflowId).executeUpdate(draftUpdate, updateOptions);
          }
          throw error;
        }
      });
      this.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) await this.terminateIfEmpty(workflowId);
      const mapped = apiErrorFromTemporal(error, nominationId) ?? error;
      this.count(command, mapped);
      this.refused(command, workflowId, user, mapped);
      throw mapped;
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
    const workflowId = nominationWorkflowId(nominationId);
    const updateId = updateIdFor(command, user, idempotencyKey);
    try {
      const result = await this.queues.run(workflowId, async () => {
        assertRoleMayAct(user, command);
        const state = await this.state(nominationId);
        assertInScope(user, command, scopeOf(state));
        const policy = policyFor(state);
        // The decider first, here: a refused action never starts a run.
        const at = this.clock().toISOString();
        // The update's arguments are the command without the stamps the workflow adds.
        const stamped = { ...args, type: command, nominationId, at } as unknown as NominationCommand;
        const decision = decide(state, stamped, policy);
        if (!decision.ok) {
          const refusal = apiErrorFromDomain(decision.error);
          const answered = await this.answeredBefore(refusal, workflowId, updateId);
          if (answered) return answered;
          throw refusal;
        }
        const handle = this.client.workflow.getHandle(workflowId);
        const { runId, status } = await this.withDeadline(this.options.queryTimeoutMs, () => handle.describe());
        if (status.name === 'RUNNING') throw actionUnderWay(nominationId);
        return this.withDeadline(this.options.actionTimeoutMs, () =>
          this.client.workflow.executeUpdateWithStart(definition, {
            args: [args],
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
        );
      });
      this.accepted(command, workflowId, user, result);
      return result;
    } catch (error) {
      const mapped = isAlreadyStarted(error)
        ? actionUnderWay(nominationId)
        : (apiErrorFromTemporal(error, nominationId) ?? error);
      this.count(command, mapped);
      this.refused(command, workflowId, user, mapped);
      throw mapped;
    }
  }

  /**
   * A retried request (same Idempotency-Key) whose first attempt closed or
   * revoked the nomination meets a refusal now ("closed", "already revoked"):
   * it gets the first attempt's answer instead, as every other retry does.
   */
  private async answeredBefore(
    refusal: unknown,
    workflowId: string,
    updateId: string | undefined,
  ): Promise<ActionResult | undefined> {
    if (updateId === undefined || !(refusal instanceof ApiError) || refusal.status !== 409) return undefined;
    try {
      return await this.withDeadline(this.options.queryTimeoutMs, () =>
        this.client.workflow.getHandle(workflowId).getUpdateHandle<ActionResult>(updateId).result(),
      );
    } catch {
      // No such update in the latest run, or it failed: the refusal stands.
      return undefined;
    }
  }

  private async terminateIfEmpty(workflowId: string): Promise<void> {
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      const state = await this.withDeadline(this.options.queryTimeoutMs, () => handle.query(stateQuery));
      if (state.stage === 'Initial') await handle.terminate('the draft was refused; the nomination was never created');
    } catch (error) {
      this.logger.warn({ workflowId, err: error }, 'could not clear the workflow of a refused draft');
    }
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

function reopenReason(command: NominationCommandType): ReopenReason | undefined {
  return command === 'RevokeAward' || command === 'RecordDocument' ? command : undefined;
}

function isAlreadyStarted(error: unknown): boolean {
  return error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError';
}
