import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { CliError, ExitCode, exitCodeOfStatus } from './exit-codes';

/** The API's one error shape. */
interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: Record<string, unknown> };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** An HTTP refusal, with the API's own code and message. */
export class ApiRequestError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(exitCodeOfStatus(status), message);
    this.name = 'ApiRequestError';
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly accept?: string;
  /** Send no token even if one is known (login). */
  readonly anonymous?: boolean;
}

/** A client of Laurel's HTTP API; the command never opens the database behind it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  url(path: string, query: RequestOptions['query'] = {}): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** Sends the request; answers the response when it is a success, throws the API's refusal otherwise. */
  async request(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (!options.anonymous) {
      if (!this.token) {
        throw new CliError(ExitCode.AUTH, 'not logged in: run `laurel login`, or pass --token or LAUREL_TOKEN');
      }
      headers['authorization'] = `Bearer ${this.token}`;
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.url(path, options.query), {
        method: options.method ?? 'GET',
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(
        ExitCode.SERVER,
        `cannot reach ${this.baseUrl}: ${cause?.code ?? cause?.message ?? String(error)}`,
      );
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (isErrorBody(parsed)) {
      throw new ApiRequestError(response.status, parsed.error.code, parsed.error.message, parsed.error.details);
    }
    throw new ApiRequestError(
      response.status,
      `HTTP_${response.status}`,
      `HTTP ${response.status} ${response.statusText}`.trim(),
    );
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(path, options);
    return (await response.json()) as T;
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
