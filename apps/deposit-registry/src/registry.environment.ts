import { ArrayMinSize, IsArray, IsInt, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { MessagingEnvironment } from '@redmet/messaging';
import { IsCronExpression } from '@redmet/platform';

export class RegistryEnvironment extends MessagingEnvironment {
  /** Days before a licence's last day at which a `LicenceExpiring` notice goes out, once each. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map(Number) : value))
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(3650, { each: true })
  LICENCE_EXPIRY_NOTICE_DAYS: number[] = [180, 90];

  /** Cron expression (server time zone) of the licence expiry check. */
  @IsCronExpression()
  LICENCE_EXPIRY_CHECK_CRON = '0 */15 * * * *';
}

export const REGISTRY_DEFAULTS: Partial<RegistryEnvironment> = {
  PORT: 3001,
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/redmet_registry',
};
