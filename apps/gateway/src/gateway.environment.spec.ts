import { validateEnvironment } from '@redmet/platform';
import { GATEWAY_DEFAULTS, GatewayEnvironment } from './gateway.environment';

const validate = validateEnvironment(GatewayEnvironment, GATEWAY_DEFAULTS);

describe('GatewayEnvironment', () => {
  it('runs with no settings, with more failures allowed at all addresses than at one', () => {
    const { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_ALL_ADDRESSES } = validate({});
    expect(LOGIN_MAX_FAILURES_ALL_ADDRESSES).toBeGreaterThan(LOGIN_MAX_FAILURES);
  });

  it('refuses a limit at all addresses that one address could reach alone, naming both settings', () => {
    // One address could then lock the name at every address: anyone could lock anyone out.
    expect(() => validate({ LOGIN_MAX_FAILURES: '10', LOGIN_MAX_FAILURES_ALL_ADDRESSES: '10' })).toThrow(
      /LOGIN_MAX_FAILURES_ALL_ADDRESSES.*more than LOGIN_MAX_FAILURES \(10\)/,
    );
    expect(validate({ LOGIN_MAX_FAILURES: '10', LOGIN_MAX_FAILURES_ALL_ADDRESSES: '11' })).toMatchObject({
      LOGIN_MAX_FAILURES_ALL_ADDRESSES: 11,
    });
  });
});
