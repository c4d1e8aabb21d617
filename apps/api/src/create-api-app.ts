import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { defaultPolicies } from '@laurel/domain';
import type { ApiDeps, ResolvedApiDeps } from './api-deps';
import type { ApiResponse } from './common/http';
import { AppModule } from './app.module';
import { EmbeddedTokens } from './auth/embedded-tokens';
import { embeddedJwtKey } from './auth/jwt-secret';
import { OidcTokenVerifier } from './auth/oidc-token-verifier';
import { withDemoClock } from './demo-clock';
import { ApiMetrics } from './metrics/api-metrics';
import { buildOpenApiDocument } from './openapi-document';

async function resolve(deps: ApiDeps): Promise<ResolvedApiDeps> {
  const { config } = deps;
  const clock = deps.clock ?? (() => new Date());
  let tokenVerifier = deps.tokenVerifier;
  let tokenIssuer: EmbeddedTokens | null = null;
  if (config.AUTH_JWKS_URL && config.AUTH_ISSUER && config.AUTH_AUDIENCE) {
    // Production: the organisation's OIDC provider signs tokens; embedded login stays off.
    tokenVerifier ??= new OidcTokenVerifier(
      { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, jwksUrl: config.AUTH_JWKS_URL },
      deps.directory,
    );
  } else {
    tokenIssuer = new EmbeddedTokens(
      await embeddedJwtKey(config),
      config.AUTH_TOKEN_TTL_SECONDS,
      deps.directory,
      clock,
    );
    tokenVerifier ??= tokenIssuer;
  }
  return {
    config,
    stores: deps.stores,
    temporal: deps.temporal,
    directory: deps.directory,
    readModels: deps.readModels,
    policies: withDemoClock(deps.policies ?? defaultPolicies, config.LAUREL_DEMO_FAST_PROVINCES),
    clock,
    metrics: deps.metrics ?? new ApiMetrics(),
    options: {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      actionTimeoutMs: 30_000,
      queryTimeoutMs: 10_000,
      readYourWritesTimeoutMs: config.READ_YOUR_WRITES_TIMEOUT_MS,
      ...deps.options,
    },
    tokenVerifier,
    tokenIssuer,
  };
}

/**
 * The HTTP API as a Nest application, not yet listening: `main.ts` listens on
 * API_PORT; tests listen on port 0; the all-in-one entry shares its stores,
 * Temporal client and projections with the worker in one process.
 */
export async function createApiApp(deps: ApiDeps): Promise<INestApplication> {
  const resolved = await resolve(deps);
  // bodyParser off: JSON is parsed by JsonBodyMiddleware, whose errors get the API's error shape.
  const app = await NestFactory.create(AppModule.forRoot(resolved), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  // No advertising of the framework in every answer.
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  const document = buildOpenApiDocument(app);
  // The OpenAPI page is HTML too: no sniffing, no framing by another site (its own inline scripts stay allowed).
  (
    app.getHttpAdapter().getInstance() as {
      use(path: string, fn: (req: unknown, res: ApiResponse, next: () => void) => void): void;
    }
  ).use('/docs', (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}
