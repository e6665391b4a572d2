import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsTimeZone, IsUrl, Matches, Max, Min, ValidateBy } from 'class-validator';
import {
  identityProviderProblems,
  type IdentityProviderSettings,
  parseProvidersSetting,
} from '../auth/identity-providers';
import { plainHttpProblems } from '../auth/plain-http';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const issuersOf = (environment: object): string[] =>
  String((environment as { AUTH_ISSUERS?: unknown }).AUTH_ISSUERS ?? '')
    .split(',')
    .map((issuer) => issuer.trim());

/** A JSON list of identity providers; the message names every bad field. */
function IsIdentityProviders(): PropertyDecorator {
  return ValidateBy({
    name: 'isIdentityProviders',
    validator: {
      validate: (value, args) => identityProviderProblems(value, issuersOf(args!.object)).length === 0,
      defaultMessage: (args) => identityProviderProblems(args!.value, issuersOf(args!.object)).join('; '),
    },
  });
}

const jwksProblems = (value: unknown): string[] =>
  String(value)
    .split(',')
    .flatMap((location) => plainHttpProblems(location.trim(), 'AUTH_JWKS'));

/** JWKS URLs are https, but for a loopback host. */
function IsFetchedSafely(): PropertyDecorator {
  return ValidateBy({
    name: 'isFetchedSafely',
    validator: {
      validate: (value) => jwksProblems(value).length === 0,
      defaultMessage: (args) => jwksProblems(args!.value).join('; '),
    },
  });
}

/** Whose calendar the services' days follow unless TIME_ZONE says otherwise (the ministry's). */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/** Settings every service has; each service extends it with its own. */
export class PlatformEnvironment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** 0 picks a free port (tests). */
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Human-readable logs for a terminal instead of JSON lines. */
  @IsBoolean()
  LOG_PRETTY = false;

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL: string;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * A session idle inside a transaction longer than this is ended by PostgreSQL,
   * so that a frozen or partitioned instance cannot hold row and advisory locks
   * that its replicas wait on (they would stall their consumer group).
   */
  @IsInt()
  @Min(1000)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  /** Run pending migrations at start; production turns this off and runs the migration job instead. */
  @IsBoolean()
  DATABASE_MIGRATIONS_RUN = true;

  /**
   * Where the public keys of the gateway's tokens are: JWKS files or URLs,
   * comma-separated (several while a key is rotated out); a URL is https but
   * for a loopback host. External providers have their own keys in AUTH_PROVIDERS.
   */
  @Matches(/^\S+(,\S+)*$/, { message: 'AUTH_JWKS must be comma-separated JWKS URLs or file paths' })
  @IsFetchedSafely()
  AUTH_JWKS = '.cache/auth/jwks.json';

  /** The gateway's `iss`, comma-separated if it has had several names; its tokens are checked with AUTH_JWKS. */
  @Matches(/^\S+(,\S+)*$/, { message: 'AUTH_ISSUERS must be comma-separated issuer names' })
  AUTH_ISSUERS = 'redmet-gateway';

  @Matches(/^\S+$/, { message: 'AUTH_AUDIENCE must be one word' })
  AUTH_AUDIENCE = 'redmet';

  /** Claim holding the user's roles in the gateway's tokens. */
  @Matches(/^[\w.:/-]+$/, { message: 'AUTH_ROLES_CLAIM must be a claim name' })
  AUTH_ROLES_CLAIM = 'roles';

  /** Claim holding a producer's company id in the gateway's tokens. */
  @Matches(/^[\w.:/-]+$/, { message: 'AUTH_COMPANY_CLAIM must be a claim name' })
  AUTH_COMPANY_CLAIM = 'company_id';

  /**
   * External OpenID Connect providers, a JSON list of {issuer, jwks (URL or file), audience, rolesClaim,
   * companyClaim, subjectClaim, nameClaim, roleMap}, jwks URLs https unless their host is loopback; a token is
   * checked with its own issuer's keys only (README)
   */
  @Transform(({ value }) => parseProvidersSetting(value))
  @IsIdentityProviders()
  AUTH_PROVIDERS: IdentityProviderSettings[] = [];

  /** OTLP/HTTP collector (e.g. http://otel-collector:4318); traces are off when unset. Read by @redmet/platform/tracing. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be a URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Largest accepted HTTP body; CSV uploads have their own limit. */
  @IsOptional()
  @Matches(/^\d+(kb|mb)$/, { message: 'HTTP_BODY_LIMIT must look like 512kb or 2mb' })
  HTTP_BODY_LIMIT = '1mb';

  /** How long the answer to a request sent with an Idempotency-Key is kept and replayed to its retries. */
  @IsInt()
  @Min(1)
  IDEMPOTENCY_TTL_HOURS = 24;

  /**
   * A request with an Idempotency-Key that has not answered within this is taken to have died with its
   * process, and a retry runs it again; longer than any request takes (the gateway gives up after 30 s).
   */
  @IsInt()
  @Min(1)
  IDEMPOTENCY_IN_PROGRESS_TIMEOUT_SECONDS = 120;

  /**
   * IANA time zone whose calendar the days follow (when a period is over, a report or a clawback
   * due, a licence expired; monitoring's today and as-known-then days), whatever zone the server runs
   * in; monitoring's instances must all have the same one
   */
  @IsTimeZone({ message: 'TIME_ZONE must be an IANA time zone such as Europe/Moscow' })
  TIME_ZONE = DEFAULT_TIME_ZONE;
}
