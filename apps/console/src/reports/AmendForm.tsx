import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type Filing, type Report, reporting } from '../api/reporting';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { FailedLookups } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { useProducts } from '../registry/lookups';
import { cleanLines, LinesEditor, lineContent } from './LinesEditor';

/** A new version with corrected lines and the reason; it is signed and checked at once. */
export function AmendForm({ report, onDone }: { report: Report; onDone: (filing: Filing | null) => void }) {
  const { t, language } = useI18n();
  const client = useQueryClient();
  const products = useProducts();
  const [lines, setLines] = useState(report.latest.lines.map(lineContent));
  const [reason, setReason] = useState('');
  const amend = useMutation({
    mutationFn: () =>
      reporting.amend(report.reportId, { lines: cleanLines(lines, language), amendmentReason: reason.trim() }),
    onSuccess: async (filing) => {
      await client.invalidateQueries({ queryKey: ['reporting'] });
      onDone(filing);
    },
  });
  const errors = useFormErrors(amend.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    amend.mutate();
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="amend-title">
      <h2 id="amend-title">{t('reports.amendTitle')}</h2>
      <p className="muted">{t('reports.amendHint')}</p>
      <FailedLookups lookups={[products]} />
      <LinesEditor lines={lines} onChange={setLines} products={products.data ?? []} errors={errors} />
      <Field label={t('reports.amendmentReason')} errors={errors.of('amendmentReason')}>
        <textarea name="amendmentReason" value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <FormErrors messages={errors.rest(['lines'])} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={amend.isPending}>
          {amend.isPending ? t('state.sending') : t('reports.signAndSubmit')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
