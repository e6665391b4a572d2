import { createHash } from 'node:crypto';
import { canonicalJson, sign, snapshotOf, type UnsignedSubmission } from './submission';

const unsigned: UnsignedSubmission = {
  reportId: '3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53',
  version: 1,
  companyId: '5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13',
  facilityId: null,
  depositId: '8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34',
  period: '2026-Q1',
  lines: [
    {
      lineNo: 1,
      productCode: 'LOPARITE-CONC',
      quantity: '2150.50',
      unit: 't',
      metalContentTonnes: '645.15',
      domesticShipments: '2150.5',
      exports: '0',
    },
  ],
  signedBy: { userId: 'u-1f2e3d', name: 'A. Petrova' },
  submittedAt: '2026-04-12T08:15:00.000Z',
  supersedesVersion: null,
  amendmentReason: null,
};

describe('the receipt of a submission', () => {
  it('hashes JSON with keys sorted at every level and no whitespace', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 'x' }], a: null, e: 'é' })).toBe('{"a":null,"b":[{"c":"x","d":1}],"e":"é"}');
  });

  it('fingerprints the attested content: the same content, signer and moment give the same hash', () => {
    const signed = sign(unsigned);
    const expected = createHash('sha256')
      .update(
        '{"amendmentReason":null,"companyId":"5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13","depositId":"8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34",' +
          '"facilityId":null,"lines":[{"domesticShipments":"2150.5","exports":"0","lineNo":1,"metalContentTonnes":"645.15",' +
          '"productCode":"LOPARITE-CONC","quantity":"2150.50","unit":"t"}],"period":"2026-Q1",' +
          '"reportId":"3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53","signedBy":{"name":"A. Petrova","userId":"u-1f2e3d"},' +
          '"submittedAt":"2026-04-12T08:15:00.000Z","version":1}',
      )
      .digest('hex');

    expect(signed.contentSha256).toBe(expected);
    expect(sign({ ...unsigned }).contentSha256).toBe(expected);
  });

  it.each<[string, Partial<UnsignedSubmission>]>([
    ['a quantity written differently', { lines: [{ ...unsigned.lines[0], quantity: '2150.5' }] }],
    ['another signer', { signedBy: { userId: 'u-other', name: 'A. Petrova' } }],
    ['another moment', { submittedAt: '2026-04-12T08:15:00.001Z' }],
    ['another version', { version: 2 }],
  ])('changes with %s', (_case, change) => {
    expect(sign({ ...unsigned, ...change }).contentSha256).not.toBe(sign(unsigned).contentSha256);
  });

  it('carries the hash and the catalogue class of each line in the event snapshot', () => {
    const facts = {
      company: { status: 'active' as const },
      facility: null,
      deposit: { region: 'Murmansk Oblast', metals: ['REE' as const] },
      licence: null,
      depositOfAnotherCompany: false,
      siteMonths: ['2026-01-01'],
      products: new Map([
        ['LOPARITE-CONC', { code: 'LOPARITE-CONC', unit: 't' as const, tonnageClass: 'small' as const, elements: [] }],
      ]),
    };

    const snapshot = snapshotOf(sign(unsigned), facts, 'accepted');

    expect(snapshot).toMatchObject({
      state: 'accepted',
      region: 'Murmansk Oblast',
      nilReturn: false,
      contentSha256: sign(unsigned).contentSha256,
      lines: [{ tonnageClass: 'small', quantity: '2150.50' }],
    });
  });
});
