import {
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { ApiError } from './api-error';
import { ApiErrorCode, statusOfFailureType } from './error-codes';

// gRPC status codes that mean "the server is not there or not answering".
const UNREACHABLE_CODES = new Set([1, 4, 8, 14]); // CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE

export function grpcCodeOf(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (isGrpcServiceError(e)) return e.code;
  }
  return undefined;
}

function plainDetails(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

export function nominationNotFound(nominationId: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `nomination ${nominationId} does not exist`, { nominationId });
}

export function temporalUnavailable(error: unknown): ApiError {
  return new ApiError(503, ApiErrorCode.TEMPORAL_UNAVAILABLE, 'the workflow engine is not reachable; retry later', {
    reason: error instanceof Error ? error.message : String(error),
  });
}

/**
 * Translates what the Temporal client throws into the API's error shape, or
 * undefined for errors that are not Temporal's (left to the exception filter).
 * A refusal carries the domain's code as the ApplicationFailure's type.
 */
export function apiErrorFromTemporal(error: unknown, nominationId: string): ApiError | undefined {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type) {
      const status = statusOfFailureType(cause.type);
      if (status !== undefined) {
        const details = plainDetails(cause.details?.[0]);
        // A store refusing an event for its size is the body's fault, like any other oversized body.
        const tooLarge = cause.type === 'INVALID_EVENT' && cause.details?.[0] === 'event_too_large';
        if (tooLarge) return new ApiError(413, ApiErrorCode.PAYLOAD_TOO_LARGE, cause.message, {});
        return new ApiError(status, cause.type, cause.message, details);
      }
    }
    if (cause instanceof ActivityFailure) {
      return new ApiError(503, ApiErrorCode.STORE_UNAVAILABLE, 'the event store did not take the change; retry later', {
        nominationId,
      });
    }
    return undefined;
  }
  if (error instanceof WorkflowNotFoundError) {
    return nominationNotFound(nominationId);
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new ApiError(409, 'ALREADY_EXISTS', `nomination ${nominationId} already exists`, { nominationId });
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return temporalUnavailable(error);
  const code = grpcCodeOf(error);
  if (code !== undefined && UNREACHABLE_CODES.has(code)) return temporalUnavailable(error);
  if (error instanceof ServiceError && code === undefined) return temporalUnavailable(error);
  return undefined;
}
