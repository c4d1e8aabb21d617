import { z } from 'zod';

/**
 * Laurel's settings, read from the environment once at boot by each app.
 * Unknown or malformed values stop the process with a message naming the
 * setting, rather than surfacing later as a confusing connection error.
 */
const port = z.coerce.number().int().min(1).max(65535);
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const PAYLOAD_KEY_MESSAGE = 'must be the base64 of 32 random bytes (openssl rand -base64 32)';

/** Strict base64 (Buffer.from would skip stray characters) of exactly 32 bytes. */
export function isPayloadKey(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0 && Buffer.from(text, 'base64').length === 32;
}

export const configSchema = z.object({
  TEMPORAL_ADDRESS: z.string().trim().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().trim().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().trim().min(1).default('laurel-nominations'),
  /** PEM client certificate and key for mTLS (Temporal Cloud or a secured cluster). */
  TEMPORAL_TLS_CERT_PATH: optionalText,
  TEMPORAL_TLS_KEY_PATH: optionalText,
  TEMPORAL_TLS_CA_PATH: optionalText,
  TEMPORAL_TLS_SERVER_NAME: optionalText,
  /** API-key authentication (Temporal Cloud); implies TLS. */
  TEMPORAL_API_KEY: optionalText,
  /**
   * AES-256 key (base64 of 32 bytes) encrypting every Temporal payload, so the history never holds a
   * ballot choice in plain text; unset: generated once and kept in LAUREL_DATA_DIR (infra/temporal/payload-codec.ts).
   */
  TEMPORAL_PAYLOAD_KEY: optionalText.refine((v) => v === undefined || isPayloadKey(v), PAYLOAD_KEY_MESSAGE),
  /** Earlier payload keys, comma-separated, kept to decrypt histories written before a rotation. */
  TEMPORAL_PAYLOAD_KEYS_OLD: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
    )
    .pipe(z.array(z.string().refine(isPayloadKey, PAYLOAD_KEY_MESSAGE))),
  /**
   * Ed25519 private key (base64 of its 32-byte seed) the API signs every action it sends to a workflow
   * with; unset: generated once and kept in LAUREL_DATA_DIR (embedded store only; required with
   * DATABASE_URL/KURRENTDB_URL). Workers need only the public key (ACTION_VERIFY_KEYS).
   */
  ACTION_SIGNING_KEY: optionalText.refine((v) => v === undefined || isPayloadKey(v), PAYLOAD_KEY_MESSAGE),
  /**
   * Ed25519 public keys (base64 of 32 bytes), comma-separated, whose signatures workers accept and
   * `verify` checks: the current signing key's and those of earlier rotations.
   */
  ACTION_VERIFY_KEYS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
    )
    .pipe(z.array(z.string().refine(isPayloadKey, 'must be base64 Ed25519 public keys (32 bytes), comma-separated'))),
  DATABASE_URL: optionalText,
  DATABASE_SCHEMA: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('laurel'),
  KURRENTDB_URL: optionalText,
  LAUREL_DATA_DIR: z.string().trim().min(1).default('.data'),
  /** The built web app (Vite's output); unset: dist/web of the checkout. */
  LAUREL_WEB_DIR: z.string().trim().min(1).optional(),
  API_PORT: port.default(3000),
  /** Interface the API listens on; 127.0.0.1 keeps a dev machine's API off the network. */
  API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** The prebuilt workflow bundle (`make build` writes dist/workflow-bundle.js); unset: bundle from source at start. */
  WORKFLOW_BUNDLE_PATH: optionalText,
  /**
   * Nomination runs kept in the worker's memory between their tasks. Left to
   * the SDK, the cache grows with open nominations (about 0.9 MB each, measured by bench:scale); a
   * nomination's history is short (under 100 events), so one that was evicted
   * replays in milliseconds when it is next acted on. 50 rather than 100: the same
   * resume time at 1,000 open, and 20–30 MB less RSS in alternating runs of bench:scale.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(40).max(100_000).default(50),
  /** Prometheus endpoint of the worker's Temporal SDK metrics; off when unset. */
  WORKER_METRICS_PORT: port.optional(),
  WORKER_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** HS256 key of the embedded identity provider; unset: generated once and kept in LAUREL_DATA_DIR. */
  AUTH_JWT_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
  /** Lifetime of embedded access tokens. */
  AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  /** Production mode: OIDC tokens verified by JWKS. Set all three, or none (embedded login). */
  AUTH_ISSUER: optionalText,
  AUTH_AUDIENCE: optionalText,
  AUTH_JWKS_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), 'must be a URL'),
  /** Embedded login attempts allowed per minute for one client address and username. */
  AUTH_LOGIN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Password of every demo user (demo directory only; not a secret of any deployment). */
  LAUREL_DEMO_PASSWORD: z.string().min(1).default('laurel-demo'),
  /** A JSON directory (provinces, blocks, units, users with password hashes) replacing the demo one. */
  LAUREL_DIRECTORY_FILE: optionalText,
  /** Largest accepted request body, e.g. `64kb`; larger bodies get 413. */
  BODY_LIMIT: z
    .string()
    .trim()
    .regex(/^\d+\s*(b|kb|mb)?$/i, 'must be a size such as 65536, 64kb or 1mb')
    .default('64kb')
    .transform(sizeInBytes),
  /**
   * Web origins of Temporal UIs allowed to call the API's payload codec endpoint (`/codec/decode`),
   * comma-separated (`http://127.0.0.1:8233`); unset: the endpoint is off. Start the UI with
   * `--ui-codec-endpoint <API>/codec` so admins read payloads the worker encrypted.
   */
  TEMPORAL_UI_CODEC_ORIGINS: commaSeparated((origin) => origin.replace(/\/+$/, '')).pipe(
    z.array(z.url({ protocol: /^https?$/, error: 'must be web origins such as http://127.0.0.1:8233' })),
  ),
  /** The Temporal UI admins use (e.g. `http://127.0.0.1:8233`); the overview links each nomination's workflow there. */
  TEMPORAL_UI_URL: optionalText
    .transform((v) => v?.replace(/\/+$/, ''))
    .refine((v) => v === undefined || URL.canParse(v), 'must be a URL such as http://127.0.0.1:8233'),
  /**
   * OIDC sign-in in the browser (Authorization Code + PKCE), with AUTH_ISSUER/AUDIENCE/JWKS_URL: the
   * public client id and the provider's endpoints; the web app learns them from GET /auth/config.
   */
  AUTH_CLIENT_ID: optionalText,
  AUTH_AUTHORIZATION_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), 'must be a URL'),
  AUTH_TOKEN_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), 'must be a URL'),
  /** Scopes asked for in the browser's OIDC sign-in. */
  AUTH_SCOPES: z.string().trim().min(1).default('openid profile'),
  /** How long a read carrying a store position waits for the projections to reach it. */
  READ_YOUR_WRITES_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /**
   * Demo clock: comma-separated province ids (e.g. `ha-tinh`) whose rule set runs with stage deadlines in
   * minutes instead of working days (apps/api/src/demo-clock.ts). Unset in any real deployment.
   */
  LAUREL_DEMO_FAST_PROVINCES: commaSeparated((province) => province.toLowerCase()).pipe(
    z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be province ids such as ha-tinh, comma-separated')),
  ),
});

/** A comma-separated setting as a list: items trimmed, normalised, empty ones and repeats dropped. */
function commaSeparated(normalise: (item: string) => string) {
  return z
    .string()
    .default('')
    .transform((text) => [
      ...new Set(
        text
          .split(',')
          .map((item) => normalise(item.trim()))
          .filter((item) => item !== ''),
      ),
    ]);
}

function sizeInBytes(text: string): number {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(text)!;
  const unit = (match[2] ?? 'b').toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/** Settings that only make sense together. */
function crossFieldIssues(config: LaurelConfig): string[] {
  const oidc = [config.AUTH_ISSUER, config.AUTH_AUDIENCE, config.AUTH_JWKS_URL];
  const set = oidc.filter((v) => v !== undefined).length;
  return set === 0 || set === 3 ? [] : ['AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL: set all three for OIDC, or none'];
}

export type LaurelConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): LaurelConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const issues = crossFieldIssues(parsed.data);
  if (issues.length > 0) throw new ConfigError(issues);
  return parsed.data;
}
