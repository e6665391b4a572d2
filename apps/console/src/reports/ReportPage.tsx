import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { type Filing, type Report, reporting } from '../api/reporting';
import { useAuth } from '../auth/AuthProvider';
import { Badge, toneOf } from '../common/Badge';
import { FormErrors } from '../common/Field';
import { useFormErrors } from '../common/form-errors';
import { QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { SiteName } from '../registry/lookups';
import { AmendForm } from './AmendForm';
import { FilingNotice } from './FilingNotice';
import { periodLabel } from './periods';
import { VersionDetails } from './VersionDetails';
import { VersionHistory } from './VersionHistory';

/** States that the acceptance rules have not finished with: the page asks again until they have. */
const UNDECIDED = ['submitted', 'pending'];
/** The service amends only a decided version: a waiting one is decided first, a draft is changed instead. */
const AMENDABLE = ['accepted', 'rejected'];

export function ReportPage() {
  const { reportId } = useParams() as { reportId: string };
  const report = useQuery({
    queryKey: ['reporting', 'report', reportId],
    queryFn: () => reporting.get(reportId),
    refetchInterval: (query) => (query.state.data && UNDECIDED.includes(query.state.data.state) ? 2000 : false),
  });
  return <QueryView query={report}>{(data) => <ReportView report={data} />}</QueryView>;
}

function ReportView({ report }: { report: Report }) {
  const { t, label, language } = useI18n();
  const { user, hasRole } = useAuth();
  const client = useQueryClient();
  const location = useLocation();
  const [filing, setFiling] = useState<Filing | undefined>((location.state as { filing?: Filing } | null)?.filing);
  const back = (location.state as { back?: string } | null)?.back;
  const [amending, setAmending] = useState(false);
  const ownsIt = user?.roles.includes('producer') && user.companyId === report.companyId;

  const submit = useMutation({
    mutationFn: () => reporting.submit(report.reportId),
    onSuccess: async (result) => {
      setFiling(result);
      await client.invalidateQueries({ queryKey: ['reporting'] });
    },
  });
  const submitErrors = useFormErrors(submit.error);
  // The notice follows the report: once decided, the latest state replaces what the submission said.
  const shown =
    filing && filing.version === report.latestVersion
      ? { ...filing, state: report.state, reasons: report.latest.reasons }
      : undefined;

  return (
    <div>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            {/* Staff come from a claim and cannot open the producers' list of reports: they go back to the claim. */}
            {back ? (
              <Link to={back}>{t('nav.review')}</Link>
            ) : hasRole('producer') ? (
              <Link to="/reports">{t('nav.reports')}</Link>
            ) : null}
          </p>
          <h1>
            <SiteName facilityId={report.facilityId} depositId={report.depositId} /> ·{' '}
            {periodLabel(report.period, language)}
          </h1>
          <p>
            <Badge tone={toneOf(report.state)}>{label('reportState', report.state)}</Badge>{' '}
            <span className="muted">{t('reports.versionOf', { version: report.latestVersion })}</span>
          </p>
        </div>
        {ownsIt ? (
          <div className="page-actions">
            {report.state === 'draft' ? (
              <>
                <Link className="button" to={`/reports/${report.reportId}/edit`}>
                  {t('reports.editDraft')}
                </Link>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={submit.isPending}
                  onClick={() => submit.mutate()}
                >
                  {t('reports.signAndSubmit')}
                </button>
              </>
            ) : AMENDABLE.includes(report.state) ? (
              <button type="button" className="button" onClick={() => setAmending(true)} disabled={amending}>
                {t('reports.amend')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <FormErrors messages={submitErrors.rest()} />
      {shown ? <FilingNotice filing={shown} /> : null}
      {amending ? (
        <AmendForm
          report={report}
          onDone={(result) => {
            setAmending(false);
            if (result) setFiling(result);
          }}
        />
      ) : null}
      <VersionDetails version={report.latest} title={t('reports.latestVersion')} />
      <VersionHistory reportId={report.reportId} latest={report.latestVersion} latestState={report.state} />
    </div>
  );
}
