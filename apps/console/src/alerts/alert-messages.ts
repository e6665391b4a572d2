import { formatDate, formatDecimal } from '../common/format';
import { periodLabel } from '../reports/periods';
import { formatFigure } from '../targets/figures';
import {
  monthsIn,
  obligationOf,
  rangeOf,
  siteOf,
  subjectOf,
  text,
  type Titled,
  type Wording,
  type WordingContext,
} from './alert-details';

/** A share as a percentage (`0.153` → `15,3`). */
const percentOf = (share: string, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Number(share) * 100);

/**
 * The line under an alert's title, from the figures its rule recorded in
 * `details`; where they lack (alerts raised before their rule recorded them),
 * what the rule means for the subject, worded from whatever the alert does
 * carry. None for a rule the console does not know.
 */
export function messageOf(alert: Titled, context: WordingContext): Wording | null {
  const { t, label, locale, language, productName } = context;
  const details = alert.details;
  const [kind, id] = subjectOf(alert.subject);
  const period = text(details, 'period');

  switch (alert.ruleId) {
    case 'target.at_risk':
    case 'target.off_track': {
      const key = text(details, 'key') ?? (kind === 'target' ? id : null);
      if (!key) break;
      const name = label('target.name', key);
      const [unit, asOf] = [text(details, 'unit'), text(details, 'asOf')];
      const [current, trajectory] = [text(details, 'current'), text(details, 'trajectory')];
      const [target, year] = [text(details, 'targetValue'), text(details, 'targetYear')];
      if (unit && asOf && current && trajectory && target && year) {
        const figure = (value: string) => formatFigure(value, unit, locale, label);
        const forecast = text(details, 'forecast');
        return {
          key: 'alertMessage.target',
          params: {
            name,
            current: figure(current),
            trajectory: figure(trajectory),
            asOf: formatDate(asOf, locale),
            target: figure(target),
            year,
            forecast: forecast ? figure(forecast) : t('alertMessage.unknownForecast'),
          },
        };
      }
      // A target the dictionaries do not name is named best by the service.
      if (name === key) break;
      const status = label('targetStatus', alert.ruleId === 'target.off_track' ? 'off_track' : 'at_risk');
      return { key: 'alertMessage.targetBehind', params: { name, status }, general: true };
    }
    case 'reporting.deadline_missed': {
      const missed = period ?? obligationOf(alert.subject, details)?.period;
      if (!missed) break;
      const [due, site] = [text(details, 'dueOn'), text(details, 'siteName')];
      const params = { period: periodLabel(missed, language) };
      if (!due) return { key: 'alertMessage.deadlineMissedUndated', params, general: true };
      const dated = { ...params, due: formatDate(due, locale) };
      return site
        ? { key: 'alertMessage.deadlineMissedAtSite', params: { ...dated, site } }
        : { key: 'alertMessage.deadlineMissed', params: dated };
    }
    case 'registry.licence_revoked_output': {
      const licence = text(details, 'licenceNumber');
      const [holder, revokedOn] = [text(details, 'holderName'), text(details, 'revokedOn')];
      const periods = details?.periods;
      if (licence && holder && revokedOn && Array.isArray(periods)) {
        return {
          key: 'alertMessage.licenceRevoked',
          params: {
            licence,
            holder,
            revokedOn: formatDate(revokedOn, locale),
            periods: periods.map((each) => periodLabel(String(each), language)).join(', '),
          },
        };
      }
      if (licence) return { key: 'alertMessage.licenceRevokedOutput', params: { licence }, general: true };
      if (kind !== 'licence') break;
      return { key: 'alertMessage.licenceRevokedOutput', params: {}, subjectAt: 'licence', general: true };
    }
    case 'registry.licence_expiring_output': {
      const licence = text(details, 'licenceNumber');
      const [holder, deposit] = [text(details, 'holderName'), text(details, 'depositName')];
      const [validTo, left, latest] = [
        text(details, 'validTo'),
        text(details, 'daysLeft'),
        text(details, 'latestPeriod'),
      ];
      if (licence && holder && deposit && validTo && left && latest) {
        return {
          key: 'alertMessage.licenceExpiring',
          params: {
            licence,
            holder,
            deposit,
            validTo: formatDate(validTo, locale),
            count: Number(left),
            period: periodLabel(latest, language),
          },
        };
      }
      if (licence) return { key: 'alertMessage.licenceExpiringOutput', params: { licence }, general: true };
      if (kind !== 'licence') break;
      return { key: 'alertMessage.licenceExpiringOutput', params: {}, subjectAt: 'licence', general: true };
    }
    case 'import_dependence.above_target': {
      const code = text(details, 'productCode') ?? (kind === 'product' ? id : null);
      if (!code) break;
      const product = text(details, 'productName') ?? productName(code) ?? code;
      const [imports, consumption] = [text(details, 'importsTonnes'), text(details, 'apparentConsumptionTonnes')];
      const [expected, from, to] = [text(details, 'expectedPercent'), text(details, 'from'), text(details, 'to')];
      const [exports, output] = [text(details, 'exportsTonnes'), text(details, 'outputTonnes')];
      const range = rangeOf(details);
      if (imports && consumption && expected && from && to && (!range || (exports && output))) {
        const window = {
          expected: formatDecimal(expected, locale),
          from: periodLabel(from, language),
          to: periodLabel(to, language),
        };
        if (range) {
          return {
            key: 'alertMessage.importDependenceRange',
            params: {
              product,
              exports: formatDecimal(exports, locale),
              output: formatDecimal(output, locale),
              least: formatDecimal(range[0], locale),
              ...window,
            },
          };
        }
        return {
          key: 'alertMessage.importDependence',
          params: {
            product,
            imports: formatDecimal(imports, locale),
            consumption: formatDecimal(consumption, locale),
            ...window,
          },
        };
      }
      return { key: 'alertMessage.importDependenceAbove', params: { product }, general: true };
    }
    case 'output.sudden_drop': {
      if (kind !== 'deposit' && kind !== 'facility') break;
      const site = siteOf(details);
      const [metal, average] = [text(details, 'metalContentTonnes'), text(details, 'averagePerMonth')];
      const compared = details?.periodsCompared;
      if (!period || !metal || !average || !Array.isArray(compared)) {
        return { key: 'alertMessage.suddenDropLatest', ...site, general: true };
      }
      const months = monthsIn(period);
      const fall = String(Math.round((1 - Number(metal) / months / Number(average)) * 100));
      return {
        key: 'alertMessage.suddenDrop',
        ...site,
        params: {
          ...site.params,
          metal: formatDecimal(metal, locale),
          period: periodLabel(period, language),
          fall: text(details, 'fallPercent') ?? fall,
          average: formatDecimal(String(Math.round(Number(average) * months * 1000) / 1000), locale),
          count: compared.length,
        },
      };
    }
    case 'subsidy.budget_utilisation': {
      const year = text(details, 'programmeYear') ?? (kind === 'budget' ? id : null);
      const [percent, threshold] = [text(details, 'utilisationPercent'), text(details, 'thresholdPercent')];
      if (!year) break;
      if (!percent || !threshold) return { key: 'alertMessage.budgetAbove', params: { year }, general: true };
      const figures = { percent: formatDecimal(percent, locale), threshold: formatDecimal(threshold, locale) };
      return { key: 'alertMessage.budget', params: { year, ...figures } };
    }
    case 'trade.export_discrepancy': {
      const [reported, customs] = [text(details, 'reportedExportsTonnes'), text(details, 'customsExportsTonnes')];
      const [difference, relative] = [text(details, 'differenceTonnes'), text(details, 'relativeDifference')];
      const tolerance = text(details, 'tolerance');
      if (reported && customs && difference && relative && tolerance) {
        return {
          key: 'alertMessage.exportDiscrepancy',
          params: {
            reported: formatDecimal(reported, locale),
            customs: formatDecimal(customs, locale),
            difference: formatDecimal(difference, locale),
            relative: percentOf(relative, locale),
            tolerance: percentOf(tolerance, locale),
          },
        };
      }
      return { key: 'alertMessage.exportDiscrepancyBeyond', params: {}, general: true };
    }
  }
  return null;
}
