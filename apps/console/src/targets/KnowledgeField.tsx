import type { Knowledge } from '../api/monitoring';
import { Field } from '../common/Field';
import { useI18n } from '../i18n/i18n';

/** The knowledge an address asks for: as known then only when it says so. */
export function knowledgeOf(value: string | null): Knowledge {
  return value === 'then' ? 'then' : 'now';
}

/**
 * Whether figures are as known now or as they were known at the end of the day asked for. `now` is the
 * default, so choosing it gives null: the address then leaves the parameter out.
 */
export function KnowledgeField({
  label,
  hint,
  knowledge,
  onChange,
}: {
  label: string;
  hint?: string;
  knowledge: Knowledge;
  onChange: (knowledge: 'then' | null) => void;
}) {
  const { t } = useI18n();
  return (
    <Field label={label} hint={hint}>
      <select value={knowledge} onChange={(event) => onChange(event.target.value === 'then' ? 'then' : null)}>
        <option value="now">{t('targets.knowledge.now')}</option>
        <option value="then">{t('targets.knowledge.then')}</option>
      </select>
    </Field>
  );
}
