import { useI18n } from '../i18n/i18n';
import { Field } from './Field';

interface Props<T extends string> {
  label: string;
  /** The value chosen; none: every value (the first option). */
  value: T | undefined;
  values: readonly T[];
  optionLabel: (value: T) => string;
  /** With '' for every value. */
  onChange: (value: T | '') => void;
}

/** A list's filter on one of a few values, or on none of them. */
export function FilterSelect<T extends string>({ label, value, values, optionLabel, onChange }: Props<T>) {
  const { t } = useI18n();
  return (
    <Field label={label}>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value as T | '')}>
        <option value="">{t('common.all')}</option>
        {values.map((each) => (
          <option key={each} value={each}>
            {optionLabel(each)}
          </option>
        ))}
      </select>
    </Field>
  );
}
