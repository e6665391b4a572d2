import type { Role } from '@redmet/contracts';

/** Who is calling, as the verified token says. */
export class Principal {
  constructor(
    readonly userId: string,
    readonly roles: readonly Role[],
    /** Set for producers: the one company they act for. */
    readonly companyId: string | null,
    readonly name: string | null = null,
  ) {}

  hasRole(...roles: Role[]): boolean {
    return roles.some((role) => this.roles.includes(role));
  }

  /** Staff roles see every company; a producer only its own, and one whose token names none sees none. */
  canSeeCompany(companyId: string | null): boolean {
    return !this.isProducer() || (this.companyId !== null && this.companyId === companyId);
  }

  /**
   * A producer acts for its company only, whatever other roles its token carries: an endpoint open to
   * producers and to some staff would otherwise show every company to a producer who also holds a
   * staff role that endpoint does not admit (the gateway gives no account both; other providers might).
   */
  isProducer(): boolean {
    return this.roles.includes('producer');
  }
}
