/** DI tokens (Symbols, never strings) for what the API gets from outside Nest. */
export const CONFIG = Symbol('LaurelConfig');
/** `Stores` from @laurel/infra/runtime/stores: the chained event store, SQL, outbox. */
export const STORES = Symbol('Stores');
/** A connected `@temporalio/client` Client. */
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
/** The projection runner and read models (infra/projections). */
export const PROJECTIONS = Symbol('Projections');
/** The user directory of the embedded identity provider. */
export const DIRECTORY = Symbol('Directory');
/** The rule sets by province and date (`PolicyRegistry`). */
export const POLICIES = Symbol('Policies');
/** `() => Date`: the API's clock, so tests can pin time. */
export const CLOCK = Symbol('Clock');
/** The API's prom-client registry and instruments (`ApiMetrics`). */
export const METRICS = Symbol('ApiMetrics');
/** Verifies bearer tokens (embedded HS256 or OIDC by JWKS): `TokenVerifier`. */
export const TOKEN_VERIFIER = Symbol('TokenVerifier');
/** Issues embedded access tokens, absent in OIDC mode: `TokenIssuer | undefined`. */
export const TOKEN_ISSUER = Symbol('TokenIssuer');
/** Settings of the API that are not environment config (timeouts): `ApiOptions`. */
export const API_OPTIONS = Symbol('ApiOptions');
