import { LicenceRevoked, LicenceSuspended, ReportRejected, ReportSubmitted } from '@redmet/contracts';
import { DataSource } from 'typeorm';
import { Clock } from '@redmet/platform';
import { line, useReportingWorld } from './support/producer-world';
import { productCode } from './support/registry-events';

interface Reason {
  code: string;
  lineNo: number | null;
}

const codes = (reasons: Reason[]) => reasons.map(({ code, lineNo }) => [code, lineNo]);

/** The next quarter: not over yet, whenever the test runs. */
function nextQuarter(): string {
  const now = new Date();
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  return quarter === 4 ? `${now.getUTCFullYear() + 1}-Q1` : `${now.getUTCFullYear()}-Q${quarter + 1}`;
}

describe('acceptance rules: every broken rule is listed', () => {
  const magnets = productCode('RE-MAGNETS');

  const suite = useReportingWorld({ REPORTING_MAX_QUANTITY_T_BY_PRODUCT: JSON.stringify({ [magnets]: '50' }) });

  const submit = (body: Record<string, unknown>) => suite.world.http.post('/reports').send({ submit: true, ...body });

  const rejectedEvent = async (reportId: string) => {
    const [row] = await suite.reporting.app
      .get(DataSource)
      .query(`SELECT envelope FROM outbox_message WHERE message_key = $1 AND event_type = $2`, [
        reportId,
        ReportRejected.type,
      ]);
    return row.envelope.payload;
  };

  it('rejects a report that breaks many rules with all of them, on the answer, the version and the event', async () => {
    const stranger = await suite.registry.company();
    const elsewhere = await suite.registry.deposit();
    const plant = await suite.registry.facility(stranger.companyId, {
      depositId: suite.world.deposit.depositId,
      status: 'under_construction',
      commissionedOn: null,
    });
    const licence = await suite.registry.licence(suite.world.company.companyId, elsewhere.depositId);
    const oxide = await suite.registry.product({ code: productCode('LI-OXIDE'), name: 'Lithium oxide' });
    await suite.registry.publish(
      LicenceSuspended,
      licence.licenceId,
      suite.registry.statusChange(licence, { status: 'suspended', statusSince: '2021-06-01', version: 2 }),
    );
    await suite.registry.seen('facility', plant.facilityId);
    await suite.registry.seen('licence', licence.licenceId, 2);
    await suite.registry.seen('product', oxide.code);

    const response = await submit({
      facilityId: plant.facilityId,
      depositId: elsewhere.depositId,
      period: nextQuarter(),
      lines: [
        line(suite.world.carbonate, { unit: 'kg', quantity: '1250000' }),
        line(suite.world.hydroxide, { quantity: '250000', domesticShipments: '1', exports: '0' }),
        line(oxide, { quantity: '1000', metalContentTonnes: '2000' }),
      ],
    });

    expect(response.status).toBe(201);
    expect(response.body.state).toBe('rejected');
    const expected = [
      ['REPORT.PERIOD_NOT_ENDED', null],
      ['REPORT.NOT_OPERATOR', null],
      ['REPORT.SITE_MISMATCH', null],
      ['REPORT.FACILITY_NOT_OPERATING', null],
      ['REPORT.LICENCE_NOT_ACTIVE', null],
      ['REPORT.UNIT_MISMATCH', 1],
      ['REPORT.QUANTITY_IMPLAUSIBLE', 2],
      ['REPORT.METAL_CONTENT_EXCEEDS_QUANTITY', 3],
      ['REPORT.PRODUCT_NOT_AT_SITE', 1],
      ['REPORT.PRODUCT_NOT_AT_SITE', 2],
      ['REPORT.PRODUCT_NOT_AT_SITE', 3],
    ];
    expect(codes(response.body.reasons)).toEqual(expected);
    const { reportId } = response.body;
    expect(await suite.reporting.eventsOf(reportId)).toEqual([ReportSubmitted.type, ReportRejected.type]);
    expect(codes((await rejectedEvent(reportId)).reasons)).toEqual(expected);
    const version = (await suite.world.http.get(`/reports/${reportId}/versions/1`)).body;
    expect(codes(version.reasons)).toEqual(expected);
    expect(version.reasons[4].message).toContain('suspended since 2021-06-01');
  });

  it.each([
    [
      'a product in a unit the catalogue does not use',
      () => [line(suite.world.carbonate, { unit: 'kg', quantity: '1250000' })],
      'REPORT.UNIT_MISMATCH',
    ],
    [
      'a quantity above the default bound (100,000 t)',
      () => [line(suite.world.carbonate, { quantity: '100000.000001' })],
      'REPORT.QUANTITY_IMPLAUSIBLE',
    ],
    [
      'exports above the bound',
      () => [line(suite.world.carbonate, { exports: '100000001', unit: 't' })],
      'REPORT.QUANTITY_IMPLAUSIBLE',
    ],
    [
      'more metal than product',
      () => [line(suite.world.carbonate, { quantity: '10', metalContentTonnes: '10.5' })],
      'REPORT.METAL_CONTENT_EXCEEDS_QUANTITY',
    ],
  ])('rejects %s, and nothing else', async (_case, lines, code) => {
    const response = await submit({ depositId: suite.world.deposit.depositId, period: '2024-05', lines: lines() });

    expect(response.body.state).toBe('rejected');
    expect(codes(response.body.reasons)).toEqual([[code, 1]]);
  });

  it('applies a per-product bound from REPORTING_MAX_QUANTITY_T_BY_PRODUCT, in tonnes whatever the unit', async () => {
    const product = await suite.registry.product({ code: magnets, unit: 'kg', name: 'NdFeB magnets' });
    await suite.registry.seen('product', magnets);
    const lines = (quantity: string) => [
      line(product, { quantity, metalContentTonnes: '1', domesticShipments: '0', exports: '0' }),
    ];

    const within = await submit({ depositId: suite.world.deposit.depositId, period: '2024-06', lines: lines('50000') });
    const above = await submit({ depositId: suite.world.deposit.depositId, period: '2024-07', lines: lines('50001') });

    expect(within.body.state).toBe('accepted');
    expect(codes(above.body.reasons)).toEqual([['REPORT.QUANTITY_IMPLAUSIBLE', 1]]);
  });

  it('rejects a period that is not over', async () => {
    const response = await submit({
      depositId: suite.world.deposit.depositId,
      period: nextQuarter(),
      lines: [line(suite.world.carbonate)],
    });

    expect(codes(response.body.reasons)).toEqual([['REPORT.PERIOD_NOT_ENDED', null]]);
  });

  it("takes a period as over once it is over on the programme's calendar (Moscow time), though not yet in UTC", async () => {
    // 00:30 on 1 November 2025 in Moscow; still 31 October in UTC.
    const clock = jest.spyOn(suite.reporting.app.get(Clock), 'now').mockReturnValue(new Date('2025-10-31T21:30:00Z'));
    try {
      const october = await submit({
        depositId: suite.world.deposit.depositId,
        period: '2025-10',
        lines: [line(suite.world.carbonate)],
      });
      const november = await submit({
        depositId: suite.world.deposit.depositId,
        period: '2025-11',
        lines: [line(suite.world.carbonate)],
      });

      expect(october.body.state).toBe('accepted');
      expect(codes(november.body.reasons)).toEqual([['REPORT.PERIOD_NOT_ENDED', null]]);
    } finally {
      clock.mockRestore();
    }
  });

  it('rejects output from a plant before it was commissioned, but takes its nil return', async () => {
    const plant = await suite.registry.facility(suite.world.company.companyId, {
      commissionedOn: '2025-09-15',
      statusSince: '2025-09-15',
      productCodes: [suite.world.carbonate.code],
    });
    await suite.registry.seen('facility', plant.facilityId);

    const before = await submit({
      facilityId: plant.facilityId,
      period: '2025-Q2',
      lines: [line(suite.world.carbonate)],
    });
    const nil = await submit({
      facilityId: plant.facilityId,
      period: '2025-Q1',
      lines: [
        line(suite.world.carbonate, { quantity: '0', metalContentTonnes: '0', domesticShipments: '0', exports: '0' }),
      ],
    });
    const after = await submit({
      facilityId: plant.facilityId,
      period: '2025-Q3',
      lines: [line(suite.world.carbonate)],
    });

    expect(codes(before.body.reasons)).toEqual([['REPORT.FACILITY_NOT_OPERATING', null]]);
    expect(before.body.reasons[0].message).toContain('commissioned only on 2025-09-15');
    expect(nil.body.state).toBe('accepted');
    expect(after.body.state).toBe('accepted');
  });

  it('takes shipments or exports at a zero quantity as output, not a nil return, from a plant not operating', async () => {
    const plant = await suite.registry.facility(suite.world.company.companyId, {
      status: 'planned',
      commissionedOn: null,
      productCodes: [suite.world.carbonate.code],
    });
    await suite.registry.seen('facility', plant.facilityId);

    const response = await submit({
      facilityId: plant.facilityId,
      period: '2025-Q1',
      lines: [line(suite.world.carbonate, { quantity: '0', metalContentTonnes: '0', domesticShipments: '40000' })],
    });

    expect(codes(response.body.reasons)).toEqual([['REPORT.FACILITY_NOT_OPERATING', null]]);
    expect((await rejectedEvent(response.body.reportId)).nilReturn).toBe(false);
    expect((await suite.world.http.get(`/reports/${response.body.reportId}`)).body.latest.nilReturn).toBe(false);
  });

  it('rejects a product the plant is not registered for, naming the line, and holds a plant that lists none to none', async () => {
    const separation = await suite.registry.facility(suite.world.company.companyId);
    const unlisted = await suite.registry.facility(suite.world.company.companyId, { productCodes: [] });
    await suite.registry.seen('facility', separation.facilityId);
    await suite.registry.seen('facility', unlisted.facilityId);
    const lines = [line(suite.world.carbonate)];

    const rejected = await submit({ facilityId: separation.facilityId, period: '2025-Q1', lines });
    const unconstrained = await submit({ facilityId: unlisted.facilityId, period: '2025-Q1', lines });

    expect(separation.productCodes).toEqual(['ND-OXIDE', 'PR-OXIDE', 'LA-OXIDE', 'CE-OXIDE']);
    expect(codes(rejected.body.reasons)).toEqual([['REPORT.PRODUCT_NOT_AT_SITE', 1]]);
    expect(rejected.body.reasons[0].message).toContain(suite.world.carbonate.code);
    expect(codes((await rejectedEvent(rejected.body.reportId)).reasons)).toEqual([['REPORT.PRODUCT_NOT_AT_SITE', 1]]);
    expect(unconstrained.body.state).toBe('accepted');
  });

  it("rejects from a deposit alone a product of none of the deposit's metals, and takes rare earths from REE", async () => {
    const loparite = await suite.registry.deposit({ metals: ['REE', 'Nb', 'Ta', 'Ti'] });
    const licence = await suite.registry.licence(suite.world.company.companyId, loparite.depositId);
    const oxide = await suite.registry.product({
      code: productCode('ND-OXIDE'),
      name: 'Neodymium oxide',
      elements: ['Nd'],
    });
    await suite.registry.seen('licence', licence.licenceId);
    await suite.registry.seen('deposit', loparite.depositId);
    await suite.registry.seen('product', oxide.code);

    const lithium = await submit({
      depositId: loparite.depositId,
      period: '2025-Q1',
      lines: [line(suite.world.carbonate)],
    });
    const neodymium = await submit({ depositId: loparite.depositId, period: '2025-Q2', lines: [line(oxide)] });

    expect(codes(lithium.body.reasons)).toEqual([['REPORT.PRODUCT_NOT_AT_SITE', 1]]);
    expect(lithium.body.reasons[0].message).toContain(suite.world.carbonate.code);
    expect(neodymium.body.state).toBe('accepted');
  });

  it('accepts one report per site and period: a second one, or one overlapping it, is told to amend', async () => {
    const first = await submit({
      facilityId: suite.world.facility.facilityId,
      period: '2024-Q1',
      lines: [line(suite.world.carbonate)],
    });
    const second = await submit({
      facilityId: suite.world.facility.facilityId,
      period: '2024-Q1',
      lines: [line(suite.world.carbonate)],
    });
    const month = await submit({
      facilityId: suite.world.facility.facilityId,
      period: '2024-02',
      lines: [line(suite.world.carbonate)],
    });
    const nextMonth = await submit({
      facilityId: suite.world.facility.facilityId,
      period: '2024-04',
      lines: [line(suite.world.carbonate)],
    });

    expect(first.body.state).toBe('accepted');
    for (const duplicate of [second, month]) {
      expect(codes(duplicate.body.reasons)).toEqual([['REPORT.PERIOD_ALREADY_REPORTED', null]]);
      expect(duplicate.body.reasons[0].message).toContain(`Report ${first.body.reportId}`);
      expect(duplicate.body.reasons[0].message).toContain('amend');
    }
    expect(nextMonth.body.state).toBe('accepted');
  });

  it('accepts only one of two reports of the same site and period submitted at the same moment', async () => {
    const body = { depositId: suite.world.deposit.depositId, period: '2023-Q4', lines: [line(suite.world.carbonate)] };

    const answers = await Promise.all([submit(body), submit(body), submit(body)]);

    expect(answers.map((answer) => answer.body.state).sort()).toEqual(['accepted', 'rejected', 'rejected']);
  });

  it('keeps a report accepted before its licence was revoked, and rejects one submitted after for a period it covers', async () => {
    const deposit = await suite.registry.deposit();
    const licence = await suite.registry.licence(suite.world.company.companyId, deposit.depositId);
    await suite.registry.seen('licence', licence.licenceId);
    const early = await submit({
      depositId: deposit.depositId,
      period: '2024-Q1',
      lines: [line(suite.world.carbonate)],
    });
    expect(early.body.state).toBe('accepted');

    await suite.registry.publish(
      LicenceRevoked,
      licence.licenceId,
      suite.registry.statusChange(licence, { status: 'revoked', statusSince: '2024-05-20', version: 2 }),
    );
    await suite.registry.seen('licence', licence.licenceId, 2);
    const covered = await submit({
      depositId: deposit.depositId,
      period: '2024-Q2',
      lines: [line(suite.world.carbonate)],
    });
    const before = await submit({
      depositId: deposit.depositId,
      period: '2024-04',
      lines: [line(suite.world.carbonate)],
    });

    expect((await suite.world.http.get(`/reports/${early.body.reportId}`)).body).toMatchObject({
      state: 'accepted',
      acceptedVersion: 1,
    });
    expect(codes(covered.body.reasons)).toEqual([['REPORT.LICENCE_NOT_ACTIVE', null]]);
    expect(covered.body.reasons[0].message).toContain('revoked since 2024-05-20');
    expect(before.body.state).toBe('accepted');
  });
});
