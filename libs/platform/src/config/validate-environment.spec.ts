import { PlatformEnvironment } from './platform.environment';
import { validateEnvironment } from './validate-environment';

const validate = validateEnvironment(PlatformEnvironment, {
  PORT: 3001,
  DATABASE_URL: 'postgres://postgres@127.0.0.1/x',
});

describe('validateEnvironment', () => {
  it('applies defaults and converts numbers and booleans from strings', () => {
    const environment = validate({ DATABASE_POOL_SIZE: '25', DATABASE_MIGRATIONS_RUN: 'false', LOG_LEVEL: 'debug' });
    expect(environment.PORT).toBe(3001);
    expect(environment.DATABASE_POOL_SIZE).toBe(25);
    expect(environment.DATABASE_MIGRATIONS_RUN).toBe(false);
    expect(environment.LOG_LEVEL).toBe('debug');
  });

  it('lets the environment override the service defaults', () => {
    expect(validate({ PORT: '4001' }).PORT).toBe(4001);
  });

  it('stops with a message naming every bad variable and its value', () => {
    expect(() => validate({ PORT: '70000', DATABASE_URL: 'mysql://x', DATABASE_MIGRATIONS_RUN: 'maybe' })).toThrow(
      /PORT \("70000"\)[\s\S]*DATABASE_URL \("mysql:\/\/x"\): DATABASE_URL must be a postgres:\/\/ connection URL[\s\S]*DATABASE_MIGRATIONS_RUN \("maybe"\)/,
    );
  });

  it('names a bad URL without the password in it', () => {
    expect(() => validate({ DATABASE_URL: 'postgres://redmet:s3cr%40t pass@db:5432/redmet' })).toThrow(
      'DATABASE_URL ("postgres://redmet:***@db:5432/redmet")',
    );
  });

  it("takes an IANA time zone for the rules' calendar, Moscow time unless set", () => {
    expect(validate({}).TIME_ZONE).toBe('Europe/Moscow');
    expect(validate({ TIME_ZONE: 'Asia/Vladivostok' }).TIME_ZONE).toBe('Asia/Vladivostok');
    expect(() => validate({ TIME_ZONE: 'MSK+3' })).toThrow('TIME_ZONE ("MSK+3"): TIME_ZONE must be an IANA time zone');
  });

  it('ignores variables the schema does not know', () => {
    expect(validate({ HOME: '/root', PATH: '/bin' })).not.toHaveProperty('HOME');
  });
});
