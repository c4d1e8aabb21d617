import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../auth/session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** Every API error has one shape (apps/api/src/common/api-error.ts): `{ error: { code, message, details } }`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  /** Worth retrying as is (same idempotency key): the server or a dependency was down. */
  get retryable(): boolean {
    return this.status === 503 || this.status === 0 || this.status === 502 || this.status === 504;
  }
}

export function problemFrom(status: number, body: unknown): ApiProblem {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiProblem(
      status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      typeof error.details === 'object' && error.details ? (error.details as Record<string, unknown>) : {},
    );
  }
  return new ApiProblem(status, status === 0 ? 'NETWORK' : 'INTERNAL', `HTTP ${status}`);
}

/**
 * The newest store position this tab's own actions returned. Reads send it as
 * X-Laurel-Position, so a list read right after an action already shows it
 * (the API waits until its read models have caught up; the README, "Architecture").
 */
let newestPosition: string | null = null;

function comparePositions(a: string, b: string): number {
  const [ax = 0n, ay = 0n] = a.split('.').map((p) => BigInt(p));
  const [bx = 0n, by = 0n] = b.split('.').map((p) => BigInt(p));
  return ax === bx ? Number(ay - by) : ax < bx ? -1 : 1;
}

export function notePosition(position: string | undefined | null): void {
  if (!position || !/^\d+\.\d+$/.test(position)) return;
  if (newestPosition === null || comparePositions(position, newestPosition) > 0) newestPosition = position;
}

export function readPosition(): string | null {
  return newestPosition;
}

const pendingRetries = new WeakMap<Request, Request>();

const authAndRetry: Middleware = {
  onRequest({ request }) {
    const { token } = session.get();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    if (request.method === 'GET' && newestPosition && !request.headers.has('x-laurel-position')) {
      request.headers.set('x-laurel-position', newestPosition);
    }
    pendingRetries.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    const copy = pendingRetries.get(request);
    pendingRetries.delete(request);
    // A token we held was refused: sign in again (the page stays as it is), then send the same request.
    if (response.status === 401 && copy && copy.headers.has('authorization')) {
      session.markExpired();
      await session.nextSignIn();
      const retry = new Request(copy, { headers: new Headers(copy.headers) });
      retry.headers.set('authorization', `Bearer ${session.get().token ?? ''}`);
      return fetch(retry);
    }
    if (response.ok && request.method !== 'GET') {
      const clone = response.clone();
      clone
        .json()
        .then((body: unknown) => notePosition((body as { position?: string } | null)?.position))
        .catch(() => undefined);
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://127.0.0.1:3000' });
api.use(authAndRetry);

/**
 * Unwraps an openapi-fetch result: the data, or an ApiProblem (network
 * failures become status 0, code NETWORK), so TanStack Query sees one error type.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiProblem(0, 'NETWORK', 'network error');
  }
  if (result.response.ok) return result.data as T;
  throw problemFrom(result.response.status, result.error);
}

/** A fresh Idempotency-Key for one user action; a retry of the same action reuses it. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
