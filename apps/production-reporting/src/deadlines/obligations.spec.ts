import {
  type FacilitySite,
  type LicenceSite,
  metBy,
  nextNotices,
  type ObligationSettings,
  obligationsAsOf,
  periodsCovering,
} from './obligations';

const company = 'c0000000-0000-4000-8000-000000000001';
const settings: ObligationSettings = { kind: 'quarter', start: '2026-01-01', dueDays: 30, reminderDays: [7, 0] };

const licence = (overrides: Partial<LicenceSite> = {}): LicenceSite => ({
  holderCompanyId: company,
  depositId: 'd0000000-0000-4000-8000-000000000001',
  type: 'combined',
  history: [
    { version: 1, status: 'active', statusSince: '2020-01-01', validFrom: '2020-01-01', validTo: '2040-12-31' },
  ],
  ...overrides,
});

const plant = (overrides: Partial<FacilitySite> = {}): FacilitySite => ({
  facilityId: 'f0000000-0000-4000-8000-000000000001',
  operatorCompanyId: company,
  operators: null,
  status: 'commissioned',
  statusSince: '2020-01-01',
  commissionedOn: '2020-01-01',
  ...overrides,
});

const periods = (today: string, sites: Parameters<typeof obligationsAsOf>[1], own = settings) =>
  obligationsAsOf(today, sites, own).map((o) => `${o.facilityId ? 'facility' : 'deposit'} ${o.period} due ${o.dueOn}`);

describe('obligationsAsOf', () => {
  it('lists each site and period from the start whose first reminder is due, with its due day', () => {
    expect(periods('2026-04-22', { licences: [licence()], facilities: [plant()] })).toEqual([]);
    expect(periods('2026-04-23', { licences: [licence()], facilities: [plant()] })).toEqual([
      'deposit 2026-Q1 due 2026-04-30',
      'facility 2026-Q1 due 2026-04-30',
    ]);
    expect(periods('2026-08-01', { licences: [licence()], facilities: [] })).toEqual([
      'deposit 2026-Q1 due 2026-04-30',
      'deposit 2026-Q2 due 2026-07-30',
    ]);
  });

  it('follows the configured period kind and due days', () => {
    const monthly = { ...settings, kind: 'month' as const, dueDays: 10, reminderDays: [0] };
    expect(periods('2026-03-10', { licences: [licence()], facilities: [] }, monthly)).toEqual([
      'deposit 2026-01 due 2026-02-10',
      'deposit 2026-02 due 2026-03-10',
    ]);
  });

  it('asks for reports only where one could be accepted: a licence in force all period, a plant operating by its end', () => {
    const suspended = licence({
      history: [
        ...licence().history,
        { version: 2, status: 'suspended', statusSince: '2026-05-01', validFrom: '2020-01-01', validTo: '2040-12-31' },
      ],
    });
    const sites = {
      licences: [suspended, licence({ type: 'exploration', depositId: 'd0000000-0000-4000-8000-000000000002' })],
      facilities: [
        plant({ commissionedOn: '2026-06-30', statusSince: '2026-06-30' }),
        plant({
          facilityId: 'f0000000-0000-4000-8000-000000000002',
          status: 'under_construction',
          commissionedOn: null,
        }),
      ],
    };
    expect(periods('2026-08-01', sites)).toEqual(['deposit 2026-Q1 due 2026-04-30', 'facility 2026-Q2 due 2026-07-30']);
  });

  it('asks each operator of a plant for the months it ran it, a quarter split by a hand-over from both', () => {
    const successor = 'c0000000-0000-4000-8000-000000000002';
    const handedOver = plant({
      operatorCompanyId: successor,
      operators: [
        { operatorCompanyId: company, since: null },
        { operatorCompanyId: successor, since: '2026-02-01' },
      ],
    });
    const asked = obligationsAsOf('2026-08-01', { licences: [], facilities: [handedOver] }, settings).map(
      ({ companyId, period, months }) => ({ companyId, period, months }),
    );
    expect(asked).toEqual([
      { companyId: company, period: '2026-Q1', months: ['2026-01-01'] },
      { companyId: successor, period: '2026-Q1', months: ['2026-02-01', '2026-03-01'] },
      { companyId: successor, period: '2026-Q2', months: ['2026-04-01', '2026-05-01', '2026-06-01'] },
    ]);
  });

  it('asks a closed plant for the months it ran in the period it closed in, and for nothing after', () => {
    const owedWhenClosedOn = (statusSince: string) =>
      obligationsAsOf(
        '2026-11-01',
        { licences: [], facilities: [plant({ status: 'closed', statusSince })] },
        settings,
      ).map(({ period, months }) => `${period} ${months?.join(',')}`);

    expect(owedWhenClosedOn('2026-05-10')).toEqual([
      '2026-Q1 2026-01-01,2026-02-01,2026-03-01',
      '2026-Q2 2026-04-01,2026-05-01',
    ]);
    expect(owedWhenClosedOn('2026-05-01')).toEqual(['2026-Q1 2026-01-01,2026-02-01,2026-03-01', '2026-Q2 2026-04-01']);
    expect(owedWhenClosedOn('2026-04-01')).toEqual(['2026-Q1 2026-01-01,2026-02-01,2026-03-01']);
    expect(owedWhenClosedOn('2026-07-02')).toEqual([
      '2026-Q1 2026-01-01,2026-02-01,2026-03-01',
      '2026-Q2 2026-04-01,2026-05-01,2026-06-01',
      '2026-Q3 2026-07-01',
    ]);
  });

  it('asks a plant commissioned during a period for the months from the one it was commissioned in', () => {
    const owedWhenCommissionedOn = (commissionedOn: string) =>
      obligationsAsOf(
        '2026-11-01',
        { licences: [], facilities: [plant({ statusSince: commissionedOn, commissionedOn })] },
        settings,
      ).map(({ period, months }) => `${period} ${months?.join(',')}`);

    expect(owedWhenCommissionedOn('2026-08-15')).toEqual(['2026-Q3 2026-08-01,2026-09-01']);
    expect(owedWhenCommissionedOn('2026-07-01')).toEqual(['2026-Q3 2026-07-01,2026-08-01,2026-09-01']);
    expect(owedWhenCommissionedOn('2026-09-30')).toEqual(['2026-Q3 2026-09-01']);
    expect(owedWhenCommissionedOn('2026-06-30')).toEqual([
      '2026-Q2 2026-06-01',
      '2026-Q3 2026-07-01,2026-08-01,2026-09-01',
    ]);
  });

  it('dates a plant registered before commissionedOn existed by the day it became operating', () => {
    const legacy = plant({ status: 'modernised', statusSince: '2026-05-20', commissionedOn: null });
    const asked = obligationsAsOf('2026-08-01', { licences: [], facilities: [legacy] }, settings).map(
      ({ period, months }) => ({ period, months }),
    );
    expect(asked).toEqual([{ period: '2026-Q2', months: ['2026-05-01', '2026-06-01'] }]);
  });

  it('asks a plant commissioned and closed in one quarter only for the months between', () => {
    const brief = plant({ status: 'closed', statusSince: '2026-09-01', commissionedOn: '2026-08-20' });
    const asked = obligationsAsOf('2026-11-01', { licences: [], facilities: [brief] }, settings).map(
      ({ period, months }) => ({ period, months }),
    );
    expect(asked).toEqual([{ period: '2026-Q3', months: ['2026-08-01'] }]);
  });

  it('asks nothing of a plant closed before it was ever commissioned', () => {
    const abandoned = plant({ status: 'closed', statusSince: '2026-05-10', commissionedOn: null });
    expect(periods('2026-11-01', { licences: [], facilities: [abandoned] })).toEqual([]);
  });

  it('asks each operator of a closing plant only for its months before the closure', () => {
    const successor = 'c0000000-0000-4000-8000-000000000002';
    const closing = plant({
      operatorCompanyId: successor,
      operators: [
        { operatorCompanyId: company, since: null },
        { operatorCompanyId: successor, since: '2026-05-01' },
      ],
      status: 'closed',
      statusSince: '2026-05-01',
    });
    const asked = obligationsAsOf('2026-11-01', { licences: [], facilities: [closing] }, settings)
      .filter(({ period }) => period === '2026-Q2')
      .map(({ companyId, months }) => ({ companyId, months }));
    expect(asked).toEqual([{ companyId: company, months: ['2026-04-01'] }]);
  });
});

describe('metBy', () => {
  const facilityId = plant().facilityId;
  const depositId = licence().depositId;
  const obligation = (period: string, site: { facilityId?: string; depositId?: string } = { facilityId }) => ({
    obligationId: `${company}:${site.facilityId ?? site.depositId}:${period}`,
    companyId: company,
    facilityId: site.facilityId ?? null,
    depositId: site.depositId ?? null,
    period,
    dueOn: '2026-04-30',
  });
  const report = (period: string, site: { facilityId?: string; depositId?: string } = { facilityId }) => ({
    companyId: company,
    facilityId: site.facilityId ?? null,
    depositId: site.depositId ?? null,
    period,
  });

  it('meets a quarter when reports cover each of its months, and not when one is missing', () => {
    const months = metBy(['2026-01', '2026-02', '2026-03'].map((period) => report(period)));
    expect(months(obligation('2026-Q1'))).toBe(true);
    expect(months(obligation('2026-Q1', { depositId }))).toBe(false);
    expect(metBy([report('2026-01'), report('2026-03')])(obligation('2026-Q1'))).toBe(false);
    expect(metBy([report('2026-01'), report('2026-02', { depositId })])(obligation('2026-Q1'))).toBe(false);
  });

  it('meets each month of a reported quarter, for the facility and the deposit a report names', () => {
    const quarter = metBy([report('2026-Q1', { facilityId, depositId })]);
    expect(['2026-01', '2026-02', '2026-03'].every((period) => quarter(obligation(period)))).toBe(true);
    expect(quarter(obligation('2026-02', { depositId }))).toBe(true);
    expect(quarter(obligation('2026-04'))).toBe(false);
    expect(metBy([{ ...report('2026-Q1'), companyId: 'another' }])(obligation('2026-01'))).toBe(false);
  });

  it("meets an operator's share of a split quarter by reports of its months alone", () => {
    const share = { ...obligation('2026-Q1'), months: ['2026-02-01', '2026-03-01'] };
    expect(metBy([report('2026-02'), report('2026-03')])(share)).toBe(true);
    expect(metBy([report('2026-Q1')])(share)).toBe(true);
    expect(metBy([report('2026-02')])(share)).toBe(false);
    expect(metBy([report('2026-02'), report('2026-03')])(obligation('2026-Q1'))).toBe(false);
  });

  it('meets the closing quarter of a plant by a report of the quarter, or of each month it still ran', () => {
    const closed = plant({ status: 'closed', statusSince: '2026-05-10' });
    const [closing] = obligationsAsOf('2026-08-01', { licences: [], facilities: [closed] }, settings).filter(
      ({ period }) => period === '2026-Q2',
    );
    expect(metBy([report('2026-Q2')])(closing)).toBe(true);
    expect(metBy([report('2026-04'), report('2026-05')])(closing)).toBe(true);
    expect(metBy([report('2026-04')])(closing)).toBe(false);
  });

  it('meets the commissioning quarter of a plant by a report of the quarter, or of each month from commissioning', () => {
    const commissioned = plant({ statusSince: '2026-08-15', commissionedOn: '2026-08-15' });
    const [commissioning] = obligationsAsOf('2026-11-01', { licences: [], facilities: [commissioned] }, settings);
    expect(commissioning.period).toBe('2026-Q3');
    expect(metBy([report('2026-Q3')])(commissioning)).toBe(true);
    expect(metBy([report('2026-08'), report('2026-09')])(commissioning)).toBe(true);
    expect(metBy([report('2026-09')])(commissioning)).toBe(false);
    expect(metBy([report('2026-07'), report('2026-08')])(commissioning)).toBe(false);
  });

  it('looks for reports of every period that covers a month of the obligation', () => {
    expect(periodsCovering('2026-Q1').sort()).toEqual(['2026-01', '2026-02', '2026-03', '2026-Q1']);
    expect(periodsCovering('2026-05').sort()).toEqual(['2026-05', '2026-Q2']);
  });
});

describe('nextNotices', () => {
  const notices = (today: string, recorded: string[] = []) => nextNotices('2026-04-30', today, [7, 0], recorded);

  it('reminds 7 days before and on the day, then records the miss after it, each once', () => {
    expect(notices('2026-04-22')).toEqual({ send: null, skip: [] });
    expect(notices('2026-04-23')).toEqual({ send: { kind: 'reminder', daysBefore: 7 }, skip: [] });
    expect(notices('2026-04-25', ['reminder-7'])).toEqual({ send: null, skip: [] });
    expect(notices('2026-04-30', ['reminder-7'])).toEqual({ send: { kind: 'reminder', daysBefore: 0 }, skip: [] });
    expect(notices('2026-05-01', ['reminder-7', 'reminder-0'])).toEqual({ send: { kind: 'missed' }, skip: [] });
    expect(notices('2026-06-01', ['reminder-7', 'reminder-0', 'missed'])).toEqual({ send: null, skip: [] });
  });

  it('sends only the nearest reminder when several are due at once, and never the skipped one later', () => {
    expect(notices('2026-04-30')).toEqual({
      send: { kind: 'reminder', daysBefore: 0 },
      skip: [{ kind: 'reminder', daysBefore: 7 }],
    });
    expect(nextNotices('2026-04-30', '2026-04-29', [7, 3, 0], ['reminder-0'])).toEqual({
      send: null,
      skip: [
        { kind: 'reminder', daysBefore: 3 },
        { kind: 'reminder', daysBefore: 7 },
      ],
    });
  });

  it('reports the miss even when no reminder went out', () => {
    expect(notices('2026-05-10')).toEqual({ send: { kind: 'missed' }, skip: [] });
  });
});
