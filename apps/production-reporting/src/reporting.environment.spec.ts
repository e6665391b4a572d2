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

  it('refuses a line limit that admits reports whose decision event the outbox would refuse, naming both settings', () => {
    // A decision made after the report waited is written by a consumer: refused there, the version would stay undecided.
    expect(() => validate({ REPORTING_MAX_LINES_PER_REPORT: '4000' })).toThrow(
      /REPORTING_MAX_LINES_PER_REPORT .*more than OUTBOX_EVENT_MAX_BYTES \(1000000\).*at most \d+ lines fit/,
    );
    expect(() => validate({ REPORTING_MAX_LINES_PER_REPORT: '2500', OUTBOX_EVENT_MAX_BYTES: '900000' })).toThrow(
      'OUTBOX_EVENT_MAX_BYTES (900000)',
    );
    expect(validate({ REPORTING_MAX_LINES_PER_REPORT: '4000', OUTBOX_EVENT_MAX_BYTES: '3000000' })).toMatchObject({
      REPORTING_MAX_LINES_PER_REPORT: 4000,
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
    // Due on the period's last day, when a report of it is still refused as not over: every obligation would be missed.
    ['REPORTING_DUE_DAYS', '0'],
  ])('stops at start on a bad %s (%s), naming it', (name, value) => {
    expect(() => validate({ [name]: value })).toThrow(name);
  });
});
