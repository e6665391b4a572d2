import type { Knowledge } from '../api/monitoring';
import { Field } from '../common/Field';
import { formatDate, today } from '../common/format';
import { useI18n } from '../i18n/i18n';

/**
 * The day figures are for, no later than today. `standing` is the day the service takes when none is asked for:
 * choosing it gives null, so the address leaves the parameter out.
 */
export function AsOfField({
  asOf,
  standing,
  min,
  errors,
  onChange,
}: {
  asOf: string | undefined;
  standing: string;
  min?: string;
  errors?: string[];
  onChange: (asOf: string | null) => void;
}) {
  const { t } = useI18n();
  return (
    <Field label={t('targets.asOf')} errors={errors}>
      <input
        type="date"
        value={asOf ?? standing}
        min={min}
        max={today()}
        onChange={(event) => onChange(event.target.value === standing ? null : event.target.value)}
      />
    </Field>
  );
}

/** Says which day and knowledge the figures beside it are for, where that is not simply what is known today. */
export function PerspectiveLine({ asOf, knowledge }: { asOf: string; knowledge: Knowledge }) {
  const { t, locale } = useI18n();
  return <p className="small muted">{t(`targets.perspective.${knowledge}`, { date: formatDate(asOf, locale) })}</p>;
}

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
