import { Entity, Index, PrimaryColumn } from 'typeorm';
import { LoginFailureRun } from './login-failure-run.entity';

/**
 * The failed logins in a row at one username from one client address, an
 * account's name or not. A lock here refuses that address only, so a
 * stranger failing on purpose does not lock the holder out elsewhere;
 * `login_failure` counts the name's failures at all addresses together.
 */
@Entity('login_failure_by_address')
@Index('login_failure_by_address_expires', ['expiresAt'])
export class AddressLoginFailure extends LoginFailureRun {
  /** The client's address as `clientAddress` counts it (an IPv6 one as its /64). */
  @PrimaryColumn({ type: 'text' })
  address: string;
}
