import type { Actor, Role } from '@redmet/contracts';

/** Who is calling, as the verified token says. */
export class Principal {
  /**
   * A token that names a producer acts as that producer only, whatever staff
   * roles it carries too: a producer's employee deciding claims, reading every
   * company or changing the registry would be the conflict of interest the
   * roles keep apart (the gateway gives no account both; other providers might).
   */
  readonly roles: readonly Role[];

  constructor(
    /**
     * A gateway user's subject (an account's id) as it is; an external provider's subject with that
     * provider's `providerUserIdSuffix`, so that no two issuers' users share an id.
     */
    readonly userId: string,
    roles: readonly Role[],
    /** Set for producers: the one company they act for. */
    readonly companyId: string | null,
    readonly name: string | null = null,
  ) {
    this.roles = roles.includes('producer') ? ['producer'] : roles;
  }

  hasRole(...roles: Role[]): boolean {
    return roles.some((role) => this.roles.includes(role));
  }

  /** Staff roles see every company; a producer only its own, and one whose token names none sees none. */
  canSeeCompany(companyId: string | null): boolean {
    return !this.isProducer() || (this.companyId !== null && this.companyId === companyId);
  }

  isProducer(): boolean {
    return this.roles.includes('producer');
  }

  /** The caller as a change, a signature or a decision records it. */
  actor(): Actor {
    return { userId: this.userId, name: this.name };
  }
}
