import type { ReportLineFigures, ReportState, TonnageClass } from '@redmet/contracts/vocabulary';
import { api } from './http';
import type { Page, PageParams } from './page';
import { uploadFile, type UploadProgress } from './upload';

/** production-reporting through the gateway (`/api/reporting`). */
const BASE = '/api/reporting';

export interface LineView extends ReportLineFigures {
  lineNo: number;
  tonnageClass: TonnageClass | null;
}

export interface Reason {
  code: string;
  message: string;
  lineNo?: number | null;
}

export interface Receipt {
  reportId: string;
  version: number;
  submittedAt: string;
  signedBy: { userId: string; name: string | null };
  contentSha256: string;
}

export interface ReportVersion {
  version: number;
  state: ReportState;
  nilReturn: boolean;
  region: string | null;
  lines: LineView[];
  receipt: Receipt | null;
  supersedesVersion: number | null;
  amendmentReason: string | null;
  reasons: Reason[];
  decidedAt: string | null;
}

export interface ReportSummary {
  reportId: string;
  companyId: string;
  facilityId: string | null;
  depositId: string | null;
  period: string;
  state: ReportState;
  latestVersion: number;
  acceptedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface Report extends ReportSummary {
  latest: ReportVersion;
}

/** The answer to a submission: the receipt and what the acceptance rules made of it. */
export interface Filing {
  reportId: string;
  version: number;
  state: ReportState;
  reasons: Reason[];
  receipt: Receipt | null;
}

export interface ReportContent {
  facilityId?: string;
  depositId?: string;
  period: string;
  lines: ReportLineFigures[];
}

/** A report a company owes for a site and period and has not filed. */
export interface Obligation {
  obligationId: string;
  companyId: string;
  facilityId: string | null;
  depositId: string | null;
  period: string;
  dueOn: string;
}

export interface Overdue extends Obligation {
  daysOverdue: number;
}

export interface DueSoon extends Obligation {
  daysLeft: number;
}

export interface UploadResult {
  rows: number;
  reports: Filing[];
}

export interface ReportQuery extends PageParams {
  companyId?: string;
  facilityId?: string;
  depositId?: string;
  period?: string;
  state?: ReportState;
  /** Has an accepted version, whatever the latest version is. */
  accepted?: boolean;
}

export const reporting = {
  list: (query: ReportQuery) => api<Page<ReportSummary>>(`${BASE}/reports`, { query: { ...query } }),
  get: (id: string) => api<Report>(`${BASE}/reports/${id}`),
  versions: (id: string) => api<ReportVersion[]>(`${BASE}/reports/${id}/versions`),
  create: (content: ReportContent & { submit: boolean }) =>
    api<Filing>(`${BASE}/reports`, { method: 'POST', json: content }),
  updateDraft: (id: string, content: ReportContent) =>
    api<Report>(`${BASE}/reports/${id}`, { method: 'PUT', json: content }),
  submit: (id: string) => api<Filing>(`${BASE}/reports/${id}/submit`, { method: 'POST' }),
  amend: (id: string, body: { lines: ReportLineFigures[]; amendmentReason: string }) =>
    api<Filing>(`${BASE}/reports/${id}/amendments`, { method: 'POST', json: body }),
  overdue: (query: PageParams & { companyId?: string; period?: string }) =>
    api<Page<Overdue>>(`${BASE}/obligations/overdue`, { query: { ...query } }),
  dueSoon: (query: PageParams & { companyId?: string; period?: string }) =>
    api<Page<DueSoon>>(`${BASE}/obligations/due-soon`, { query: { ...query } }),
  upload: (file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal) =>
    uploadFile<UploadResult>(`${BASE}/reports/uploads`, file, onProgress, { signal }),
};
