import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { subsidy } from '../api/subsidy';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { FailedLookups, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { useProducts } from '../registry/lookups';
import { recentQuarters } from '../reports/periods';
import { type ClaimDraft, contentOf, draftOf, EMPTY_LINE } from './claim-draft';
import { ClaimLinesEditor } from './ClaimLinesEditor';
import { ReportPicker } from './ReportPicker';

const START: ClaimDraft = {
  period: recentQuarters(1)[0],
  reportIds: [],
  lines: [{ ...EMPTY_LINE }],
  noTaxArrears: false,
  notInLiquidation: false,
  annualRevenue: '',
};

/** A new claim, or a draft or returned claim being changed (`/claims/:id/edit`). */
export function ClaimFormPage() {
  const { claimId } = useParams();
  const existing = useQuery({
    queryKey: ['subsidy', 'claim', claimId],
    queryFn: () => subsidy.get(claimId as string),
    enabled: !!claimId,
  });
  if (!claimId) return <ClaimForm initial={START} />;
  return <QueryView query={existing}>{(claim) => <ClaimForm initial={draftOf(claim)} claimId={claimId} />}</QueryView>;
}

function ClaimForm({ initial, claimId }: { initial: ClaimDraft; claimId?: string }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const products = useProducts();
  const [draft, setDraft] = useState(initial);
  const [invalid, setInvalid] = useState<Map<string, true>>(new Map());
  const save = useMutation({
    mutationFn: async () => {
      const { content, invalid: unreadable } = contentOf(draft, language, initial);
      setInvalid(unreadable);
      if (unreadable.size > 0) return null;
      return claimId ? subsidy.update(claimId, content) : subsidy.create(content);
    },
    onSuccess: async (claim) => {
      if (!claim) return;
      await client.invalidateQueries({ queryKey: ['subsidy'] });
      navigate(`/claims/${claim.id}`);
    },
  });
  const errors = useFormErrors(save.error);
  const messages = (field: string) => [
    ...(invalid.has(field) ? [t('claims.roublesInvalid')] : []),
    ...errors.of(field),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/claims">{t('nav.claims')}</Link>
          </p>
          <h1>{claimId ? t('claims.edit') : t('claims.new')}</h1>
          <p className="muted">{t('claims.formHint')}</p>
        </div>
      </div>
      <section className="card">
        <div className="form-grid">
          <Field label={t('claims.period')} hint={t('claims.periodHint')} errors={messages('period')}>
            <input
              name="period"
              list="claim-quarters"
              value={draft.period}
              onChange={(event) => setDraft({ ...draft, period: event.target.value })}
            />
          </Field>
          <datalist id="claim-quarters">
            {recentQuarters(6).map((quarter) => (
              <option key={quarter} value={quarter} />
            ))}
          </datalist>
        </div>
        <ClaimOfQuarter period={draft.period} claimId={claimId} />
      </section>
      <section className="card" aria-labelledby="claim-reports">
        <h2 id="claim-reports">{t('claims.reports')}</h2>
        <p className="muted small">{t('claims.reportsHint')}</p>
        <ReportPicker
          period={draft.period}
          selected={draft.reportIds}
          onChange={(reportIds) => setDraft({ ...draft, reportIds })}
        />
        <FormErrors messages={errors.of('reportIds', true)} />
      </section>
      <section className="card" aria-labelledby="claim-lines">
        <h2 id="claim-lines">{t('claims.lines')}</h2>
        <FailedLookups lookups={[products]} />
        <FormErrors messages={errors.of('lines')} />
        <ClaimLinesEditor
          lines={draft.lines}
          onChange={(lines) => setDraft({ ...draft, lines })}
          products={products.data ?? []}
          messages={messages}
        />
      </section>
      <section className="card" aria-labelledby="claim-declarations">
        <h2 id="claim-declarations">{t('claims.declarations')}</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.noTaxArrears}
            onChange={(event) => setDraft({ ...draft, noTaxArrears: event.target.checked })}
          />
          <span>{t('claims.noTaxArrears')}</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.notInLiquidation}
            onChange={(event) => setDraft({ ...draft, notInLiquidation: event.target.checked })}
          />
          <span>{t('claims.notInLiquidation')}</span>
        </label>
        <div className="form-grid">
          <Field
            label={t('claims.annualRevenue')}
            hint={t('claims.roublesHint')}
            errors={messages('annualRevenueKopecks')}
          >
            <input
              inputMode="decimal"
              value={draft.annualRevenue}
              onChange={(event) => setDraft({ ...draft, annualRevenue: event.target.value })}
            />
          </Field>
        </div>
      </section>
      <FormErrors messages={invalid.size ? [t('claims.fixAmounts')] : errors.rest(['lines'])} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('state.sending') : t('claims.saveDraft')}
        </button>
        <span className="muted small">{t('claims.saveHint')}</span>
      </div>
    </form>
  );
}

/**
 * The company's claim for the quarter, if it has one besides this (a rejected one aside): only one per
 * quarter can be submitted, so a second draft would end refused. Said as the quarter is chosen, with the
 * way to the claim there is.
 */
function ClaimOfQuarter({ period, claimId }: { period: string; claimId?: string }) {
  const { t, label } = useI18n();
  const quarter = /^\d{4}-Q[1-4]$/.test(period);
  const claims = useQuery({
    queryKey: ['subsidy', 'claims', 'of-quarter', period],
    queryFn: () => subsidy.list({ period, pageSize: 20 }),
    enabled: quarter,
  });
  const other = claims.data?.items.find((each) => each.id !== claimId && each.state !== 'rejected');
  if (!quarter || !other) return null;
  return (
    <p className="notice notice-warning" role="status">
      {t('claims.quarterTaken', { state: label('claimState', other.state) })}{' '}
      <Link to={`/claims/${other.id}`}>{t('claims.openQuarterClaim')}</Link>
    </p>
  );
}
