/**
 * A small client of Laurel's public HTTP API for the demo loader: logs each
 * demo user in once through POST /auth/token and turns every refusal into an
 * error that carries the API's own code, message and details.
 */

/** The API could not be reached at all (refused, reset, timed out). */
export class ApiUnreachableError extends Error {
  constructor(
    readonly baseUrl: string,
    readonly reason: string,
  ) {
    super(`cannot reach the Laurel API at ${baseUrl}: ${reason}`);
    this.name = 'ApiUnreachableError';
  }
}

/** The API answered with an error status. */
export class ApiCallError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly user: string,
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly details: unknown,
  ) {
    super(
      `${user}: ${method} ${path} → ${status} ${code}: ${apiMessage}` +
        (details !== undefined && !isEmptyObject(details) ? `\n  details: ${JSON.stringify(details)}` : ''),
    );
    this.name = 'ApiCallError';
  }
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

interface ErrorShape {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** What every nomination action answers. */
export interface ActionResult {
  readonly nominationId: string;
  readonly stage: string;
  readonly outcome?: string;
  readonly version: number;
  readonly position: string;
  readonly eventTypes: readonly string[];
}

/** One Temporal update plus a store append can take a while on a busy dev server; this is generous. */
const REQUEST_TIMEOUT_MS = 60_000;

export class LaurelHttp {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    readonly baseUrl: string,
    private readonly password: string,
  ) {}

  /** Logs in once per user; concurrent callers share the one login (the API rate-limits logins per user). */
  token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (token === undefined) {
      token = this.login(username);
      this.tokens.set(username, token);
      // A failed login is not cached: the error goes to the caller, a later call tries again.
      token.catch(() => this.tokens.delete(username));
    }
    return token;
  }

  private async login(username: string): Promise<string> {
    const body = await this.send('POST', '/auth/token', username, undefined, { username, password: this.password });
    const token = (body as { access_token?: unknown } | null)?.access_token;
    if (typeof token !== 'string') throw new Error(`POST /auth/token for ${username} answered no access_token`);
    return token;
  }

  async get<T>(username: string, path: string, headers: Record<string, string> = {}): Promise<T> {
    return (await this.send('GET', path, username, await this.token(username), undefined, headers)) as T;
  }

  async post<T = ActionResult>(username: string, path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey };
    return (await this.send('POST', path, username, await this.token(username), body, headers)) as T;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    user: string,
    token: string | undefined,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new ApiUnreachableError(this.baseUrl, describeFetchFailure(error));
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page, say): reported as text below.
    }
    if (response.ok) return parsed;
    if (isErrorShape(parsed)) {
      const { code, message, details } = parsed.error;
      throw new ApiCallError(method, path, user, response.status, code, message, details);
    }
    throw new ApiCallError(
      method,
      path,
      user,
      response.status,
      'HTTP_ERROR',
      text.slice(0, 300) || response.statusText,
      undefined,
    );
  }
}

function describeFetchFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Store positions are `<commit>.<prepare>`; the later one is what a read must wait for. */
export function laterPosition(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  const [ac, ap] = a.split('.').map((part) => BigInt(part));
  const [bc, bp] = b.split('.').map((part) => BigInt(part));
  if (ac === undefined || ap === undefined || bc === undefined || bp === undefined) return b;
  return bc > ac || (bc === ac && bp > ap) ? b : a;
}
