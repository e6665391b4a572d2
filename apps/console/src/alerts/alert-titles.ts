import { formatDate, formatDecimal } from '../common/format';
import { periodLabel } from '../reports/periods';
import {
  exportsOf,
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

/**
 * An alert's title, worded from its rule and the figures the rule recorded in
 * `details`, or what its subject says. Where they lack what the title needs
 * (alerts raised before their rule recorded them) it is the rule and the
 * subject; none for a rule the console does not know.
 */
export function titleOf(alert: Titled, { label, locale, language, productName }: WordingContext): Wording | null {
  const details = alert.details;
  const [kind, id] = subjectOf(alert.subject);
  const period = text(details, 'period');

  switch (alert.ruleId) {
    case 'target.at_risk':
    case 'target.off_track': {
      const key = text(details, 'key') ?? (kind === 'target' ? id : null);
      const name = key ? label('target.name', key) : null;
      if (!name || name === key) break;
      const status = label('targetStatus', alert.ruleId === 'target.off_track' ? 'off_track' : 'at_risk');
      return { key: 'alertTitle.target', params: { name, status } };
    }
    case 'import_dependence.above_target': {
      const code = text(details, 'productCode') ?? (kind === 'product' ? id : null);
      const percent = text(details, 'importDependencePercent');
      const range = rangeOf(details);
      if (!code || (!percent && !range)) break;
      const product = text(details, 'productName') ?? productName(code) ?? code;
      if (range) {
        const [from, to] = range.map((bound) => formatDecimal(bound, locale));
        return { key: 'alertTitle.importDependenceRange', params: { product, from, to } };
      }
      return { key: 'alertTitle.importDependence', params: { product, percent: formatDecimal(percent, locale) } };
    }
    case 'reporting.deadline_missed': {
      const company = text(details, 'companyName');
      const missed = period ?? obligationOf(alert.subject, details)?.period;
      if (!company || !missed) break;
      return { key: 'alertTitle.deadlineMissed', params: { company, period: periodLabel(missed, language) } };
    }
    case 'subsidy.budget_utilisation': {
      const year = text(details, 'programmeYear') ?? (kind === 'budget' ? id : null);
      const percent = text(details, 'utilisationPercent');
      if (!year) break;
      if (!percent) return { key: 'alertTitle.budgetNearlyUsed', params: { year }, general: true };
      return { key: 'alertTitle.budget', params: { year, percent: formatDecimal(percent, locale) } };
    }
    case 'registry.licence_revoked_output': {
      const number = text(details, 'licenceNumber');
      if (number) return { key: 'alertTitle.licenceRevoked', params: { licence: number } };
      if (kind === 'licence') return { key: 'alertTitle.licenceRevoked', params: {}, subjectAt: 'licence' };
      break;
    }
    case 'registry.licence_expiring_output': {
      const [number, validTo] = [text(details, 'licenceNumber'), text(details, 'validTo')];
      if (!number || !validTo) break;
      return { key: 'alertTitle.licenceExpiring', params: { licence: number, validTo: formatDate(validTo, locale) } };
    }
    case 'output.sudden_drop': {
      const metal = Number(text(details, 'metalContentTonnes'));
      const average = Number(text(details, 'averagePerMonth'));
      if (!period || !(average > 0) || Number.isNaN(metal) || (kind !== 'deposit' && kind !== 'facility')) break;
      const fall = text(details, 'fallPercent') ?? String(Math.round((1 - metal / monthsIn(period) / average) * 100));
      const site = siteOf(details);
      return {
        key: 'alertTitle.suddenDrop',
        ...site,
        params: { ...site.params, fall, period: periodLabel(period, language) },
      };
    }
    case 'trade.export_discrepancy': {
      // The subject holds all the title says, so alerts raised without details are titled alike.
      const exports = exportsOf(alert.subject);
      if (!exports) break;
      return {
        key: 'alertTitle.exportDiscrepancy',
        params: { ...exports, period: periodLabel(exports.period, language) },
      };
    }
  }
  const rule = label('rule', alert.ruleId);
  if (rule === alert.ruleId) return null;
  return { key: 'alertTitle.ruleAndSubject', params: { rule }, subjectAt: 'subject', general: true };
}
