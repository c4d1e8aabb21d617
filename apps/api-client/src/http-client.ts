import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AccessToken, ErrorBody } from './contract';

/**
 * The one client of Laurel's HTTP API for Laurel's own tools (the `laurel`
 * command, the demo loader): they reach Laurel only through what it publishes,
 * so they work the same against a local or a remote Laurel and never open the
 * database behind it. Every refusal becomes an ApiRequestError carrying the
 * API's own code, message and details; a server that cannot be reached, an
 * ApiUnreachableError.
 */

/** The API could not be reached at all (refused, reset, no answer in time). */
export class ApiUnreachableError extends Error {
  constructor(
    readonly baseUrl: string,
    readonly reason: string,
  ) {
    super(`cannot reach ${baseUrl}: ${reason}`);
    this.name = 'ApiUnreachableError';
  }
}

/** The API answered with an error status; `message` is the API's own. */
export class ApiRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /** `POST /nominations → 409 ALREADY_NOMINATED: …`, then the details when there are any. */
  describe(): string {
    const details =
      typeof this.details === 'object' && this.details !== null && Object.keys(this.details).length > 0
        ? `\n  details: ${JSON.stringify(this.details)}`
        : '';
    return `${this.method} ${this.path} → ${this.status} ${this.code}: ${this.message}${details}`;
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  readonly method?: Method;
  /** Appended to the path; undefined values are left out. */
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly accept?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent without a token even when the client has one (login, the public feed). */
  readonly anonymous?: boolean;
  /** Statuses besides 2xx whose body is the answer, not a refusal (503 from /health, say). */
  readonly answerStatuses?: readonly number[];
}

export interface ClientOptions {
  /** The bearer token, or where to get it (called once per request). */
  readonly token?: string | (() => Promise<string | undefined>);
  /** The error to throw when a request needs a token and there is none; default: the API's own 401. */
  readonly missingToken?: () => Error;
  /** Abort a request (its body included) after this long; default: no limit, for long streams. */
  readonly timeoutMs?: number;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function fetchFailure(error: unknown, timeoutMs: number | undefined): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${(timeoutMs ?? 0) / 1000} s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export class LaurelApiClient {
  /** Without a trailing slash. */
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly options: ClientOptions = {},
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** The same API with another token (e.g. one user's, for a loader acting as many). */
  withToken(token: ClientOptions['token']): LaurelApiClient {
    return new LaurelApiClient(this.baseUrl, { ...this.options, token });
  }

  url(path: string, query: RequestOptions['query'] = {}): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** Sends the request; answers the response when it is a success, throws the API's refusal otherwise. */
  async request(path: string, options: RequestOptions = {}): Promise<Response> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json', ...options.headers };
    if (!options.anonymous) {
      const token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
      if (token) headers['authorization'] = `Bearer ${token}`;
      else if (this.options.missingToken) throw this.options.missingToken();
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.url(path, options.query), {
        method,
        headers,
        ...(this.options.timeoutMs !== undefined ? { signal: AbortSignal.timeout(this.options.timeoutMs) } : {}),
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      throw new ApiUnreachableError(this.baseUrl, fetchFailure(error, this.options.timeoutMs));
    }
    if (response.ok || options.answerStatuses?.includes(response.status)) return response;
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page, say): reported by its status below.
    }
    if (isErrorBody(parsed)) {
      const { code, message, details } = parsed.error;
      throw new ApiRequestError(method, path, response.status, code, message, details);
    }
    throw new ApiRequestError(
      method,
      path,
      response.status,
      `HTTP_${response.status}`,
      `HTTP ${response.status} ${response.statusText}`.trim(),
      text === '' ? undefined : { body: text.slice(0, 300) },
    );
  }

  /** The answer's JSON body (undefined for an empty one). */
  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(path, options);
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** `POST /auth/token` (embedded login). */
  login(username: string, password: string): Promise<AccessToken> {
    return this.json<AccessToken>('/auth/token', { method: 'POST', body: { username, password }, anonymous: true });
  }
}

/** The body as a Node stream; a connection cut mid-body surfaces as an error on it. */
export function bodyStream(response: Response): Readable {
  if (!response.body) return Readable.from([]);
  return Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
}

/** Lines of an NDJSON body, parsed, as they arrive. */
export async function* ndjsonLines(response: Response): AsyncGenerator<unknown> {
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of bodyStream(response)) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line !== '') yield JSON.parse(line) as unknown;
    }
  }
  buffer += decoder.decode();
  if (buffer.trim() !== '') yield JSON.parse(buffer) as unknown;
}

/** Whether a response carries NDJSON (a streamed answer) rather than one JSON document. */
export function isNdjson(response: Response): boolean {
  return /application\/x-ndjson/i.test(response.headers.get('content-type') ?? '');
}

/** Store positions are `<commit>.<prepare>`; the later one is what a read must wait for. */
export function laterPosition(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  const [ac, ap] = a.split('.').map((part) => BigInt(part));
  const [bc, bp] = b.split('.').map((part) => BigInt(part));
  if (ac === undefined || ap === undefined || bc === undefined || bp === undefined) return b;
  return bc > ac || (bc === ac && bp > ap) ? b : a;
}
