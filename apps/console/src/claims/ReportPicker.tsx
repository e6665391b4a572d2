import { useQuery } from '@tanstack/react-query';
import { allPages } from '../api/registry';
import { reporting } from '../api/reporting';
import { Empty, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { SiteName } from '../registry/lookups';
import { periodLabel, quarterOf } from '../reports/periods';

/**
 * The company's reports of the claim's quarter with an accepted version, to tick the ones the claim relies on:
 * an amendment rejected or still pending leaves the accepted version standing, and the claim relies on that.
 */
export function ReportPicker({
  period,
  selected,
  onChange,
}: {
  period: string;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t, language } = useI18n();
  const reports = useQuery({
    queryKey: ['reporting', 'reports', 'with-accepted-version', 'all'],
    queryFn: () => allPages((page) => reporting.list({ accepted: true, page, pageSize: 200 })),
  });
  const quarter = quarterOf(period.trim());
  return (
    <QueryView query={reports}>
      {(all) => {
        const fitting = all.filter(
          (report) => quarterOf(report.period) === quarter || selected.includes(report.reportId),
        );
        if (fitting.length === 0)
          return (
            <Empty
              title={t('claims.noAcceptedReports', { period: quarter ? periodLabel(quarter, language) : period })}
            />
          );
        return (
          <ul className="plain-list">
            {fitting.map((report) => (
              <li key={report.reportId}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={selected.includes(report.reportId)}
                    onChange={(event) =>
                      onChange(
                        event.target.checked
                          ? [...selected, report.reportId]
                          : selected.filter((id) => id !== report.reportId),
                      )
                    }
                  />
                  <span>
                    <SiteName facilityId={report.facilityId} depositId={report.depositId} /> ·{' '}
                    {periodLabel(report.period, language)}{' '}
                    <span className="muted small">
                      {t('reports.versionOf', { version: report.acceptedVersion ?? report.latestVersion })}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        );
      }}
    </QueryView>
  );
}
