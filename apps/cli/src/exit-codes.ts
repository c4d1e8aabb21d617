/** The `laurel` command's exit codes: scripts branch on them, so never renumber one. */
export const ExitCode = {
  OK: 0,
  /** A check ran and failed: a broken hash chain or reconciliation. */
  CHECK_FAILED: 1,
  /** Bad arguments, or the API refused the request as bad input (400, 409, …). */
  USAGE: 2,
  /** 401 or 403: not logged in, token expired, or not allowed. */
  AUTH: 3,
  /** 404: no such nomination (or route). */
  NOT_FOUND: 4,
  /** The API failed (5xx), could not be reached, or broke off a stream. */
  SERVER: 5,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends the command with its exit code and message (printed on stderr). */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function exitCodeOfStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return ExitCode.AUTH;
  if (status === 404) return ExitCode.NOT_FOUND;
  if (status >= 500) return ExitCode.SERVER;
  return ExitCode.USAGE;
}
