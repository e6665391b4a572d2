import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { ReportLineFigures } from '@redmet/contracts/vocabulary';
import { type Filing, type Report, reporting } from '../api/reporting';
import { useAuth } from '../auth/AuthProvider';
import { Field, FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { formatDate } from '../common/format';
import { Empty, FailedLookups, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { closedOn } from '@redmet/contracts/vocabulary';
import { useProducts } from '../registry/lookups';
import { cleanLines, EMPTY_LINE, LinesEditor, lineContent } from './LinesEditor';
import { recentQuarters } from './periods';
import { handedOverOn, notRunningIn, sitesFor } from './site-choice';
import { type Site, siteKey, useCompanySites } from './sites';

interface Draft {
  site: string;
  period: string;
  lines: ReportLineFigures[];
}

/** A new report, or a draft being finished (`/reports/:id/edit`). */
export function ReportFormPage() {
  const { reportId } = useParams();
  const [params] = useSearchParams();
  const existing = useQuery({
    queryKey: ['reporting', 'report', reportId],
    queryFn: () => reporting.get(reportId as string),
    enabled: !!reportId,
  });
  if (!reportId) {
    const start = {
      site: siteKey(params.get('facilityId'), params.get('depositId')),
      period: params.get('period') ?? '',
      lines: [{ ...EMPTY_LINE }],
    };
    return <ReportForm initial={start} />;
  }
  return (
    <QueryView query={existing}>{(report) => <ReportForm initial={draftOf(report)} reportId={reportId} />}</QueryView>
  );
}

function draftOf(report: Report): Draft {
  return {
    site: siteKey(report.facilityId, report.depositId),
    period: report.period,
    lines: report.latest.lines.map(lineContent),
  };
}

function ReportForm({ initial, reportId }: { initial: Draft; reportId?: string }) {
  const { t, locale, language } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const sites = useCompanySites(user?.companyId);
  const products = useProducts();
  const [draft, setDraft] = useState<Draft>(initial);

  const save = useMutation({
    mutationFn: async (submit: boolean): Promise<Filing | Report> => {
      const [kind, id] = draft.site.split(':');
      const content = {
        ...(kind === 'facility' ? { facilityId: id } : kind === 'deposit' ? { depositId: id } : {}),
        period: draft.period.trim(),
        lines: cleanLines(draft.lines, language),
      };
      if (!reportId) return reporting.create({ ...content, submit });
      const saved = await reporting.updateDraft(reportId, content);
      return submit ? reporting.submit(reportId) : saved;
    },
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['reporting'] });
      const filing = 'receipt' in result && !('latest' in result) ? result : undefined;
      navigate(`/reports/${result.reportId}`, { state: filing ? { filing } : undefined });
    },
  });
  const errors = useFormErrors(save.error);
  const sentSite = [...new Set([...errors.of('facilityId'), ...errors.of('depositId')])];
  // With no site chosen no id was sent: what the service says of the ids is said as the choice to make.
  const siteErrors = !draft.site && sentSite.length ? [t('reports.siteRequired')] : sentSite;
  // Plants are offered for the periods they ran in: the service takes no output of a plant closed or not yet running.
  const companyId = user?.companyId ?? '';
  const offered = sitesFor(sites.data ?? [], draft.period, companyId, draft.site);
  const hidden = (sites.data?.length ?? 0) - offered.length;
  const idle = notRunningIn(
    offered.find((site) => site.key === draft.site),
    draft.period,
    companyId,
  );
  const siteHint = !idle
    ? hidden > 0
      ? t('reports.sitesOfPeriod')
      : undefined
    : idle.reason === 'notCommissioned'
      ? t('reports.siteNotCommissioned')
      : idle.reason === 'operatedByAnother'
        ? t('reports.siteOperatedByAnother')
        : t(idle.reason === 'closed' ? 'reports.siteClosedBefore' : 'reports.siteCommissionedLater', {
            date: formatDate(idle.on, locale),
          });
  const siteName = (site: Site) => {
    const name = `${t(`reports.siteKind.${site.kind}`)}: ${site.name}`;
    if (!site.facility) return name;
    const handedOver = handedOverOn(site.facility, companyId);
    if (handedOver) return t('reports.siteHandedOverOn', { name, date: formatDate(handedOver, locale) });
    const closed = closedOn(site.facility);
    return closed ? t('reports.siteClosedOn', { name, date: formatDate(closed, locale) }) : name;
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    save.mutate(submitter?.value === 'submit');
  }

  if (!user?.companyId) return <Empty title={t('company.noCompany')} />;
  return (
    <form onSubmit={submit} noValidate>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/reports">{t('nav.reports')}</Link>
          </p>
          <h1>{reportId ? t('reports.editDraft') : t('reports.new')}</h1>
          <p className="muted">{t('reports.formHint')}</p>
        </div>
      </div>
      <section className="card">
        <FailedLookups lookups={[sites, products]} />
        <div className="form-grid">
          <Field label={t('reports.site')} hint={siteHint} errors={siteErrors} className="field-wide">
            <select
              name="site"
              value={draft.site}
              onChange={(event) => setDraft({ ...draft, site: event.target.value })}
              disabled={!!reportId}
            >
              <option value="">{sites.isPending ? t('state.loading') : t('reports.chooseSite')}</option>
              {offered.map((site) => (
                <option key={site.key} value={site.key}>
                  {siteName(site)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('reports.period')} hint={t('reports.periodHint')} errors={errors.of('period')}>
            <input
              name="period"
              list="recent-periods"
              value={draft.period}
              placeholder="2026-Q1"
              disabled={!!reportId}
              onChange={(event) => setDraft({ ...draft, period: event.target.value })}
            />
          </Field>
          <datalist id="recent-periods">
            {recentQuarters(6).map((quarter) => (
              <option key={quarter} value={quarter} />
            ))}
          </datalist>
        </div>
      </section>
      <section className="card" aria-labelledby="report-lines">
        <h2 id="report-lines">{t('reports.lines')}</h2>
        {errors.of('lines').length ? <FormErrors messages={errors.of('lines')} /> : null}
        <LinesEditor
          lines={draft.lines}
          onChange={(lines) => setDraft({ ...draft, lines })}
          products={products.data ?? []}
          errors={errors}
        />
      </section>
      <FormErrors messages={errors.rest(['lines'])} />
      <div className="form-actions">
        <button type="submit" name="action" value="draft" className="button" disabled={save.isPending}>
          {t('reports.saveDraft')}
        </button>
        <button type="submit" name="action" value="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('state.sending') : t('reports.signAndSubmit')}
        </button>
        <span className="muted small">{t('reports.signNote')}</span>
      </div>
    </form>
  );
}
