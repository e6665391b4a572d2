import { Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { MessagingModule } from '@redmet/messaging';
import { PlatformModule } from '@redmet/platform';
import { AuditService } from './audit/audit.service';
import { AuthController, JwksController, LOGIN_ROUTE } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginFailures } from './auth/login-failures';
import { TokenIssuer } from './auth/token-issuer';
import { clientAddress } from './common/client-address';
import { GATEWAY_SCHEMA } from './database/schema';
import { GATEWAY_DEFAULTS, GatewayEnvironment } from './gateway.environment';
import { CombinedDocument, GatewayDocument } from './proxy/combined-document';
import { CombinedDocsController } from './proxy/combined-docs.controller';
import { LoginThrottlerGuard } from './rate-limits/login-throttler.guard';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { SharedRateLimiter } from './rate-limits/shared-rate-limiter';
import { SharedThrottlerStorage } from './rate-limits/shared-throttler-storage';
import { DirectoryController } from './users/directory.controller';
import { UserAccess } from './users/user-access';
import { UserAccessAnnouncement } from './users/user-access-announcement';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

const reflector = new Reflector();

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'gateway',
      environment: GatewayEnvironment,
      defaults: GATEWAY_DEFAULTS,
      schema: GATEWAY_SCHEMA,
    }),
    // Sign-in and the console must not go down with the broker: account events wait in the outbox meanwhile.
    MessagingModule.forRoot({ service: 'gateway', runsWithoutBroker: true }),
    ThrottlerModule.forRootAsync({
      imports: [RateLimitsModule],
      inject: [GatewayEnvironment, SharedRateLimiter],
      useFactory: (environment: GatewayEnvironment, limiter: SharedRateLimiter) => ({
        // Counted by every instance together, as the proxied API's limit is.
        storage: new SharedThrottlerStorage(limiter),
        // The client as the gateway counts it everywhere (an IPv6 one by its /64), not the throttler's own idea of it.
        getTracker: (req) => clientAddress((req as Request).ip),
        // Each route its own budget, as the library's key gives it, under a key an operator can read (not its hash).
        generateKey: (context, tracker) => `${context.getHandler().name}:${tracker}`,
        throttlers: [
          {
            name: 'login',
            ttl: 60_000,
            limit: environment.LOGIN_RATE_LIMIT_PER_MINUTE,
            // Only logins and refreshes: guessing passwords is what this slows down.
            skipIf: (context) => !reflector.get<boolean>(LOGIN_ROUTE, context.getHandler()),
          },
        ],
      }),
    }),
    RateLimitsModule,
  ],
  controllers: [AuthController, JwksController, UsersController, DirectoryController, CombinedDocsController],
  providers: [
    AuditService,
    AuthService,
    LoginFailures,
    TokenIssuer,
    UsersService,
    UserAccess,
    UserAccessAnnouncement,
    GatewayDocument,
    CombinedDocument,
    { provide: APP_GUARD, useClass: LoginThrottlerGuard },
  ],
})
export class AppModule {}
