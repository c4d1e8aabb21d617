import type { ActionResult } from '../../apps/api-client/src/contract';
import { LaurelApiClient } from '../../apps/api-client/src/http-client';

/** One Temporal update plus a store append can take a while on a busy dev server; this is generous. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Laurel's HTTP API as each demo user in turn, through the shared API client:
 * every user logs in once through POST /auth/token with the demo password, and
 * concurrent callers share that one login (the API rate-limits logins per user).
 */
export class DemoUsers {
  private readonly api: LaurelApiClient;
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    baseUrl: string,
    private readonly password: string,
  ) {
    this.api = new LaurelApiClient(baseUrl, { timeoutMs: REQUEST_TIMEOUT_MS });
  }

  /** The API as this user. */
  as(username: string): LaurelApiClient {
    return this.api.withToken(() => this.token(username));
  }

  /** A nomination action as this user, taken once per idempotency key. */
  act(username: string, path: string, body: unknown, idempotencyKey?: string): Promise<ActionResult> {
    return this.post<ActionResult>(username, path, body, idempotencyKey);
  }

  /** A GET as this user; answers the body as T. */
  get<T>(username: string, path: string): Promise<T> {
    return this.as(username).json<T>(path);
  }

  /** A POST as this user, with an idempotency key when given; answers the body as T. */
  post<T>(username: string, path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    return this.as(username).json<T>(path, {
      method: 'POST',
      body,
      ...(idempotencyKey === undefined ? {} : { headers: { 'idempotency-key': idempotencyKey } }),
    });
  }

  private token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (token === undefined) {
      token = this.api.login(username, this.password).then(({ access_token }) => {
        if (typeof access_token !== 'string')
          throw new Error(`POST /auth/token for ${username} answered no access_token`);
        return access_token;
      });
      this.tokens.set(username, token);
      // A failed login is not cached: the error goes to the caller, a later call tries again.
      token.catch(() => this.tokens.delete(username));
    }
    return token;
  }
}
