// What a failed update call means for the answer: the Temporal client throws the same few error classes for
// "never reached the workflow", "accepted but not answered yet" and "ran and failed on the store", and the
// gateway (nomination-workflows.ts) answers each differently.
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { grpcCodeOf } from '../common/temporal-errors';

/** Store refusals that say "the stream is not where the workflow thought", which the workflow then catches up on. */
const STORE_CONFLICTS: ReadonlySet<string> = new Set(['CONCURRENCY_CONFLICT', 'EVENT_ID_CONFLICT']);

// gRPC: CANCELLED, DEADLINE_EXCEEDED.
const DEADLINE_CODES = new Set([1, 4]);
// gRPC: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE.
const UNREACHABLE_CODES = new Set([1, 4, 8, 14]);

export function isAlreadyStarted(error: unknown): boolean {
  return error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError';
}

export function isDeadline(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCodeOf(error);
  return code !== undefined && DEADLINE_CODES.has(code);
}

/** Waiting for an accepted update's outcome ran out of time, or Temporal went away meanwhile. */
export function isOutcomeUnknown(error: unknown): boolean {
  if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) return false;
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCodeOf(error);
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

/** The update ran and its append failed for want of a store: the workflow did not see what the store may now hold. */
export function failedUnreachable(error: unknown): boolean {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ActivityFailure;
}

/** The update ran and failed because of the store (out of reach, or a conflict the workflow caught up on). */
export function failedOnTheStore(error: unknown): boolean {
  if (!(error instanceof WorkflowUpdateFailedError)) return false;
  const cause = error.cause;
  if (cause instanceof ActivityFailure) return true;
  return cause instanceof ApplicationFailure && STORE_CONFLICTS.has(cause.type ?? '');
}

/** A reopened run of this nomination is still taking another action. */
export function actionUnderWay(nominationId: string): ApiError {
  return new ApiError(409, 'CONCURRENCY_CONFLICT', `another action on nomination ${nominationId} is under way`, {
    nominationId,
  });
}

export function nominationBusy(nominationId: string): ApiError {
  return new ApiError(
    503,
    ApiErrorCode.NOMINATION_BUSY,
    'other actions on this nomination took this request’s whole deadline; this one was not sent. Retry',
    { nominationId },
  );
}

/** Temporal answered a probe, so the update went unaccepted because no worker took the workflow task. */
export function noWorker(nominationId: string): ApiError {
  return new ApiError(
    503,
    ApiErrorCode.NO_WORKER,
    'Temporal is up but no worker took the action within the request’s deadline; it has not been applied. ' +
      'Retry with the same Idempotency-Key: it acts at most once',
    { nominationId },
  );
}
