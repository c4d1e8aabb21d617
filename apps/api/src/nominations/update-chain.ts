import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import type { PinoLogger } from 'nestjs-pino';
import { reportedOutcome, type NominationCommandType, type NominationState } from '@laurel/domain';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import { foldStream } from '@laurel/infra/audit/reconcile';
import { formatPosition, type RecordedEvent } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import { readNomination } from '../audit/audit-events';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ActionPending, actionIdOf } from '../common/action-pending';
import { ApiError } from '../common/api-error';
import { nominationNotFound, temporalUnavailable } from '../common/temporal-errors';
import { failedOnTheStore, failedUnreachable, isDeadline, isOutcomeUnknown, noWorker } from './update-failures';

/**
 * Kept back from a request's deadline: time to tell "no worker" from
 * "Temporal unreachable" (PROBE_MS) and to write the answer, so the answer
 * leaves before the deadline, not after it.
 */
export const ANSWER_MARGIN_MS = 1_500;
const PROBE_MS = 1_000;

/** Links of one Idempotency-Key's chain of updates (see `send`); each is one update in the run's history. */
export const MAX_LINKS = 20;

/** An accepted Idempotency-Key becomes the Update's id, scoped to the caller and the action. */
export function updateIdFor(command: NominationCommandType, user: AuthenticatedUser, idempotencyKey?: string) {
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

/** Sends one link's update and waits until `by` for it to be accepted. */
export type StartUpdate = (
  updateId: string | undefined,
  by: number,
  link: number,
) => Promise<WorkflowUpdateHandle<ActionResult>>;

/**
 * Sends an action's update along its Idempotency-Key's chain (the reasons are
 * in NominationWorkflows' class comment) and finds in the store the answer an
 * earlier link left there.
 */
export class UpdateChain {
  /** Failures that came back from startUpdate: the validator refused, so the handler never ran. */
  private readonly rejections = new WeakSet<object>();

  constructor(
    private readonly client: Client,
    private readonly stores: Stores,
    private readonly logger: PinoLogger,
  ) {}

  /** The validator refused the update: its handler never ran, so it appended nothing. */
  wasRejected(error: unknown): boolean {
    return error instanceof WorkflowUpdateFailedError && this.rejections.has(error);
  }

  /**
   * Sends one action's update, link by link of its key's chain. A link that
   * failed on the store is passed over, once the store has been searched for
   * what any earlier link appended; any other answer (the result, a refusal)
   * is the answer.
   */
  async send(
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

  /**
   * The answer recorded in the store for links 1..`links` of a key: the events
   * one of them caused (their causation id is the update id), folded. This is
   * how an append that committed after its attempt was given up is adopted.
   * Undefined when the store holds none, or cannot be read now.
   */
  async storedAnswer(nominationId: string, base: string, links: number): Promise<ActionResult | undefined> {
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
      await this.client.connection.withDeadline(Date.now() + PROBE_MS, () =>
        this.client.workflowService.getSystemInfo({}),
      );
    } catch {
      return temporalUnavailable(error);
    }
    return noWorker(nominationId);
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
}
