/**
 * Whether an error means "the database could not be reached or answered in
 * time" rather than "the query was wrong": the API answers the first with 503
 * STORE_UNAVAILABLE (retry later), the second is a bug (500).
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
/** SQLSTATE class 08 (connection exception), 57P0x (server shutting down), 57014 (cancelled: statement_timeout). */
const SQLSTATE = /^(08...|57P0[1-4]|57014|53300)$/;
/** Laurel's own: the store was closed, or an append waited too long for its group commit (group-commit.ts). */
const OWN_CODES = new Set(['store_closed', 'append_queue_timeout']);
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /connection error/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end/i,
  /PGlite is closed/i,
];

export function isStoreUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code) || OWN_CODES.has(code))) return true;
  if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
  // AggregateError (several addresses refused) and wrapped causes.
  if (Array.isArray(errors) && errors.some((inner) => isStoreUnreachable(inner, depth + 1))) return true;
  return isStoreUnreachable(cause, depth + 1);
}
