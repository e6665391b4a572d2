import type {
  AlertRuleId,
  AlertSeverity,
  AlertState,
  ExportComparison,
  NotCompared,
  OutputDimension,
  ShareWithheldReason,
  TargetStatus,
  TradeFlow,
} from '@redmet/contracts/vocabulary';
import { api } from './http';
import type { Page, PageParams } from './page';
import { uploadFile, type UploadProgress } from './upload';

/** target-monitoring through the gateway (`/api/monitoring`). Figures are decimal strings. */
export const MONITORING_BASE = '/api/monitoring';
const BASE = MONITORING_BASE;

/**
 * A note on how a figure is computed, by its code (see
 * `@redmet/contracts/vocabulary`), with the figures and names in it and its
 * English; the code may be one this console does not know yet.
 */
export interface Note {
  code: string;
  params?: Record<string, unknown>;
  text: string;
}

export type Knowledge = 'now' | 'then';

export interface TargetFigure {
  key: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  asOf: string;
  knowledge: Knowledge;
  window: { from: string; to: string };
  current: string | null;
  baseline: { year: number; value: string | null; measured: boolean };
  target: { year: number; value: string };
  trajectory: string | null;
  gap: string | null;
  shortfall: string | null;
  forecast: { year: number; value: string | null; method: Note };
  status: TargetStatus;
  notes: Note[];
  configuration: { version: number; effectiveFrom: string; source: string };
}

export interface TargetPoint {
  asOf: string;
  current: string | null;
  trajectory: string | null;
  target: string;
  forecast: { year: number; value: string | null; method: Note };
  status: TargetStatus;
}

/** Why a share is none (`importDependencePercent` null): the reason is its note's code, `note` its English. */
export interface WithheldShare {
  reason: ShareWithheldReason;
  note: string;
  params?: Record<string, unknown>;
}

export interface ProductBalance {
  productCode: string;
  name: string | null;
  outputTonnes: string;
  importsTonnes: string;
  exportsTonnes: string;
  apparentConsumptionTonnes: string;
  importDependencePercent: string | null;
  importDependenceWithheld: WithheldShare | null;
  metalContentFactor: string | null;
  metalContentFactorSource: 'configured' | 'reported' | null;
}

export interface ImportDependence {
  asOf: string;
  window: { from: string; to: string };
  formula: Note;
  aggregation: Note;
  overall: {
    outputMetalTonnes: string;
    importsMetalTonnes: string;
    exportsMetalTonnes: string;
    apparentConsumptionMetalTonnes: string;
    importDependencePercent: string | null;
    importDependenceWithheld: WithheldShare | null;
  };
  /** The window's months with customs figures; imports and exports of the missing ones count as none. */
  customsCoverage?: { months: number; of: number; missing: string[] };
  products: ProductBalance[];
  excludedFromOverall: string[];
  /** Products whose imports are not known (`importDependenceWithheld` says why): left out of the overall figure. */
  importsUnknown: string[];
  unattributedHsCodes: string[];
}

export interface TradeUploadResult {
  uploadId: string;
  rows: number;
  replaced: number;
  uploadedAt: string;
}

export interface TradeRow {
  flow: TradeFlow;
  hsCode: string;
  productCode: string | null;
  period: string;
  quantityTonnes: string;
  valueKopecks: string | null;
  loadedAt: string;
}

export interface Alert {
  alertId: string;
  ruleId: string;
  subject: string;
  severity: AlertSeverity;
  state: AlertState;
  title: string;
  message: string;
  raisedAt: string;
  silenced: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: { userId: string; name: string | null } | null;
  acknowledgementComment: string | null;
  escalatedAt: string | null;
  resolvedAt: string | null;
  /** What the rule found, by rule; the console words the title and message from it (alerts/alert-titles.ts, alert-messages.ts). */
  details?: Record<string, unknown>;
}

export type AlertEventType =
  'AlertRaised' | 'AlertAcknowledged' | 'AlertEscalated' | 'AlertSeverityRaised' | 'AlertResolved';

/** An alert with what happened to it and every attempt to tell someone. */
export interface AlertDetail extends Alert {
  history: {
    eventId: string;
    type: AlertEventType;
    occurredAt: string;
    actor: { userId: string; name: string | null } | null;
    comment: string | null;
  }[];
  deliveries: {
    id: string;
    channel: 'email' | 'webhook';
    recipient: string;
    state: 'pending' | 'delivered' | 'failed';
    attempts: number;
    lastError: string | null;
    queuedAt: string;
    deliveredAt: string | null;
  }[];
}

export interface OutputFilter {
  productCode?: string;
  element?: string;
  tonnageClass?: string;
  companyId?: string;
  region?: string;
}

export interface OutputRow {
  period?: string;
  productCode?: string;
  element?: string;
  tonnageClass?: string;
  companyId?: string;
  companyName?: string;
  region?: string;
  siteId?: string;
  siteName?: string;
  quantityTonnes: string;
  metalContentTonnes: string;
  domesticShipmentsTonnes: string;
  exportsTonnes: string;
}

export interface OutputAnswer {
  asOf: string;
  knowledge: Knowledge;
  from: string;
  to: string;
  groupBy: OutputDimension[];
  notes: Note[];
  truncated: boolean;
  rows: OutputRow[];
}

export const SEVERITIES: AlertSeverity[] = ['critical', 'warning', 'info'];

export interface Actor {
  userId: string;
  name: string | null;
}

/** Mutes deliveries of a rule, a subject or both for a while; the alerts are still recorded. */
export interface Silence {
  id: string;
  ruleId: AlertRuleId | null;
  subject: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: Actor;
  createdAt: string;
  /** Who ended it before its time, and when; null for one that ran its course. */
  endedBy: Actor | null;
  endedAt: string | null;
}

export interface NewSilence {
  ruleId?: AlertRuleId;
  subject?: string;
  startsAt?: string;
  endsAt: string;
  reason: string;
}

interface SubscriptionFilter {
  minSeverity: AlertSeverity;
  /** Null: every rule. */
  ruleIds: AlertRuleId[] | null;
}

export interface EmailSubscription extends SubscriptionFilter {
  id: string;
  userId: string;
  email: string;
  createdAt: string;
  /** Its maker's account was disabled or lost the roles that act on alerts: nothing is sent until access returns. */
  paused: boolean;
}

export interface Webhook extends SubscriptionFilter {
  id: string;
  url: string;
  description: string;
  active: boolean;
  createdBy: string;
  createdAt: string;
  /** When its newest signing secret was made, and by whom (the registration's or a rotation's administrator). */
  secretCreatedAt: string | null;
  secretCreatedBy: string | null;
  /** Who deactivated it first, and when; null while active (and for one deactivated before this was recorded). */
  deactivatedAt: string | null;
  deactivatedBy: string | null;
  /** Until when older secrets still sign beside the newest (a rotation's overlap); null when none does. */
  previousSecretsUntil: string | null;
}

/**
 * A webhook just registered: its signing secret is given this once (the answer carries none of the secrets'
 * dates); null when the answer is a retry's, which the service keeps without the secret.
 */
export interface RegisteredWebhook extends Omit<
  Webhook,
  'secretCreatedAt' | 'secretCreatedBy' | 'previousSecretsUntil'
> {
  secret: string | null;
}

/** A webhook's new signing secret, given this once, and until when the previous ones still sign beside it. */
export interface RotatedSecret {
  id: string;
  /** Null as in RegisteredWebhook. */
  secret: string | null;
  previousSecretsUntil: string | null;
}

/** A programme year's budget as target-monitoring last heard of it from subsidy-processing; amounts in kopecks. */
export interface SubsidyBudget {
  totalKopecks: string;
  committedKopecks: string;
  availableKopecks: string;
  utilisationPercent: string;
  asOf: string;
}

/** Budget and claim totals of a programme year: as they stand, or with `asOf` at the end of that day. */
export interface SubsidySummary {
  programmeYear: number;
  asOf: string | null;
  /** Null: no budget event of the year was known (by that day). */
  budget: SubsidyBudget | null;
  claims: {
    claims: number;
    approvedKopecks: string;
    paidKopecks: string;
    clawbackDemandedKopecks: string;
    clawedBackKopecks: string;
  };
}

/** Subsidy of a company for a product (split by metal content) beside its output and the product's import dependence. */
export interface EffectivenessRow {
  companyId: string;
  /** Null: money no report line known (now, or then) accounts for; then output and importDependence are null too. */
  productCode: string | null;
  approvedKopecks: string;
  paidKopecks: string;
  clawbackDemandedKopecks: string;
  clawedBackKopecks: string;
  output: { previousYearTonnes: string; yearTonnes: string; changeTonnes: string } | null;
  importDependence: {
    previousYearPercent: string | null;
    previousYearWithheld: WithheldShare | null;
    yearPercent: string | null;
    yearWithheld: WithheldShare | null;
    /** Null when either year's share is withheld. */
    changePoints: string | null;
  } | null;
}

/**
 * As things stand, or with `asOf` the claims at the end of that day beside the two calendar years' output and
 * import dependence as known now or by the end of that day (`knowledge`).
 */
export interface SubsidyEffectiveness {
  programmeYear: number;
  asOf: string | null;
  knowledge: Knowledge;
  method: Note;
  rows: EffectivenessRow[];
}

/** The live alert stream (Server-Sent Events) the alerts panel reads. */
export const ALERT_STREAM = `${BASE}/alerts/stream`;

export interface Perspective {
  asOf?: string;
  knowledge?: Knowledge;
}

export const monitoring = {
  targets: (perspective: Perspective = {}) => api<TargetFigure[]>(`${BASE}/targets`, { query: { ...perspective } }),
  history: (key: string, query: { from: string; to: string; knowledge?: Knowledge }) =>
    api<TargetPoint[]>(`${BASE}/targets/${key}/history`, { query: { ...query } }),
  importDependence: (query: Perspective & { year?: number } = {}) =>
    api<ImportDependence>(`${BASE}/import-dependence`, { query: { ...query } }),
  trade: (query: PageParams & { flow?: TradeFlow; hsCode?: string; period?: string }) =>
    api<Page<TradeRow>>(`${BASE}/trade-statistics`, { query: { ...query } }),
  exportCheck: (query: PageParams & { from?: string; to?: string }) =>
    api<Page<ExportComparison> & { notCompared: NotCompared[] }>(`${BASE}/trade-statistics/export-check`, {
      query: { ...query },
    }),
  alerts: (
    query: PageParams & {
      state?: AlertState | 'unresolved';
      severity?: AlertSeverity;
      ruleId?: string;
      subject?: string;
    },
  ) => api<Page<Alert>>(`${BASE}/alerts`, { query: { ...query } }),
  alert: (id: string) => api<AlertDetail>(`${BASE}/alerts/${id}`),
  acknowledge: (id: string, comment: string) =>
    api<Alert>(`${BASE}/alerts/${id}/acknowledge`, { method: 'POST', json: { comment } }),
  output: (
    query: OutputFilter &
      Perspective & {
        groupBy: OutputDimension[];
        from: string;
        to: string;
        periodKind?: 'month' | 'quarter' | 'year';
        limit?: number;
      },
  ) => api<OutputAnswer>(`${BASE}/output`, { query: { ...query, groupBy: query.groupBy.join(',') } }),
  silences: (query: PageParams & { active?: boolean }) =>
    api<Page<Silence>>(`${BASE}/silences`, { query: { ...query } }),
  silence: (silence: NewSilence) => api<Silence>(`${BASE}/silences`, { method: 'POST', json: silence }),
  endSilence: (id: string) => api<Silence>(`${BASE}/silences/${id}/end`, { method: 'POST' }),
  emailSubscriptions: () => api<EmailSubscription[]>(`${BASE}/subscriptions/email`),
  subscribeEmail: (body: { email: string; minSeverity: AlertSeverity; ruleIds?: AlertRuleId[] }) =>
    api<EmailSubscription>(`${BASE}/subscriptions/email`, { method: 'POST', json: body }),
  unsubscribeEmail: (id: string) => api<void>(`${BASE}/subscriptions/email/${id}`, { method: 'DELETE' }),
  webhooks: () => api<Webhook[]>(`${BASE}/subscriptions/webhooks`),
  registerWebhook: (body: { url: string; description: string; minSeverity: AlertSeverity; ruleIds?: AlertRuleId[] }) =>
    api<RegisteredWebhook>(`${BASE}/subscriptions/webhooks`, { method: 'POST', json: body }),
  /** `keepPreviousHours` omitted: the service's own overlap; 0 stops the previous secrets at once (a leaked one). */
  rotateWebhookSecret: (id: string, body: { keepPreviousHours?: number }) =>
    api<RotatedSecret>(`${BASE}/subscriptions/webhooks/${id}/secret`, { method: 'POST', json: body }),
  deactivateWebhook: (id: string) => api<void>(`${BASE}/subscriptions/webhooks/${id}`, { method: 'DELETE' }),
  subsidySummary: (query: { programmeYear: number; asOf?: string }) =>
    api<SubsidySummary>(`${BASE}/subsidy/summary`, { query: { ...query } }),
  subsidyEffectiveness: (query: Perspective & { programmeYear: number }) =>
    api<SubsidyEffectiveness>(`${BASE}/subsidy/effectiveness`, { query: { ...query } }),
  uploadTrade: (file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal) =>
    uploadFile<TradeUploadResult>(`${BASE}/trade-statistics/upload`, file, onProgress, { signal }),
};
