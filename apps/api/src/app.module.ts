import { randomUUID } from 'node:crypto';
import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { ResolvedApiDeps } from './api-deps';
import { AuditModule } from './audit/audit.module';
import { AdminModule } from './admin/admin.module';
import { AuthGuard } from './auth/auth.guard';
import { BlockLeadership } from './auth/block-leadership';
import { AuthModule } from './auth/auth.module';
import { AuthConfigModule } from './auth-config/auth-config.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CodecModule } from './codec/codec.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { JsonBodyMiddleware } from './common/json-body.middleware';
import { PathGuardMiddleware } from './common/path-guard.middleware';
import { CoreModule } from './core.module';
import { DecisionListsModule } from './decision-lists/decision-lists.module';
import { DirectoryModule } from './directory/directory.module';
import { DocumentsModule } from './documents/documents.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { HealthModule } from './health/health.module';
import { MeModule } from './me/me.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsModule } from './metrics/metrics.module';
import { NominationsModule } from './nominations/nominations.module';
import { AwardsModule } from './awards/awards.module';
import { OverviewModule } from './overview/overview.module';
import { PublicationModule } from './publication/publication.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { SessionsModule } from './sessions/sessions.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TasksModule } from './tasks/tasks.module';
import { ViewsModule } from './views/views.module';
import { WebModule } from './web/web.module';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const QUIET_PATHS = new Set(['/metrics', '/health/live']);

@Module({})
export class AppModule implements NestModule {
  static forRoot(deps: ResolvedApiDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(deps),
        LoggerModule.forRoot({
          pinoHttp: {
            level: deps.config.LOG_LEVEL,
            // A caller's X-Request-Id is kept (it ties our log lines to theirs); otherwise one is made.
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            customLogLevel: (_req, res, error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
          },
        }),
        CqrsModule.forRoot(),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'login', ttl: 60_000, limit: deps.config.AUTH_LOGIN_LIMIT_PER_MINUTE }],
        }),
        AuthModule,
        AuthConfigModule,
        MeModule,
        DirectoryModule,
        AwardsModule,
        NominationsModule,
        CampaignsModule,
        DossiersModule,
        RegistrationsModule,
        SessionsModule,
        DecisionListsModule,
        DocumentsModule,
        TasksModule,
        StatisticsModule,
        PublicationModule,
        ViewsModule,
        OverviewModule,
        AuditModule,
        HealthModule,
        MetricsModule,
        AdminModule,
        CodecModule,
        WebModule.forRoot(deps.config.LAUREL_WEB_DIR),
      ],
      providers: [
        BlockLeadership,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        JsonBodyMiddleware,
        PathGuardMiddleware,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Metrics first, so that a refused body (413, bad JSON) is timed too.
    consumer
      .apply(HttpMetricsMiddleware, PathGuardMiddleware, JsonBodyMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
