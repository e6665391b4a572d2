import { validateEnvironment } from '@redmet/platform';
import { REPORTING_DEFAULTS, ReportingEnvironment } from './reporting.environment';

const validate = validateEnvironment(ReportingEnvironment, REPORTING_DEFAULTS);

describe('ReportingEnvironment', () => {
  it('runs with no settings', () => {
    expect(validate({})).toMatchObject({
      PORT: 3002,
      REPORTING_PERIOD_KIND: 'quarter',
      REPORTING_DUE_DAYS: 30,
      REPORTING_REMINDER_DAYS: [7, 0],
      REPORTING_MAX_QUANTITY_T_BY_PRODUCT: {},
      REPORTING_FILING_GROUP_MAX: 32,
    });
  });

  it('reads lists and per-product bounds from their text', () => {
    expect(
      validate({ REPORTING_REMINDER_DAYS: '14, 3,0', REPORTING_MAX_QUANTITY_T_BY_PRODUCT: '{"RE-MAGNETS":"5000"}' }),
    ).toMatchObject({
      REPORTING_REMINDER_DAYS: [14, 3, 0],
      REPORTING_MAX_QUANTITY_T_BY_PRODUCT: { 'RE-MAGNETS': '5000' },
    });
  });

  it.each([
    ['REPORTING_MAX_QUANTITY_T_BY_PRODUCT', '{"RE-MAGNETS": 5000}'],
    ['REPORTING_MAX_QUANTITY_T_BY_PRODUCT', 'not json'],
    ['REPORTING_MAX_QUANTITY_T', '-1'],
    ['REPORTING_REMINDER_DAYS', '7,soon'],
    ['REPORTING_PERIOD_KIND', 'year'],
    ['REPORTING_OBLIGATIONS_START', '2026-01-15'],
    ['REPORTING_DEADLINE_CHECK_CRON', 'hourly'],
    ['REPORTING_FILING_GROUP_MAX', '0'],
  ])('stops at start on a bad %s (%s), naming it', (name, value) => {
    expect(() => validate({ [name]: value })).toThrow(name);
  });
});
