import type { Alert } from '../api/monitoring';
import type { Params } from '../i18n/messages';
import type { MessageKey } from '../i18n/ru';

export type Details = Record<string, unknown> | undefined;
export type Titled = Pick<Alert, 'ruleId' | 'subject'> & { details?: Record<string, unknown> };

/**
 * What the console says of an alert: a message of the dictionaries with its
 * figures, and the placeholder where the alert's subject is named (names come
 * from the registry, so the page fills it in).
 */
export interface Wording {
  key: MessageKey;
  params: Params;
  subjectAt?: string;
  /** Worded from the rule and its subject alone: the service's own text says more, to those who read English. */
  general?: boolean;
}

export interface WordingContext {
  t: (key: MessageKey, params?: Params) => string;
  label: (group: string, value: string) => string;
  language: 'ru' | 'en';
  locale: string;
  productName: (code: string) => string | undefined;
}

/** The wording to show, or none where the service's English serves the reader better. */
export const chosen = (wording: Wording | null, language: 'ru' | 'en'): Wording | null =>
  wording?.general && language === 'en' ? null : wording;

export const text = (details: Details, key: string): string | null => {
  const value = details?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

/** The bounds of an import dependence known only as a range (exports above output), when the alert states one. */
export const rangeOf = (details: Details): [string, string] | null => {
  const range = details?.importDependenceRangePercent as Record<string, unknown> | null | undefined;
  const [from, to] = [text(range ?? undefined, 'from'), text(range ?? undefined, 'to')];
  return from && to ? [from, to] : null;
};

/** `deposit:<id>` → ['deposit', '<id>']. */
export const subjectOf = (subject: string): [string, string] => {
  const at = subject.indexOf(':');
  return at < 0 ? ['', subject] : [subject.slice(0, at), subject.slice(at + 1)];
};

const MONTHS: Record<string, number> = { Q: 3, M: 1, Y: 12 };
export const monthsIn = (period: string) => MONTHS[/-Q\d$/.test(period) ? 'Q' : /^\d{4}$/.test(period) ? 'Y' : 'M'];

/** A reporting site by the name its alert recorded, or else by the alert's subject (`deposit:<id>`). */
export const siteOf = (details: Details): Pick<Wording, 'params' | 'subjectAt'> => {
  const name = text(details, 'siteName');
  return name ? { params: { site: name } } : { params: {}, subjectAt: 'site' };
};

/** A site the alert names: of a kind it states, by the name it recorded, or neither (`null`). */
export type NamedSite = { kind: 'facility' | 'deposit'; id: string } | { name: string } | null;

export interface Obligation {
  companyId: string;
  site: NamedSite;
  period: string;
}

/**
 * A reporting obligation, `obligation:<companyId>:<siteId>:<period>`. Its id
 * does not say whether the site is a plant or a deposit, and both registries
 * could hold the id: only the alert's `siteKind` says which it is. An alert
 * raised before it said so is named by the site's name it recorded, if any.
 */
export function obligationOf(subject: string, details: Details): Obligation | null {
  const [kind, id] = subjectOf(subject);
  const parts = id.split(':');
  if (kind !== 'obligation' || parts.length !== 3) return null;
  const [companyId, siteId, period] = parts;
  const siteKind = text(details, 'siteKind');
  const siteName = text(details, 'siteName');
  const site: NamedSite =
    siteKind === 'facility' || siteKind === 'deposit'
      ? { kind: siteKind, id: text(details, 'siteId') ?? siteId }
      : siteName
        ? { name: siteName }
        : null;
  return { companyId, site, period };
}

/** Where a subject's name depends on its alert's details: a silence or a filter, which have none, asks an alert. */
export const namedByDetails = (subject: string) => subjectOf(subject)[0] === 'obligation';

/** Exports compared with customs, `exports:<hsCode>:<productCode or *>:<period>`: the code as the service writes it. */
export function exportsOf(subject: string): { code: string; period: string } | null {
  const [kind, id] = subjectOf(subject);
  const parts = id.split(':');
  if (kind !== 'exports' || parts.length !== 3) return null;
  const [hsCode, productCode, period] = parts;
  return { code: productCode === '*' ? hsCode : `${hsCode} (${productCode})`, period };
}
