import { type AlertSeverity, ALERT_RULE_IDS, type AlertRuleId } from '@redmet/contracts/vocabulary';
import { SEVERITIES } from '../api/monitoring';
import { Field } from '../common/Field';
import { useI18n } from '../i18n/i18n';

export interface FilterDraft {
  minSeverity: AlertSeverity;
  ruleIds: AlertRuleId[];
}

export const ANY_RULE: FilterDraft = { minSeverity: 'warning', ruleIds: [] };

interface FilterProps {
  value: FilterDraft;
  onChange: (value: FilterDraft) => void;
  errors: { of: (field: string, nested?: boolean) => string[] };
}

/** The least severe alert to receive. */
export function SeverityField({ value, onChange, errors }: FilterProps) {
  const { t, label } = useI18n();
  return (
    <Field label={t('subscriptions.minSeverity')} errors={errors.of('minSeverity')}>
      <select
        name="minSeverity"
        value={value.minSeverity}
        onChange={(event) => onChange({ ...value, minSeverity: event.target.value as AlertSeverity })}
      >
        {[...SEVERITIES].reverse().map((severity) => (
          <option key={severity} value={severity}>
            {label('severity', severity)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Only some rules (none ticked: every rule). */
export function RuleChoice({ value, onChange, errors }: FilterProps) {
  const { t, label } = useI18n();
  const messages = errors.of('ruleIds', true);
  return (
    <fieldset className="rule-choice">
      <legend>{t('subscriptions.rules')}</legend>
      <p className="field-hint">{t('subscriptions.rulesHint')}</p>
      {ALERT_RULE_IDS.map((id) => (
        <label key={id} className="checkbox">
          <input
            type="checkbox"
            checked={value.ruleIds.includes(id)}
            onChange={(event) =>
              onChange({
                ...value,
                ruleIds: event.target.checked ? [...value.ruleIds, id] : value.ruleIds.filter((rule) => rule !== id),
              })
            }
          />
          <span>{label('rule', id)}</span>
        </label>
      ))}
      {messages.length ? (
        <ul className="field-errors">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** How a saved filter reads in a list. */
export function FilterSummary({ minSeverity, ruleIds }: { minSeverity: AlertSeverity; ruleIds: AlertRuleId[] | null }) {
  const { t, label } = useI18n();
  return (
    <>
      {t('subscriptions.minSeverity').toLowerCase()} «{label('severity', minSeverity)}»;{' '}
      {ruleIds?.length ? ruleIds.map((id) => label('rule', id)).join(', ') : t('subscriptions.allRules')}
    </>
  );
}
