import type { Schemas } from '../api/client';

/**
 * OIDC sign-in in the browser: Authorization Code with PKCE (RFC 7636), for a
 * public client, against the province's provider that GET /auth/config names.
 * The access token it returns is the API's bearer token, verified there by
 * the provider's JWKS (apps/api/src/auth/oidc-token-verifier.ts).
 */
export type OidcConfig = Extract<Schemas['AuthConfig'], { mode: 'oidc' }>;

const PENDING_KEY = 'laurel.oidc.pending';

type Pending = { readonly state: string; readonly verifier: string; readonly returnTo: string };

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Where the provider sends the browser back: the app's root, which finishes the sign-in. */
export function redirectUri(): string {
  return `${globalThis.location.origin}/app/`;
}

/** Leaves for the provider's sign-in page; the current address is kept to come back to. */
export async function startOidcSignIn(config: OidcConfig): Promise<void> {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const { pathname, search, hash } = globalThis.location;
  const pending: Pending = { state, verifier, returnTo: `${pathname}${search}${hash}` };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  globalThis.location.assign(url.toString());
}

export class OidcSignInError extends Error {
  constructor(readonly code: 'OIDC_STATE_MISMATCH' | 'OIDC_PROVIDER_ERROR' | 'OIDC_TOKEN_REFUSED') {
    super(code);
    this.name = 'OidcSignInError';
  }
}

/** True when the address is the provider sending the browser back (a code, or an error, with a state). */
export function isOidcCallback(): boolean {
  const params = new URLSearchParams(globalThis.location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * Finishes the sign-in on the way back: checks the state, trades the code
 * (with the PKCE verifier) for tokens, and returns the access token and
 * where the user was. Throws OidcSignInError when anything is off.
 */
export async function completeOidcSignIn(config: OidcConfig): Promise<{ token: string; returnTo: string }> {
  const params = new URLSearchParams(globalThis.location.search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  if (!pending || params.get('state') !== pending.state) throw new OidcSignInError('OIDC_STATE_MISMATCH');
  const code = params.get('code');
  if (!code) throw new OidcSignInError('OIDC_PROVIDER_ERROR');
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const body = (await response.json().catch(() => null)) as { access_token?: unknown } | null;
  if (!response.ok || typeof body?.access_token !== 'string') throw new OidcSignInError('OIDC_TOKEN_REFUSED');
  return { token: body.access_token, returnTo: pending.returnTo };
}
