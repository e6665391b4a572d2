import { IsInt, IsUrl, Matches, Max, Min } from 'class-validator';
import { PlatformEnvironment } from '@redmet/platform';

const SERVICE_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayEnvironment extends PlatformEnvironment {
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

  /** Failed logins in a row at one username, an account's or not, before the name is locked. */
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /** How long a name stays locked, and how long a run of failures is remembered after its last one. */
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Login attempts per client address per minute. */
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /** Requests per client address per minute through the gateway. */
  @IsInt()
  @Min(1)
  @Max(1000000)
  API_RATE_LIMIT_PER_MINUTE = 6000;

  /**
   * Which proxies in front of the gateway to believe about the client's address
   * (Express's `trust proxy`): `loopback`, subnets like `10.0.0.0/8`, or a hop
   * count. Login throttling and the audit trail use that address.
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
