import { IsInt, IsUrl, Matches, Max, Min, ValidateBy } from 'class-validator';
import { MessagingEnvironment } from '@redmet/messaging';

const SERVICE_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** At or below LOGIN_MAX_FAILURES, one address could lock a name at every address: anyone could lock anyone out. */
function AboveOneAddressLimit(): PropertyDecorator {
  return ValidateBy({
    name: 'aboveOneAddressLimit',
    validator: {
      validate: (limit: unknown, args) =>
        typeof limit !== 'number' || limit > (args?.object as GatewayEnvironment).LOGIN_MAX_FAILURES,
      defaultMessage: (args) =>
        `must be more than LOGIN_MAX_FAILURES (${(args?.object as GatewayEnvironment).LOGIN_MAX_FAILURES}), ` +
        'or one address could lock a name at every address',
    },
  });
}

export class GatewayEnvironment extends MessagingEnvironment {
  /** The private JWK that signs tokens; its public half must be in the JWKS file the gateway publishes. */
  @Matches(/^\S+$/, { message: 'AUTH_SIGNING_KEY_FILE must be a file path' })
  AUTH_SIGNING_KEY_FILE = '.cache/auth/dev-signing-key.json';

  /** Access tokens are short-lived: a revoked role stops working within this many seconds. */
  @IsInt()
  @Min(60)
  @Max(3600)
  AUTH_TOKEN_TTL_SECONDS = 900;

  @IsInt()
  @Min(300)
  @Max(604800)
  AUTH_REFRESH_TTL_SECONDS = 28800;

  /** How long a login session lasts at most from its login, however often it is refreshed (then sign in again). */
  @IsInt()
  @Min(300)
  @Max(2592000)
  AUTH_SESSION_MAX_SECONDS = 43200;

  /**
   * Failed logins in a row at one username, an account's or not, from one client address (an IPv6
   * /64) before the name is locked at that address.
   */
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /**
   * Failed logins at one username from all addresses together before the name is locked at every
   * address; more than LOGIN_MAX_FAILURES: it bounds a guesser who spreads tries over many addresses.
   */
  @IsInt()
  @Min(2)
  @Max(1000)
  @AboveOneAddressLimit()
  LOGIN_MAX_FAILURES_ALL_ADDRESSES = 20;

  /**
   * How long an address an account signed in from keeps its own tries when the name is locked at every
   * address (0: none does).
   */
  @IsInt()
  @Min(0)
  @Max(365)
  LOGIN_KNOWN_ADDRESS_DAYS = 30;

  /** How long a name stays locked, and how long a run of failures is remembered after its last one. */
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Logins, and refreshes apart, per client address per minute, counted by all instances together. */
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /** Requests per client address per minute through the gateway, counted by all instances together. */
  @IsInt()
  @Min(1)
  @Max(1000000)
  API_RATE_LIMIT_PER_MINUTE = 6000;

  /**
   * Which proxies in front of the gateway to believe about the client's address
   * (Express's `trust proxy`): `loopback`, subnets like `10.0.0.0/8`, or a hop
   * count. Login throttling, lock-outs and the audit trail use that address.
   */
  @Matches(/^[\w.:/, -]+$/, { message: 'TRUST_PROXY must be loopback, addresses or subnets, or a hop count' })
  TRUST_PROXY = 'loopback';

  /** The console's origin: the only one CORS lets call the API from a browser. */
  @IsUrl(SERVICE_URL)
  CONSOLE_ORIGIN = 'http://127.0.0.1:3000';

  /** The console's built files (vite build output), served at `/` when present. */
  @Matches(/^\S+$/, { message: 'CONSOLE_DIR must be a directory path' })
  CONSOLE_DIR = 'dist/console';

  @IsUrl(SERVICE_URL)
  REGISTRY_URL = 'http://127.0.0.1:3001';

  @IsUrl(SERVICE_URL)
  REPORTING_URL = 'http://127.0.0.1:3002';

  @IsUrl(SERVICE_URL)
  SUBSIDY_URL = 'http://127.0.0.1:3003';

  @IsUrl(SERVICE_URL)
  MONITORING_URL = 'http://127.0.0.1:3004';

  /** A service that does not answer within this time gives 504; one that is down gives 503 at once. */
  @IsInt()
  @Min(100)
  @Max(600000)
  PROXY_TIMEOUT_MS = 30000;
}

export const GATEWAY_DEFAULTS: Partial<GatewayEnvironment> = {
  PORT: 3000,
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/redmet_gateway',
};
