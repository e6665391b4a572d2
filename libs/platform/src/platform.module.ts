import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { register } from 'prom-client';
import type { ServiceName } from '@redmet/contracts';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { Clock } from './calendar/clock';
import { PlatformEnvironment } from './config/platform.environment';
import { validateEnvironment } from './config/validate-environment';
import { setOrigin } from './context/correlation';
import { postgresOptions, type SchemaDefinition } from './database/postgres.options';
import { ProblemFilter } from './errors/problem.filter';
import { createValidationPipe } from './errors/validation.pipe';
import { HealthController } from './health/health.controller';
import { loggerParams } from './logging/logger.params';
import { httpDurationHistogram } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { RefuseUnreadBody } from './http/file-upload';
import { ClaimFence } from './idempotency/claim-fence';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotentRequests } from './idempotency/idempotent-requests';

export interface PlatformOptions<E extends PlatformEnvironment> {
  service: ServiceName;
  environment: new () => E;
  /** Service-specific defaults (its port, its database) so a fresh checkout runs with no settings. */
  defaults: Partial<E>;
  schema: SchemaDefinition;
}

@Module({})
class EnvironmentModule {}

/**
 * The environment is validated when the application is created, not when its
 * module file is imported, so tests and tools can set variables first. A bad
 * value stops the start with a message naming the variable.
 */
function environmentModule<E extends PlatformEnvironment>(options: PlatformOptions<E>): DynamicModule {
  const validate = validateEnvironment(options.environment, options.defaults);
  return {
    module: EnvironmentModule,
    global: true,
    providers: [
      { provide: options.environment, useFactory: () => validate(process.env) },
      { provide: PlatformEnvironment, useExisting: options.environment },
    ],
    exports: [options.environment, PlatformEnvironment],
  };
}

/**
 * What every Redmet service stands on: validated configuration, JSON logs with
 * correlation ids, problem+json errors, strict input validation, Prometheus
 * metrics, health endpoints, token checks on every route, Idempotency-Key
 * retries and its own PostgreSQL database.
 */
@Module({})
export class PlatformModule {
  static forRoot<E extends PlatformEnvironment>(options: PlatformOptions<E>): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        environmentModule(options),
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            setup: (_cls, req: { correlationId: string }) =>
              setOrigin({ correlationId: req.correlationId, causationId: null }),
          },
        }),
        LoggerModule.forRootAsync({
          inject: [PlatformEnvironment],
          useFactory: (environment: PlatformEnvironment) => loggerParams(options.service, environment),
        }),
        PrometheusModule.register({
          path: '/metrics',
          controller: MetricsController,
          defaultLabels: { service: options.service },
          // Default process metrics register once per process; tests start several apps in one.
          defaultMetrics: { enabled: !register.getSingleMetric('process_cpu_user_seconds_total') },
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        // Global: the services' scheduled checks and the platform's own purge register their jobs with it.
        ScheduleModule.forRoot(),
        DiscoveryModule,
        TypeOrmModule.forRootAsync({
          inject: [PlatformEnvironment],
          useFactory: (environment: PlatformEnvironment) => postgresOptions(environment, options.schema),
        }),
      ],
      controllers: [HealthController],
      providers: [
        httpDurationHistogram,
        TokenVerifier,
        Clock,
        IdempotentRequests,
        ClaimFence,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RefuseUnreadBody },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      // IdempotentRequests: for the IdempotentUpload interceptor, which each upload route's module builds.
      exports: [Clock, IdempotentRequests],
    };
  }
}
