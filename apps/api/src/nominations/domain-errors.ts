import type { DomainError } from '@laurel/domain';
import { ApiError } from '../common/api-error';
import { DOMAIN_ERROR_STATUS } from '../common/error-codes';

/** A refusal the API's own call of the decider produced, in the same shape as one from the workflow. */
export function apiErrorFromDomain(error: DomainError): ApiError {
  return new ApiError(DOMAIN_ERROR_STATUS[error.code], error.code, error.message, { ...(error.details ?? {}) });
}
