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
    return !this.isProducerOnly() || (this.companyId !== null && this.companyId === companyId);
  }

  isProducerOnly(): boolean {
    return this.roles.every((role) => role === 'producer');
  }
}
