import {
  ReportAccepted,
  ReportAmended,
  ReportingDeadlineApproaching,
  ReportingDeadlineMissed,
  type ReportingObligation,
  ReportRejected,
  ReportSubmitted,
  type ReportVersionSnapshot,
} from '../reporting';
import { company, deposit } from './registry.samples';
import { sample } from './sample';

export const report: ReportVersionSnapshot = {
  reportId: '3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53',
  version: 1,
  companyId: company.companyId,
  facilityId: null,
  depositId: deposit.depositId,
  region: 'Murmansk Oblast',
  period: '2026-Q1',
  state: 'submitted',
  nilReturn: false,
  lines: [
    {
      lineNo: 1,
      productCode: 'LOPARITE-CONC',
      tonnageClass: 'small',
      quantity: '2150.5',
      unit: 't',
      metalContentTonnes: '645.15',
      domesticShipments: '2150.5',
      exports: '0',
    },
  ],
  submittedBy: { userId: 'u-1f2e3d', name: 'A. Petrova, chief engineer' },
  submittedAt: '2026-04-12T08:15:00.000Z',
  contentSha256: '9f2b5c0e8d7a6b4c3e1f0a9d8c7b6a5e4d3c2b1a0f9e8d7c6b5a4e3d2c1b0a9f',
};

const obligation: ReportingObligation = {
  obligationId: `${company.companyId}:${deposit.depositId}:2026-Q1`,
  companyId: company.companyId,
  facilityId: null,
  depositId: deposit.depositId,
  period: '2026-Q1',
  dueOn: '2026-04-30',
};

export const REPORTING_SAMPLES = [
  sample(ReportSubmitted, report.reportId, report),
  sample(ReportAccepted, report.reportId, { ...report, state: 'accepted' }),
  sample(ReportRejected, report.reportId, {
    ...report,
    state: 'rejected',
    reasons: [
      { code: 'REPORT.LICENCE_NOT_ACTIVE', message: 'Licence MUR 01234 TE was suspended on 2026-02-10', lineNo: null },
    ],
  }),
  sample(ReportAmended, report.reportId, {
    ...report,
    version: 2,
    lines: [{ ...report.lines[0], quantity: '2050.5', metalContentTonnes: '615.15', domesticShipments: '2050.5' }],
    supersedesVersion: 1,
    amendmentReason: 'Assay corrected after the laboratory recheck',
  }),
  sample(ReportingDeadlineApproaching, obligation.obligationId, { ...obligation, daysBefore: 7 }),
  sample(ReportingDeadlineMissed, obligation.obligationId, obligation),
];
