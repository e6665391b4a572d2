import { Fragment, type ReactNode } from 'react';
import type { Alert } from '../api/monitoring';
import { formatDate, formatDecimal } from '../common/format';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import {
  CompanyName,
  DepositName,
  FacilityName,
  LicenceNumber,
  useDeposit,
  useFacility,
  useProductMap,
} from '../registry/lookups';
import { periodLabel } from '../reports/periods';
import { formatFigure } from '../targets/figures';

type Titled = Pick<Alert, 'ruleId' | 'subject' | 'title'> & { details?: Record<string, unknown> };

const text = (details: Record<string, unknown> | undefined, key: string): string | null => {
  const value = details?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

/** The bounds of an import dependence known only as a range (exports above output), when the alert states one. */
const rangeOf = (details: Record<string, unknown> | undefined): [string, string] | null => {
  const range = details?.importDependenceRangePercent as Record<string, unknown> | null | undefined;
  const [from, to] = [text(range ?? undefined, 'from'), text(range ?? undefined, 'to')];
  return from && to ? [from, to] : null;
};

/** `deposit:<id>` → ['deposit', '<id>']. */
const subjectOf = (subject: string): [string, string] => {
  const at = subject.indexOf(':');
  return at < 0 ? ['', subject] : [subject.slice(0, at), subject.slice(at + 1)];
};

const MONTHS: Record<string, number> = { Q: 3, M: 1, Y: 12 };
const monthsIn = (period: string) => MONTHS[/-Q\d$/.test(period) ? 'Q' : /^\d{4}$/.test(period) ? 'Y' : 'M'];

/** A message whose `{name}` placeholders are filled with elements (names looked up in the registry). */
function Filled({ message, parts }: { message: string; parts: Record<string, ReactNode> }) {
  return (
    <>
      {message.split(/(\{\w+\})/).map((piece, index) => {
        const name = /^\{(\w+)\}$/.exec(piece)?.[1];
        return <Fragment key={index}>{name && name in parts ? parts[name] : piece}</Fragment>;
      })}
    </>
  );
}

/** What the subject of an alert is, by name where the registry or the dictionaries know it. */
export function AlertSubject({ subject, details }: { subject: string; details?: Record<string, unknown> }) {
  const { t, label } = useI18n();
  const products = useProductMap();
  const [kind, id] = subjectOf(subject);
  if (kind === 'deposit') return <DepositName id={id} />;
  if (kind === 'facility') return <FacilityName id={id} />;
  if (kind === 'licence') return <LicenceNumber id={id} />;
  if (kind === 'product') return <>{products.get(id)?.name ?? id}</>;
  if (kind === 'target') return <>{label('target.name', id)}</>;
  if (kind === 'budget') return <>{t('alertSubject.budget', { year: id })}</>;
  if (kind === 'obligation' && id.split(':').length === 3) {
    const siteKind = text(details, 'siteKind');
    return <ObligationName id={id} siteKind={siteKind === 'facility' || siteKind === 'deposit' ? siteKind : null} />;
  }
  return <span className="mono">{subject}</span>;
}

/**
 * A reporting obligation, `<companyId>:<facilityId or depositId>:<period>`, as
 * the company, its site and the period. The id does not say which kind of site
 * it names, the alert's details do; without them (a silence, an alert raised
 * before they said it) a deposit is asked for only once no plant has that id.
 */
function ObligationName({ id, siteKind }: { id: string; siteKind: 'facility' | 'deposit' | null }) {
  const { language } = useI18n();
  const [companyId, siteId, period] = id.split(':');
  const facility = useFacility(siteKind === 'deposit' ? null : siteId);
  const deposit = useDeposit(siteKind === 'deposit' || (siteKind === null && facility.isError) ? siteId : null);
  const site = facility.data?.name ?? deposit.data?.name;
  return (
    <>
      <CompanyName id={companyId} />
      {site ? ` · ${site}` : ''} · {periodLabel(period, language)}
    </>
  );
}

/**
 * An alert's title in the user's language, worded from its rule and the
 * figures the rule recorded in `details`. The service's own title (English)
 * stands in for a rule the console does not know, and for a rule whose details
 * lack what the title needs (alerts raised before their rule recorded it).
 */
export function AlertTitle({ alert }: { alert: Titled }) {
  const { t, label, locale, language } = useI18n();
  const products = useProductMap();
  const details = alert.details;
  const [kind, id] = subjectOf(alert.subject);
  const period = text(details, 'period');
  const say = (key: MessageKey, params: Record<string, string>, parts: Record<string, ReactNode> = {}) => (
    <Filled message={t(key, params)} parts={parts} />
  );

  switch (alert.ruleId) {
    case 'target.at_risk':
    case 'target.off_track': {
      const key = text(details, 'key') ?? (kind === 'target' ? id : null);
      const name = key ? label('target.name', key) : null;
      if (!name || name === key) break;
      const status = label('targetStatus', alert.ruleId === 'target.off_track' ? 'off_track' : 'at_risk');
      return say('alertTitle.target', { name, status });
    }
    case 'import_dependence.above_target': {
      const code = text(details, 'productCode') ?? (kind === 'product' ? id : null);
      const percent = text(details, 'importDependencePercent');
      const range = rangeOf(details);
      if (!code || (!percent && !range)) break;
      const product = text(details, 'productName') ?? products.get(code)?.name ?? code;
      if (range) {
        const [from, to] = range.map((bound) => formatDecimal(bound, locale));
        return say('alertTitle.importDependenceRange', { product, from, to });
      }
      return say('alertTitle.importDependence', { product, percent: formatDecimal(percent as string, locale) });
    }
    case 'reporting.deadline_missed': {
      const company = text(details, 'companyName');
      if (!company || !period) break;
      return say('alertTitle.deadlineMissed', { company, period: periodLabel(period, language) });
    }
    case 'subsidy.budget_utilisation': {
      const year = text(details, 'programmeYear');
      const percent = text(details, 'utilisationPercent');
      if (!year || !percent) break;
      return say('alertTitle.budget', { year, percent: formatDecimal(percent, locale) });
    }
    case 'registry.licence_revoked_output': {
      const number = text(details, 'licenceNumber');
      const licenceId = text(details, 'licenceId') ?? (kind === 'licence' ? id : null);
      if (!number && !licenceId) break;
      return say('alertTitle.licenceRevoked', {}, { licence: number ?? <LicenceNumber id={licenceId as string} /> });
    }
    case 'output.sudden_drop': {
      const metal = Number(text(details, 'metalContentTonnes'));
      const average = Number(text(details, 'averagePerMonth'));
      if (!period || !(average > 0) || Number.isNaN(metal) || (kind !== 'deposit' && kind !== 'facility')) break;
      const fall = text(details, 'fallPercent') ?? String(Math.round((1 - metal / monthsIn(period) / average) * 100));
      const siteName = text(details, 'siteName');
      const site = siteName ?? (kind === 'deposit' ? <DepositName id={id} /> : <FacilityName id={id} />);
      return say('alertTitle.suddenDrop', { fall, period: periodLabel(period, language) }, { site });
    }
    case 'trade.export_discrepancy': {
      const hsCode = text(details, 'hsCode');
      if (!hsCode || !period) break;
      const productCode = text(details, 'productCode');
      const code = productCode ? `${hsCode} (${productCode})` : hsCode;
      return say('alertTitle.exportDiscrepancy', { code, period: periodLabel(period, language) });
    }
  }
  // Without the figures its words need, the rule and the subject say in the user's language what the alert is
  // about; the service's title says more, but in English.
  const rule = label('rule', alert.ruleId);
  if (language === 'en' || rule === alert.ruleId) return <>{alert.title}</>;
  return (
    <>
      {rule}: <AlertSubject subject={alert.subject} details={details} />
    </>
  );
}

/** A share as a percentage (`0.153` → `15,3`). */
const percentOf = (share: string, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Number(share) * 100);

/**
 * The line under an alert's title, in the user's language from the figures
 * the rule recorded in its details; the service's message (English) for an
 * alert whose details lack them (raised before its rule recorded them).
 */
export function AlertMessage({ alert }: { alert: Titled & Pick<Alert, 'message'> }) {
  const { t, label, locale, language } = useI18n();
  const details = alert.details;
  const [kind, id] = subjectOf(alert.subject);
  const period = text(details, 'period');
  const say = (key: MessageKey, params: Record<string, string | number>, parts: Record<string, ReactNode> = {}) => (
    <Filled message={t(key, params)} parts={parts} />
  );

  switch (alert.ruleId) {
    case 'target.at_risk':
    case 'target.off_track': {
      const [key, unit, asOf] = [text(details, 'key'), text(details, 'unit'), text(details, 'asOf')];
      const [current, trajectory] = [text(details, 'current'), text(details, 'trajectory')];
      const [target, year] = [text(details, 'targetValue'), text(details, 'targetYear')];
      if (!key || !unit || !asOf || !current || !trajectory || !target || !year) break;
      const figure = (value: string) => formatFigure(value, unit, locale, label);
      const forecast = text(details, 'forecast');
      return say('alertMessage.target', {
        name: label('target.name', key),
        current: figure(current),
        trajectory: figure(trajectory),
        asOf: formatDate(asOf, locale),
        target: figure(target),
        year,
        forecast: forecast ? figure(forecast) : t('alertMessage.unknownForecast'),
      });
    }
    case 'reporting.deadline_missed': {
      const due = text(details, 'dueOn');
      if (!period || !due) break;
      const site = text(details, 'siteName');
      const params = { period: periodLabel(period, language), due: formatDate(due, locale) };
      return site
        ? say('alertMessage.deadlineMissedAtSite', { ...params, site })
        : say('alertMessage.deadlineMissed', params);
    }
    case 'registry.licence_revoked_output': {
      const licence = text(details, 'licenceNumber');
      const holder = text(details, 'holderName');
      const revokedOn = text(details, 'revokedOn');
      const periods = details?.periods;
      if (!licence || !holder || !revokedOn || !Array.isArray(periods)) break;
      return say('alertMessage.licenceRevoked', {
        licence,
        holder,
        revokedOn: formatDate(revokedOn, locale),
        periods: periods.map((each) => periodLabel(String(each), language)).join(', '),
      });
    }
    case 'import_dependence.above_target': {
      const product = text(details, 'productName');
      const imports = text(details, 'importsTonnes');
      const consumption = text(details, 'apparentConsumptionTonnes');
      const expected = text(details, 'expectedPercent');
      const [from, to] = [text(details, 'from'), text(details, 'to')];
      if (!product || !imports || !consumption || !expected || !from || !to) break;
      const range = rangeOf(details);
      const [exports, output] = [text(details, 'exportsTonnes'), text(details, 'outputTonnes')];
      if (range && exports && output) {
        return say('alertMessage.importDependenceRange', {
          product,
          exports: formatDecimal(exports, locale),
          output: formatDecimal(output, locale),
          least: formatDecimal(range[0], locale),
          expected: formatDecimal(expected, locale),
          from: periodLabel(from, language),
          to: periodLabel(to, language),
        });
      }
      if (range) break;
      return say('alertMessage.importDependence', {
        product,
        imports: formatDecimal(imports, locale),
        consumption: formatDecimal(consumption, locale),
        expected: formatDecimal(expected, locale),
        from: periodLabel(from, language),
        to: periodLabel(to, language),
      });
    }
    case 'output.sudden_drop': {
      const metal = text(details, 'metalContentTonnes');
      const average = text(details, 'averagePerMonth');
      const compared = details?.periodsCompared;
      if (!period || !metal || !average || !Array.isArray(compared)) break;
      if (kind !== 'deposit' && kind !== 'facility') break;
      const months = monthsIn(period);
      const fall = String(Math.round((1 - Number(metal) / months / Number(average)) * 100));
      const site =
        text(details, 'siteName') ?? (kind === 'deposit' ? <DepositName id={id} /> : <FacilityName id={id} />);
      return say(
        'alertMessage.suddenDrop',
        {
          metal: formatDecimal(metal, locale),
          period: periodLabel(period, language),
          fall: text(details, 'fallPercent') ?? fall,
          average: formatDecimal(String(Math.round(Number(average) * months * 1000) / 1000), locale),
          count: compared.length,
        },
        { site },
      );
    }
    case 'subsidy.budget_utilisation': {
      const year = text(details, 'programmeYear');
      const percent = text(details, 'utilisationPercent');
      const threshold = text(details, 'thresholdPercent');
      if (!year || !percent || !threshold) break;
      return say('alertMessage.budget', {
        year,
        percent: formatDecimal(percent, locale),
        threshold: formatDecimal(threshold, locale),
      });
    }
    case 'trade.export_discrepancy': {
      const reported = text(details, 'reportedExportsTonnes');
      const customs = text(details, 'customsExportsTonnes');
      const difference = text(details, 'differenceTonnes');
      const relative = text(details, 'relativeDifference');
      const tolerance = text(details, 'tolerance');
      if (!reported || !customs || !difference || !relative || !tolerance) break;
      return say('alertMessage.exportDiscrepancy', {
        reported: formatDecimal(reported, locale),
        customs: formatDecimal(customs, locale),
        difference: formatDecimal(difference, locale),
        relative: percentOf(relative, locale),
        tolerance: percentOf(tolerance, locale),
      });
    }
  }
  return <span lang="en">{alert.message}</span>;
}
