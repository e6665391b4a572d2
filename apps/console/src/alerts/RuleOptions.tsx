import { ALERT_RULE_IDS } from '@redmet/contracts/vocabulary';
import { useI18n } from '../i18n/i18n';

/** The options of a rule picker: `empty` first (any or every rule), then each rule by its name. */
export function RuleOptions({ empty }: { empty: string }) {
  const { label } = useI18n();
  return (
    <>
      <option value="">{empty}</option>
      {ALERT_RULE_IDS.map((id) => (
        <option key={id} value={id}>
          {label('rule', id)}
        </option>
      ))}
    </>
  );
}
