import { useSyncExternalStore } from 'react';

/**
 * The signed-in user's bearer token, kept in sessionStorage: it lives as long
 * as the tab, and a reload does not sign the user out. When the API answers
 * 401 on a token we hold, the session is marked expired instead of cleared,
 * so the page stays mounted (its route and half-filled forms kept) under the
 * sign-in dialog, and the request that met the 401 is retried after sign-in.
 */
export type SessionClaims = {
  readonly sub: string;
  readonly name?: string;
  readonly role?: string;
  readonly unitId?: string;
  readonly blockId?: string;
  readonly province?: string;
  readonly exp?: number;
};

type SessionState = {
  readonly token: string | null;
  readonly claims: SessionClaims | null;
  readonly expired: boolean;
};

const STORAGE_KEY = 'laurel.session';
const listeners = new Set<() => void>();
let waiters: Array<() => void> = [];

function decodeClaims(token: string): SessionClaims | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
    return {
      sub: text('sub') ?? '',
      ...(text('name') ? { name: text('name') } : {}),
      ...(text('laurel_role') ? { role: text('laurel_role') } : {}),
      ...(text('laurel_unit') ? { unitId: text('laurel_unit') } : {}),
      ...(text('laurel_block') ? { blockId: text('laurel_block') } : {}),
      ...(text('laurel_province') ? { province: text('laurel_province') } : {}),
      ...(typeof raw['exp'] === 'number' ? { exp: raw['exp'] } : {}),
    };
  } catch {
    return null;
  }
}

function load(): SessionState {
  const token = globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? null;
  return { token, claims: token ? decodeClaims(token) : null, expired: false };
}

let state: SessionState = load();

function publish(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export const session = {
  get: (): SessionState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(token: string): void {
    globalThis.sessionStorage?.setItem(STORAGE_KEY, token);
    publish({ token, claims: decodeClaims(token), expired: false });
    const resume = waiters;
    waiters = [];
    for (const wake of resume) wake();
  },
  signOut(): void {
    globalThis.sessionStorage?.removeItem(STORAGE_KEY);
    publish({ token: null, claims: null, expired: false });
  },
  /** The API refused our token: ask for a new sign-in without unmounting the page. */
  markExpired(): void {
    if (state.token && !state.expired) publish({ ...state, expired: true });
  },
  /** Resolves after the next sign-in, for requests that will be retried then. */
  nextSignIn(): Promise<void> {
    return new Promise((resolve) => waiters.push(resolve));
  },
};

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}
