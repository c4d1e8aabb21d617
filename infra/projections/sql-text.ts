/** SQL fragments shared by the read models, so both drivers return the same text. */

/** An instant column as ISO-8601 UTC with milliseconds (the spelling the domain writes). */
export function isoText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor(readonly cursor: string) {
    super('the paging cursor is not one this list issued');
    this.name = 'InvalidCursorError';
  }
}

export class InvalidPageError extends Error {
  readonly code = 'INVALID_PAGE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPageError';
  }
}

/** Paging of every read-model query: at most `limit` items after the opaque cursor `after`. */
export interface PageOptions {
  readonly limit?: number;
  readonly after?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new InvalidPageError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(limit)}`);
  }
  return value;
}

/** A keyset cursor: a tag naming the list (so one list's cursor is refused by another) and the sort key. */
export function encodeCursor(tag: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([tag, ...key]), 'utf8').toString('base64url');
}

export function decodeCursor(tag: string, cursor: string, length: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== length + 1 ||
    parsed[0] !== tag ||
    !parsed.every((part): part is string => typeof part === 'string')
  ) {
    throw new InvalidCursorError(cursor);
  }
  return parsed.slice(1) as string[];
}

/** Checks a cursor's instant before it reaches SQL, so a forged one is a 400, not a database error. */
export function cursorInstant(value: string, cursor: string, allowInfinity = false): string {
  if (allowInfinity && value === 'infinity') return value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidCursorError(cursor);
  }
  return value;
}
