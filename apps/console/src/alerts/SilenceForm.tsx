import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ALERT_RULE_IDS, type AlertRuleId } from '@redmet/contracts/vocabulary';
import { monitoring, type Silence } from '../api/monitoring';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatDateTime, servicesInstant } from '../common/format';
import { useI18n } from '../i18n/i18n';
import { RuleOptions } from './RuleOptions';
import { oneOf } from '../common/one-of';

/** A `datetime-local` value as the instant it names in Moscow; what was typed when it is not one. */
const instant = (local: string): string | undefined => (local ? (servicesInstant(local) ?? local) : undefined);

/**
 * Mutes a rule, a subject or both for a period, with a reason. Opened from an
 * alert it comes filled with that alert's rule and subject.
 */
export function SilenceForm({ rule, subject: initialSubject }: { rule: string; subject: string }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [ruleId, setRuleId] = useState<string>(oneOf(ALERT_RULE_IDS, rule) ?? '');
  const [subject, setSubject] = useState(initialSubject);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const create = useMutation({
    mutationFn: () =>
      monitoring.silence({
        ruleId: (ruleId || undefined) as AlertRuleId | undefined,
        subject: subject.trim() || undefined,
        startsAt: instant(startsAt),
        endsAt: instant(endsAt) as string,
        reason: reason.trim(),
      }),
    onSuccess: async () => {
      setReason('');
      await client.invalidateQueries({ queryKey: ['monitoring', 'silences'] });
    },
  });
  const errors = useFormErrors(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="silence-new">
      <h2 id="silence-new">{t('silences.new')}</h2>
      <div className="form-grid">
        <Field label={t('silences.rule')} errors={errors.of('ruleId')}>
          <select name="ruleId" value={ruleId} onChange={(event) => setRuleId(event.target.value)}>
            <RuleOptions empty={t('silences.anyRule')} />
          </select>
        </Field>
        <Field label={t('silences.subject')} hint={t('silences.subjectHint')} errors={errors.of('subject')}>
          <input name="subject" value={subject} onChange={(event) => setSubject(event.target.value)} />
        </Field>
        <Field label={t('silences.startsAt')} hint={t('silences.startsAtHint')} errors={errors.of('startsAt')}>
          <input
            name="startsAt"
            type="datetime-local"
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
          />
        </Field>
        <Field label={t('silences.endsAt')} hint={t('silences.endsAtHint')} errors={errors.of('endsAt')}>
          <input
            name="endsAt"
            type="datetime-local"
            value={endsAt}
            onChange={(event) => setEndsAt(event.target.value)}
          />
        </Field>
      </div>
      <Field label={t('silences.reason')} errors={errors.of('reason')}>
        <textarea name="reason" value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <FormErrors messages={errors.rest()} />
      {create.data ? <Created silence={create.data} locale={locale} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('state.sending') : t('silences.create')}
        </button>
      </div>
    </form>
  );
}

function Created({ silence, locale }: { silence: Silence; locale: string }) {
  const { t } = useI18n();
  return (
    <p className="notice notice-success" role="status">
      {t('silences.created', { at: formatDateTime(silence.endsAt, locale) })}
    </p>
  );
}
