import { DomainErrorCode } from '@laurel/domain';
import type { ApiErrorStatus } from './api-error';

/**
 * HTTP status of every code the workflow can refuse with (the README,
 * "Architecture"): 403 who may not, 404 unknown, 400 bad input, 409 not now.
 * Typed over DomainErrorCode so that a new domain code must be placed here.
 */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorCode, ApiErrorStatus>> = {
  ROLE_NOT_ALLOWED: 403,
  OUT_OF_SCOPE: 403,
  OWN_UNIT_VOTE: 403,
  COUNCIL_MEMBER_RECUSED: 403,
  SEPARATION_OF_DUTIES: 403,
  NOT_ELIGIBLE_VOTER: 403,
  NOT_FOUND: 404,
  INVALID_COMMAND: 400,
  NOMINEE_INELIGIBLE: 400,
  EVIDENCE_MISSING: 400,
  AWARD_NOT_FOR_NOMINEE_KIND: 400,
  AWARD_NOT_AVAILABLE: 400,
  AWARD_TYPE_UNKNOWN: 400,
  AWARD_OUTSIDE_BLOCK: 400,
  NOMINEE_NOT_REGISTERED: 400,
  WRONG_STAGE: 409,
  ALREADY_EXISTS: 409,
  ALREADY_VOTED: 409,
  ALREADY_DONE: 409,
  ALREADY_REVOKED: 409,
  ALREADY_RECORDED: 409,
  DEADLINE_PASSED: 409,
  NOT_DUE_YET: 409,
  SUPPLEMENT_LIMIT_REACHED: 409,
  // The API picked a rule set for the wrong province: our fault, not the caller's.
  POLICY_MISMATCH: 500,
};

/** Failure types the workflow's append activity raises (infra/temporal/nomination-activities.ts). */
export const STORE_FAILURE_STATUS: Readonly<Record<string, ApiErrorStatus>> = {
  CONCURRENCY_CONFLICT: 409,
  EVENT_ID_CONFLICT: 409,
  INVALID_EVENT: 400,
  // "No double reward": the achievement is another open or awarded nomination's (infra/reservations).
  ALREADY_NOMINATED: 409,
  // The API signed the action, so a refused proof means the workers do not trust its key
  // (ACTION_VERIFY_KEYS lacks it): a deployment to fix, then retry; never the caller's fault.
  ACTION_NOT_SIGNED: 503,
  ACTION_SIGNATURE_INVALID: 503,
};

export function isDomainErrorCode(code: string): code is DomainErrorCode {
  return Object.prototype.hasOwnProperty.call(DomainErrorCode, code);
}

export function statusOfFailureType(type: string): ApiErrorStatus | undefined {
  if (isDomainErrorCode(type)) return DOMAIN_ERROR_STATUS[type];
  return STORE_FAILURE_STATUS[type];
}

/** Codes of the API's own refusals (besides the domain's). */
export const ApiErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_TOKEN: 'INVALID_TOKEN',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  EMBEDDED_LOGIN_DISABLED: 'EMBEDDED_LOGIN_DISABLED',
  RATE_LIMITED: 'RATE_LIMITED',
  INVALID_BODY: 'INVALID_BODY',
  INVALID_QUERY: 'INVALID_QUERY',
  INVALID_HEADER: 'INVALID_HEADER',
  INVALID_PATH: 'INVALID_PATH',
  INVALID_ID: 'INVALID_ID',
  INVALID_ENCODING: 'INVALID_ENCODING',
  BODY_TOO_DEEP: 'BODY_TOO_DEEP',
  POSITION_AHEAD: 'POSITION_AHEAD',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  ALREADY_NOMINATED: 'ALREADY_NOMINATED',
  NOMINEE_UNIT_UNKNOWN: 'NOMINEE_UNIT_UNKNOWN',
  NOMINEE_UNIT_NOT_PROPOSING: 'NOMINEE_UNIT_NOT_PROPOSING',
  PROJECTION_BEHIND: 'PROJECTION_BEHIND',
  TEMPORAL_UNAVAILABLE: 'TEMPORAL_UNAVAILABLE',
  NO_WORKER: 'NO_WORKER',
  NOMINATION_BUSY: 'NOMINATION_BUSY',
  NOT_BLOCK_LEADER: 'NOT_BLOCK_LEADER',
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
