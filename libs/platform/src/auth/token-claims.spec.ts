import { claimAt, principalFromClaims } from './token-claims';

const CLAIMS = { roles: 'roles', company: 'company_id', subject: 'sub', name: 'name' };

describe('token claims', () => {
  it('finds a claim by its name first, then by a dotted path', () => {
    const payload = { 'https://redmet.example/roles': ['admin'], realm_access: { roles: ['analyst'] } };
    expect(claimAt(payload, 'https://redmet.example/roles')).toEqual(['admin']);
    expect(claimAt(payload, 'realm_access.roles')).toEqual(['analyst']);
    expect(claimAt(payload, 'realm_access.missing.roles')).toBeUndefined();
    expect(claimAt(payload, 'constructor')).toBeUndefined();
    expect(claimAt(payload, 'realm_access.constructor')).toBeUndefined();
  });

  it('takes Redmet role names as they are when no role map is given, and drops the rest', () => {
    const principal = principalFromClaims({ sub: 'u', roles: ['ministry_analyst', 'admin', 'root', 7] }, CLAIMS);
    expect(principal.roles).toEqual(['ministry_analyst', 'admin']);
  });

  it('maps role names through the role map, once each, and nothing else', () => {
    const roleMap = { staff: 'ministry_analyst' as const, boss: ['ministry_analyst' as const, 'admin' as const] };
    const principal = principalFromClaims({ sub: 'u', roles: 'staff boss admin' }, { ...CLAIMS, roleMap });
    expect(principal.roles).toEqual(['ministry_analyst', 'admin']);
    expect(principalFromClaims({ sub: 'u', roles: ['toString'] }, { ...CLAIMS, roleMap }).roles).toEqual([]);
  });

  it('reads a numeric subject as text, and refuses a token without a subject', () => {
    expect(principalFromClaims({ employee: 42 }, { ...CLAIMS, subject: 'employee' }).userId).toBe('42');
    expect(() => principalFromClaims({ roles: ['admin'] }, CLAIMS)).toThrow(/sub/);
    expect(() => principalFromClaims({ sub: '', roles: ['admin'] }, CLAIMS)).toThrow(/sub/);
  });

  it('takes a company claim that is no company id (a UUID) for none: a producer then acts for no company', () => {
    for (const company_id of [42, 'LOVOZERO', '5116377823', '0b6f1e52-3c1a-4e4b-9d67-6a0c2b6f8e11; DROP']) {
      expect(principalFromClaims({ sub: 'u', roles: ['producer'], company_id }, CLAIMS).companyId).toBeNull();
    }
  });

  it('reads the company id in lower case, as the services store and compare it', () => {
    const companyId = '0B6F1E52-3C1A-4E4B-9D67-6A0C2B6F8E11';
    expect(principalFromClaims({ sub: 'u', company_id: companyId }, CLAIMS).companyId).toBe(companyId.toLowerCase());
  });

  it('keeps what an event can record of the caller: no blank name, a long name cut, no over-long subject', () => {
    expect(principalFromClaims({ sub: 'u', name: '  ' }, CLAIMS).name).toBeNull();
    expect(principalFromClaims({ sub: 'u', name: ' M. Orlova ' }, CLAIMS).name).toBe('M. Orlova');
    expect(principalFromClaims({ sub: 'u', name: 'n'.repeat(500) }, CLAIMS).name).toHaveLength(200);
    // Not through an emoji: half of one is text PostgreSQL refuses, and every change the caller made would fail.
    expect(principalFromClaims({ sub: 'u', name: `${'n'.repeat(199)}\u{1F48E}` }, CLAIMS).name).toBe('n'.repeat(199));
    expect(principalFromClaims({ sub: 'u'.repeat(128) }, CLAIMS).userId).toHaveLength(128);
    expect(() => principalFromClaims({ sub: 'u'.repeat(129) }, CLAIMS)).toThrow(/longer than 128/);
  });

  it("names an external provider's user by subject and provider, within what an event can record", () => {
    const suffix = '@sso.minprom.example~054c3a35';
    expect(principalFromClaims({ sub: 'i.orlova' }, CLAIMS, suffix).userId).toBe(`i.orlova${suffix}`);
    expect(principalFromClaims({ sub: 'u'.repeat(128 - suffix.length) }, CLAIMS, suffix).userId).toHaveLength(128);
    expect(() => principalFromClaims({ sub: 'u'.repeat(129 - suffix.length) }, CLAIMS, suffix)).toThrow(
      `the token's sub claim is longer than ${128 - suffix.length} characters`,
    );
  });
});
