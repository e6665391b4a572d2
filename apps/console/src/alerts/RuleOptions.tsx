import { RULE_IDS } from '../api/monitoring';
import { useI18n } from '../i18n/i18n';

/** The options of a rule picker: `empty` first (any or every rule), then each rule by its name. */
export function RuleOptions({ empty }: { empty: string }) {
  const { label } = useI18n();
  return (
    <>
      <option value="">{empty}</option>
      {RULE_IDS.map((id) => (
        <option key={id} value={id}>
          {label('rule', id)}
        </option>
      ))}
    </>
  );
}
