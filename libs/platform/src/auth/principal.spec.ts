import { Principal } from './principal';

describe('Principal', () => {
  const companyId = '5b0d6a3e-7a0a-4c49-9a1f-2c1f1a3a9b10';

  it('limits a producer to its own company', () => {
    const producer = new Principal('u1', ['producer'], companyId);
    expect(producer.canSeeCompany(companyId)).toBe(true);
    expect(producer.canSeeCompany('another')).toBe(false);
  });

  it('lets a producer whose token names no company see none, not even what belongs to no company', () => {
    const unbound = new Principal('u5', ['producer'], null);
    expect(unbound.canSeeCompany(companyId)).toBe(false);
    expect(unbound.canSeeCompany(null)).toBe(false);
  });

  it('keeps a producer to its own company when its token carries a staff role too', () => {
    const mixed = new Principal('u6', ['producer', 'ministry_analyst'], companyId);
    expect(mixed.isProducer()).toBe(true);
    expect(mixed.canSeeCompany(companyId)).toBe(true);
    expect(mixed.canSeeCompany('another')).toBe(false);
  });

  it('gives a producer none of the staff roles its token carries too: it decides, reads and changes as a producer', () => {
    const mixed = new Principal('u7', ['subsidy_officer', 'producer', 'registry_admin'], companyId);
    expect(mixed.roles).toEqual(['producer']);
    expect(mixed.hasRole('subsidy_officer', 'registry_admin', 'admin')).toBe(false);
    expect(mixed.hasRole('producer')).toBe(true);
  });

  it('lets staff see every company', () => {
    expect(new Principal('u2', ['subsidy_officer'], null).canSeeCompany(companyId)).toBe(true);
    expect(new Principal('u3', ['ministry_analyst'], null).canSeeCompany(companyId)).toBe(true);
  });

  it('matches any of the required roles', () => {
    const admin = new Principal('u4', ['registry_admin'], null);
    expect(admin.hasRole('admin', 'registry_admin')).toBe(true);
    expect(admin.hasRole('producer')).toBe(false);
  });
});
