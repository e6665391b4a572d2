import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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

  /** Run pending migrations at start; production turns this off and runs the migration job instead. */
  @IsBoolean()
  DATABASE_MIGRATIONS_RUN = true;

  /** Largest accepted HTTP body; CSV uploads have their own limit. */
  @IsOptional()
  @Matches(/^\d+(kb|mb)$/, { message: 'HTTP_BODY_LIMIT must look like 512kb or 2mb' })
  HTTP_BODY_LIMIT = '1mb';
}
