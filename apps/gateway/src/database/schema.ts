import type { SchemaDefinition } from '@redmet/platform';
import { AuditEntry } from '../audit/audit-entry.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { User } from '../users/user.entity';
import { CreateIdentity1764300600000 } from './migrations/1764300600000-create-identity';
import { RefreshTokenSessions1764401300000 } from './migrations/1764401300000-refresh-token-sessions';

/** `redmet_gateway`: users, refresh tokens and the authentication audit trail. */
export const GATEWAY_SCHEMA: SchemaDefinition = {
  entities: [User, RefreshToken, AuditEntry],
  migrations: [CreateIdentity1764300600000, RefreshTokenSessions1764401300000],
};
