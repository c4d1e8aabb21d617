import type { Client } from '@temporalio/client';
import type { PolicyRegistry } from '@laurel/domain';
import type { LaurelConfig } from '@laurel/infra/config/config';
import type { Directory } from '@laurel/infra/directory';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { ApiOptions } from './api-options';
import type { TokenIssuer } from './auth/embedded-tokens';
import type { TokenVerifier } from './auth/token-verifier';
import type { ApiMetrics } from './metrics/api-metrics';
import type { ReadModels } from './projections/read-models';

/** What the API needs from outside Nest. `createApiApp` fills the optional parts with production defaults. */
export interface ApiDeps {
  readonly config: LaurelConfig;
  readonly stores: Stores;
  readonly temporal: Client;
  readonly directory: Directory;
  readonly readModels: ReadModels;
  readonly policies?: PolicyRegistry;
  readonly clock?: () => Date;
  /** Share one with the projection runner so its lag lands on /metrics. */
  readonly metrics?: ApiMetrics;
  readonly options?: Partial<ApiOptions>;
  /** Replaces the verifier chosen from config (embedded or OIDC). */
  readonly tokenVerifier?: TokenVerifier;
}

/** ApiDeps with every part decided. */
export interface ResolvedApiDeps extends Required<Omit<ApiDeps, 'options' | 'tokenVerifier'>> {
  readonly options: ApiOptions;
  readonly tokenVerifier: TokenVerifier;
  readonly tokenIssuer: TokenIssuer | null;
}
