import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An address an account signed in from with its password, recently. When
 * failures from everywhere lock the name at every address, these addresses
 * keep their own tries (OWASP's "device cookies", by address): strangers
 * with many addresses cannot lock the holder out where the holder works.
 */
@Entity('login_known_address')
@Index('login_known_address_expires', ['expiresAt'])
export class KnownAddress {
  /** SHA-256 of the username, as in `login_failure`. */
  @PrimaryColumn({ name: 'username_hash', type: 'text' })
  usernameHash: string;

  /** As `clientAddress` counts it. */
  @PrimaryColumn({ type: 'text' })
  address: string;

  /** LOGIN_KNOWN_ADDRESS_DAYS after the last sign-in from it; then the row may be deleted. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
