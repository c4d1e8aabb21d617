/**
 * Stable error codes. Clients and the workflow (as ApplicationFailure types)
 * depend on these strings: add codes, never rename them.
 */
export const DomainErrorCode = {
  /** Any command but DraftNomination on a nomination that does not exist yet. */
  NOT_FOUND: 'NOT_FOUND',
  /** DraftNomination on a nomination that already exists. */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  WRONG_STAGE: 'WRONG_STAGE',
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  /** Acting for another unit or block. */
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  OWN_UNIT_VOTE: 'OWN_UNIT_VOTE',
  ALREADY_VOTED: 'ALREADY_VOTED',
  NOT_ELIGIBLE_VOTER: 'NOT_ELIGIBLE_VOTER',
  COUNCIL_MEMBER_RECUSED: 'COUNCIL_MEMBER_RECUSED',
  SEPARATION_OF_DUTIES: 'SEPARATION_OF_DUTIES',
  SUPPLEMENT_LIMIT_REACHED: 'SUPPLEMENT_LIMIT_REACHED',
  INVALID_COMMAND: 'INVALID_COMMAND',
  NOMINEE_INELIGIBLE: 'NOMINEE_INELIGIBLE',
  EVIDENCE_MISSING: 'EVIDENCE_MISSING',
  AWARD_NOT_FOR_NOMINEE_KIND: 'AWARD_NOT_FOR_NOMINEE_KIND',
  /** The award is not in the policy, or is not decided by the province. */
  AWARD_NOT_AVAILABLE: 'AWARD_NOT_AVAILABLE',
  /** A local award code (local/…) that the policy in effect does not define. */
  AWARD_TYPE_UNKNOWN: 'AWARD_TYPE_UNKNOWN',
  /** A block's own award proposed for a nominee of a unit outside that block. */
  AWARD_OUTSIDE_BLOCK: 'AWARD_OUTSIDE_BLOCK',
  /** The policy asks for a registration (đăng ký thi đua) for this title this year, and there is none. */
  NOMINEE_NOT_REGISTERED: 'NOMINEE_NOT_REGISTERED',
  /** The policy passed in is for another province. */
  POLICY_MISMATCH: 'POLICY_MISMATCH',
  /** A vote or supplement that arrives after its stage's deadline. */
  DEADLINE_PASSED: 'DEADLINE_PASSED',
  /** A deadline reported before it has passed, or a reminder before it is due. */
  NOT_DUE_YET: 'NOT_DUE_YET',
  /** A reminder already sent for this stage entry, or an escalation already made. */
  ALREADY_DONE: 'ALREADY_DONE',
  ALREADY_REVOKED: 'ALREADY_REVOKED',
  /** The same file of the same document is already recorded on this nomination. */
  ALREADY_RECORDED: 'ALREADY_RECORDED',
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

/**
 * A rule the command broke. Returned in a Decision, not thrown: it is an
 * expected outcome, and a plain data shape crosses Temporal and HTTP intact.
 */
export class DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    this.code = code;
    this.message = message;
    if (details !== undefined) this.details = details;
  }

  toJSON(): { code: DomainErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static is(value: unknown): value is DomainError {
    return (
      value instanceof DomainError ||
      (typeof value === 'object' &&
        value !== null &&
        typeof (value as { code?: unknown }).code === 'string' &&
        (value as { code: string }).code in DomainErrorCode &&
        typeof (value as { message?: unknown }).message === 'string')
    );
  }
}

/** Thrown by `resolvePolicy` when no rule set applies: a configuration fault, not a business outcome. */
export class PolicyNotFoundError extends Error {
  constructor(province: string, atIsoDate: string) {
    super(`no policy for province "${province}" (nor a national default) in effect on ${atIsoDate}`);
    this.name = 'PolicyNotFoundError';
  }
}
