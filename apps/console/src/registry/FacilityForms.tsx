import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { FacilityStatus } from '@redmet/contracts/vocabulary';
import { ApiError } from '../api/problem';
import { type Facility, registry } from '../api/registry';
import { ConfirmButton } from '../common/ConfirmButton';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { today } from '../common/format';
import { useI18n } from '../i18n/i18n';
import { FACILITY_TRANSITIONS } from '@redmet/contracts/vocabulary';
import { searchCompanies } from './company-search';
import { useCompanies } from './lookups';

/**
 * After a change, or a refusal because someone changed the plant meanwhile (412), every registry query is read
 * again: the page then shows the plant as it is, and the next change is made on that version.
 */
function useFacilityChange<T>(change: (body: T) => Promise<Facility>) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['registry'] });
  return useMutation({
    mutationFn: change,
    onSuccess: refresh,
    onError: (error) => (error instanceof ApiError && error.status === 412 ? refresh() : undefined),
  });
}

/** A new status from a day: only those the registry allows from the current one; closing asks first. */
export function StatusForm({ facility, labelledBy }: { facility: Facility; labelledBy: string }) {
  const { t, label } = useI18n();
  // A status newer than this bundle has no moves here: the registry still judges any sent.
  const allowed = FACILITY_TRANSITIONS[facility.status] ?? [];
  const [status, setStatus] = useState<FacilityStatus | ''>('');
  const [effectiveOn, setEffectiveOn] = useState(today());
  const change = useFacilityChange((body: { status: FacilityStatus; effectiveOn: string }) =>
    registry.changeFacilityStatus(facility, body),
  );
  const errors = useFormErrors(change.error);
  const ready = !change.isPending && status !== '';
  const send = () => {
    if (status) change.mutate({ status, effectiveOn }, { onSuccess: () => setStatus('') });
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    // Closing is for good: only the confirmation sends it.
    if (ready && status !== 'closed') send();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <div className="form-grid">
        <Field label={t('facility.newStatus')} errors={errors.of('status')}>
          <select name="status" value={status} onChange={(event) => setStatus(event.target.value as FacilityStatus)}>
            <option value="">{t('facility.chooseStatus')}</option>
            {allowed.map((next) => (
              <option key={next} value={next}>
                {label('facilityStatus', next)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('facility.effectiveOn')}
          hint={status === 'closed' ? t('facility.closingDayHint') : t('facility.effectiveOnHint')}
          errors={errors.of('effectiveOn')}
        >
          <input
            type="date"
            name="effectiveOn"
            value={effectiveOn}
            onChange={(event) => setEffectiveOn(event.target.value)}
          />
        </Field>
      </div>
      {status === 'closed' ? <p className="muted">{t('facility.closingWarning')}</p> : null}
      {change.isSuccess ? <p role="status">{t('facility.statusChanged')}</p> : null}
      <FormErrors messages={errors.rest(['If-Match'])} />
      <div className="form-actions">
        {status === 'closed' ? (
          <ConfirmButton label={t('facility.close')} onConfirm={send} disabled={!ready} />
        ) : (
          <button type="submit" className="button button-primary" disabled={!ready}>
            {change.isPending ? t('state.sending') : t('facility.saveStatus')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Another company operates the plant from the first day of a month; the months before stay the current one's. */
export function HandOverForm({ facility, labelledBy }: { facility: Facility; labelledBy: string }) {
  const { t } = useI18n();
  const companies = useCompanies();
  const [operatorCompanyId, setOperator] = useState('');
  const [query, setQuery] = useState('');
  const [month, setMonth] = useState(today().slice(0, 7));
  const change = useFacilityChange((body: { operatorCompanyId: string; effectiveOn: string }) =>
    registry.changeFacilityOperator(facility, body),
  );
  const errors = useFormErrors(change.error);
  const ready = !change.isPending && operatorCompanyId !== '';
  // A company being wound up takes on no plant (the registry refuses it): it is not offered.
  const candidates = (companies.data ?? [])
    .filter((company) => company.status === 'active' && company.id !== facility.operatorCompanyId)
    .sort((a, b) => a.legalName.localeCompare(b.legalName));
  // A few hundred producers are too many to scroll through; the company chosen stays offered whatever is typed.
  const { offered, matching } = searchCompanies(candidates, query, operatorCompanyId);
  const searched = query.trim() !== '' && companies.isSuccess;
  const found = !searched
    ? undefined
    : matching > 0
      ? t('facility.companiesFound', { count: matching, total: candidates.length })
      : t('facility.noCompanyFound', { query: query.trim() });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    // The month picker gives `2026-07`; the registry takes the first day of it. Anything else goes as typed.
    const effectiveOn = /^\d{4}-\d{2}$/.test(month) ? `${month}-01` : month;
    change.mutate(
      { operatorCompanyId, effectiveOn },
      {
        onSuccess: () => {
          setOperator('');
          setQuery('');
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <div className="form-grid">
        <Field label={t('facility.findCompany')} hint={t('facility.findCompanyHint')}>
          <input
            type="search"
            name="companySearch"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            // Enter here would send the form with the company chosen before the search, not one found by it.
            onKeyDown={(event) => (event.key === 'Enter' ? event.preventDefault() : undefined)}
          />
        </Field>
        <Field
          label={t('facility.newOperator')}
          hint={found}
          errors={errors.of('operatorCompanyId')}
          className="field-wide"
        >
          <select
            name="operatorCompanyId"
            value={operatorCompanyId}
            onChange={(event) => setOperator(event.target.value)}
          >
            <option value="">{companies.isPending ? t('state.loading') : t('facility.chooseCompany')}</option>
            {offered.map((company) => (
              <option key={company.id} value={company.id}>
                {company.legalName} · {t('company.inn')} {company.inn}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('facility.fromMonth')} hint={t('facility.fromMonthHint')} errors={errors.of('effectiveOn')}>
          <input type="month" name="effectiveOn" value={month} onChange={(event) => setMonth(event.target.value)} />
        </Field>
      </div>
      {/* The count is the select's hint, read when the select takes focus: said here too while the search is typed. */}
      <span className="visually-hidden" aria-live="polite">
        {found ?? ''}
      </span>
      {companies.isError ? <FormErrors messages={[t('facility.companiesFailed')]} /> : null}
      {change.isSuccess ? <p role="status">{t('facility.handedOver')}</p> : null}
      <FormErrors messages={errors.rest(['If-Match'])} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!ready}>
          {change.isPending ? t('state.sending') : t('facility.handOverSubmit')}
        </button>
      </div>
    </form>
  );
}
