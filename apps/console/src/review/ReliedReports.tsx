import { Link, useLocation } from 'react-router-dom';
import type { ReportSide } from '../api/subsidy';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { formatDate, formatDecimal } from '../common/format';
import { Empty } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { SiteName } from '../registry/lookups';
import { periodLabel } from '../reports/periods';

/** The production reports the claim relies on: the accepted figures, every version, and what an approval relied on. */
export function ReliedReports({ reports }: { reports: ReportSide[] }) {
  const { t, label, locale, language } = useI18n();
  const { pathname } = useLocation();
  return (
    <section className="card" aria-labelledby="review-reports">
      <h2 id="review-reports">{t('review.reports')}</h2>
      {reports.length === 0 ? <Empty title={t('review.noReports')} /> : null}
      {reports.map((report) => (
        <div key={report.reportId} style={{ marginBottom: '1rem' }}>
          <h3>
            <Link to={`/reports/${report.reportId}`} state={{ back: pathname }}>
              {report.latestAccepted ? (
                <>
                  <SiteName facilityId={report.latestAccepted.facilityId} depositId={report.latestAccepted.depositId} />{' '}
                  · {periodLabel(report.latestAccepted.period, language)}
                </>
              ) : (
                <span className="mono">{report.reportId.slice(0, 8)}…</span>
              )}
            </Link>
          </h3>
          {!report.latestAccepted ? (
            <p className="notice notice-warning small">{t('review.reportNotAccepted')}</p>
          ) : null}
          {report.relied ? (
            <p className="small">
              {t('review.relied', {
                version: report.relied.version,
                metal: formatDecimal(report.relied.metalContentTonnes, locale),
              })}
            </p>
          ) : null}
          <DataTable<ReportSide['versions'][number]>
            rows={[...report.versions].sort((a, b) => b.version - a.version)}
            rowKey={(version) => String(version.version)}
            columns={[
              { header: t('reports.version'), cell: (version) => version.version },
              {
                header: t('common.status'),
                cell: (version) => <Badge tone={toneOf(version.state)}>{label('reportState', version.state)}</Badge>,
              },
              { header: t('common.date'), cell: (version) => formatDate(version.stateAt, locale), className: 'nowrap' },
              {
                header: t('review.metalTonnes'),
                cell: (version) => formatDecimal(version.metalContentTonnes, locale),
                numeric: true,
              },
              {
                header: t('review.quantityTonnes'),
                cell: (version) => formatDecimal(version.quantityTonnes, locale),
                numeric: true,
              },
            ]}
          />
        </div>
      ))}
    </section>
  );
}
