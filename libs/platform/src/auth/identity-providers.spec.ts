import { PlatformEnvironment } from '../config/platform.environment';
import { validateEnvironment } from '../config/validate-environment';
import { identityProviderProblems, providerUserIdSuffix } from './identity-providers';

const validate = validateEnvironment(PlatformEnvironment, { PORT: 3001, DATABASE_URL: 'postgres://postgres@h/x' });
const MINISTRY = { issuer: 'https://sso.minprom.example', jwks: 'https://sso.minprom.example/certs' };

describe('AUTH_PROVIDERS', () => {
  it('is read from JSON into typed providers, and is empty when unset', () => {
    const providers = [{ ...MINISTRY, rolesClaim: 'realm_access.roles', roleMap: { analyst: 'ministry_analyst' } }];
    expect(validate({ AUTH_PROVIDERS: JSON.stringify(providers) }).AUTH_PROVIDERS).toEqual(providers);
    expect(validate({}).AUTH_PROVIDERS).toEqual([]);
  });

  it('stops the start with a message naming each bad field', () => {
    const providers = [
      MINISTRY,
      { issuer: 'https://idp.example', jwks: 'ftp://idp.example/jwks', rolesclaim: 'roles', audience: 7 },
      { issuer: '', jwks: 'deploy/auth/idp-jwks.json', roleMap: { boss: 'superuser' } },
    ];
    const message = (() => {
      try {
        validate({ AUTH_PROVIDERS: JSON.stringify(providers) });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/^Invalid configuration:\n {2}AUTH_PROVIDERS \(/);
    expect(message).toContain('AUTH_PROVIDERS[1].jwks must be an http(s) URL or a file path');
    expect(message).toContain('AUTH_PROVIDERS[1].rolesclaim is not a provider setting');
    expect(message).toContain('AUTH_PROVIDERS[1].audience must be a string or a list of strings');
    expect(message).toContain('AUTH_PROVIDERS[2].issuer must be');
    expect(message).toContain('AUTH_PROVIDERS[2].roleMap.boss must name Redmet roles');
    expect(message).not.toContain('AUTH_PROVIDERS[0]');
  });

  it('takes keys over plain http only from a loopback host, naming the field; an issuer is only a name', () => {
    const plain = [
      { issuer: 'http://sso.minprom.example/realms/staff', jwks: 'https://sso.minprom.example/certs' },
      { issuer: 'https://idp.example', jwks: 'http://idp.example/certs' },
      { issuer: 'https://other.example', jwks: 'http://127.0.0.1.nip.io/certs' },
      { issuer: 'https://next.example', jwks: 'HTTP://localhost.example/certs' },
    ];
    expect(identityProviderProblems(plain)).toEqual([
      expect.stringMatching(
        /^AUTH_PROVIDERS\[1\]\.jwks must use https unless its host is loopback \(localhost, 127\.0\.0\.0\/8, ::1\)/,
      ),
      expect.stringMatching(/^AUTH_PROVIDERS\[2\]\.jwks must use https /),
      expect.stringMatching(/^AUTH_PROVIDERS\[3\]\.jwks must use https /),
    ]);
    const loopback = [
      { issuer: 'http://127.0.0.1:8080/realms/staff', jwks: 'http://127.0.0.1:8080/realms/staff/certs' },
      { issuer: 'http://localhost:8080/a', jwks: 'http://localhost:8080/a/certs' },
      { issuer: 'http://127.45.0.9/b', jwks: 'http://[::1]:9000/b/certs' },
    ];
    expect(identityProviderProblems(loopback)).toEqual([]);
  });

  it('refuses text that is not a JSON list', () => {
    expect(() => validate({ AUTH_PROVIDERS: '{"issuer": "x"' })).toThrow(/AUTH_PROVIDERS is not JSON/);
    expect(() => validate({ AUTH_PROVIDERS: JSON.stringify(MINISTRY) })).toThrow(/must be a JSON list/);
  });

  it('gives each issuer one set of keys: not the gateway’s issuer again, nor one issuer twice', () => {
    expect(identityProviderProblems([{ issuer: 'redmet-gateway', jwks: 'x.json' }], ['redmet-gateway'])).toEqual([
      expect.stringContaining('AUTH_PROVIDERS[0].issuer "redmet-gateway" is already trusted through AUTH_ISSUERS'),
    ]);
    expect(identityProviderProblems([MINISTRY, MINISTRY])).toEqual([
      expect.stringContaining('AUTH_PROVIDERS[1].issuer "https://sso.minprom.example" is already trusted'),
    ]);
    expect(() =>
      validate({
        AUTH_ISSUERS: 'redmet-gateway,https://sso.minprom.example',
        AUTH_PROVIDERS: JSON.stringify([MINISTRY]),
      }),
    ).toThrow(/AUTH_ISSUERS/);
  });
});

describe('providerUserIdSuffix', () => {
  const staff = 'https://sso.minprom.example/realms/staff';

  it("names a provider's users by its host and a digest of its issuer, the same at every start", () => {
    expect(providerUserIdSuffix(staff)).toBe('@sso.minprom.example~054c3a35');
    expect(providerUserIdSuffix('minprom-idp')).toBe('@minprom-idp~4e09bd3d');
  });

  it('tells apart providers on one host, and issuers that differ only in case or scheme', () => {
    const suffixes = [
      staff,
      'https://sso.minprom.example/realms/producers',
      'https://SSO.minprom.example/realms/staff',
      'http://sso.minprom.example/realms/staff',
    ].map(providerUserIdSuffix);
    expect(new Set(suffixes).size).toBe(suffixes.length);
  });

  it('stays short, with no second @, whatever the issuer', () => {
    for (const issuer of [`https://${'very-long-host.'.repeat(10)}example/realms/x`, 'urn:a@b c', 'минпром']) {
      const suffix = providerUserIdSuffix(issuer);
      expect(suffix.length).toBeLessThanOrEqual(42);
      expect(suffix.lastIndexOf('@')).toBe(0);
      expect(suffix).toMatch(/[@~][0-9a-f]{8}$/);
    }
  });
});

describe('AUTH_JWKS', () => {
  it('takes URLs over plain http only from a loopback host, and files as they are', () => {
    expect(() => validate({ AUTH_JWKS: 'keys/jwks.json,http://gateway:8080/.well-known/jwks.json' })).toThrow(
      /AUTH_JWKS \(.*\): AUTH_JWKS must use https /,
    );
    const accepted =
      'keys/jwks.json,https://gateway.example/.well-known/jwks.json,http://127.0.0.1:3000/.well-known/jwks.json';
    expect(validate({ AUTH_JWKS: accepted }).AUTH_JWKS).toBe(accepted);
  });
});
