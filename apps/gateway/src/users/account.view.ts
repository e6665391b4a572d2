import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { User } from './user.entity';

/** An account as admins see it: with its lock-out, which is what a holder who cannot sign in asks about. */
export class Account extends OmitType(User, ['passwordHash', 'failedLogins', 'lockedUntil', 'accessVersion'] as const) {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Until when sign-ins at the username are refused (423) after failed logins, at one client address or at all ' +
      '(the latest such lock-out; the audit trail tells which); null when not locked',
  })
  lockedUntil: Date | null;
}
