import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ResolvedApiDeps } from './api-deps';
import {
  API_OPTIONS,
  CLOCK,
  CONFIG,
  DIRECTORY,
  METRICS,
  POLICIES,
  PROJECTIONS,
  STORES,
  TEMPORAL_CLIENT,
  TOKEN_ISSUER,
  TOKEN_VERIFIER,
} from './tokens';

/** The outside world as providers, global so every feature module (audit included) can inject it. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(deps: ResolvedApiDeps): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: deps.config },
      { provide: STORES, useValue: deps.stores },
      { provide: TEMPORAL_CLIENT, useValue: deps.temporal },
      { provide: PROJECTIONS, useValue: deps.readModels },
      { provide: DIRECTORY, useValue: deps.directory },
      { provide: POLICIES, useValue: deps.policies },
      { provide: CLOCK, useValue: deps.clock },
      { provide: METRICS, useValue: deps.metrics },
      { provide: API_OPTIONS, useValue: deps.options },
      { provide: TOKEN_VERIFIER, useValue: deps.tokenVerifier },
      { provide: TOKEN_ISSUER, useValue: deps.tokenIssuer },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}
