import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@redmet/messaging';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS, type SchemaDefinition } from '@redmet/platform';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AddressLoginFailure } from '../auth/address-login-failure.entity';
import { KnownAddress } from '../auth/known-address.entity';
import { LoginFailure } from '../auth/login-failure.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { RateLimitWindow } from '../rate-limits/rate-limit-window.entity';
import { User } from '../users/user.entity';
import { CreateIdentity1764300600000 } from './migrations/1764300600000-create-identity';
import { RefreshTokenSessions1764401300000 } from './migrations/1764401300000-refresh-token-sessions';
import { LoginFailures1764401500000 } from './migrations/1764401500000-login-failures';
import { LoginFailuresByAddress1764401700000 } from './migrations/1764401700000-login-failures-by-address';
import { RateLimitWindows1764402100000 } from './migrations/1764402100000-rate-limit-windows';
import { UserAccessEvents1764402700000 } from './migrations/1764402700000-user-access-events';

/**
 * `redmet_gateway`: users, refresh tokens, failed logins, the authentication audit trail, the rate limits' counts
 * and the outbox of account events.
 */
export const GATEWAY_SCHEMA: SchemaDefinition = {
  entities: [
    ...PLATFORM_ENTITIES,
    ...MESSAGING_ENTITIES,
    User,
    RefreshToken,
    LoginFailure,
    AddressLoginFailure,
    KnownAddress,
    AuditEntry,
    RateLimitWindow,
  ],
  migrations: [
    ...PLATFORM_MIGRATIONS,
    ...MESSAGING_MIGRATIONS,
    CreateIdentity1764300600000,
    RefreshTokenSessions1764401300000,
    LoginFailures1764401500000,
    LoginFailuresByAddress1764401700000,
    RateLimitWindows1764402100000,
    UserAccessEvents1764402700000,
  ],
};
