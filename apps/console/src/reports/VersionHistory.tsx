import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReportState } from '@redmet/contracts/vocabulary';
import { reporting } from '../api/reporting';
import { Badge, toneOf } from '../common/Badge';
import { formatDateTime } from '../common/format';
import { Pagination } from '../common/Pagination';
import { QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { VersionDetails } from './VersionDetails';

const PAGE_SIZE = 10;

/**
 * Every version, newest first: amendments replace the figures, never add to them. Read again when the latest
 * version is decided (`latestState`), as the page learns by asking for the report, so both say the same.
 */
export function VersionHistory({
  reportId,
  latest,
  latestState,
}: {
  reportId: string;
  latest: number;
  latestState: ReportState;
}) {
  const { t, label, locale } = useI18n();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const versions = useQuery({
    queryKey: ['reporting', 'report', reportId, 'versions', latest, latestState],
    queryFn: () => reporting.versions(reportId),
  });
  return (
    <section className="card" aria-labelledby="report-versions">
      <h2 id="report-versions">{t('reports.versions')}</h2>
      <QueryView query={versions}>
        {(all) => {
          const sorted = [...all].sort((a, b) => b.version - a.version);
          const shown = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
          return (
            <>
              <ol className="timeline">
                {shown.map((version) => (
                  <li key={version.version} className={version.version === latest ? 'is-current' : undefined}>
                    <div>
                      <strong>{t('reports.versionOf', { version: version.version })}</strong>{' '}
                      <Badge tone={toneOf(version.state)}>{label('reportState', version.state)}</Badge>{' '}
                      <span className="muted small">
                        {formatDateTime(version.receipt?.submittedAt ?? version.decidedAt, locale)}
                      </span>
                    </div>
                    {version.supersedesVersion ? (
                      <div className="small">
                        {t('reports.supersedes', { version: version.supersedesVersion })}
                        {version.amendmentReason ? ` — ${version.amendmentReason}` : ''}
                      </div>
                    ) : null}
                    <button
                      type="button"
                      className="link-button small"
                      aria-expanded={open === version.version}
                      onClick={() => setOpen(open === version.version ? null : version.version)}
                    >
                      {open === version.version ? t('action.hide') : t('reports.showLines')}
                    </button>
                    {open === version.version ? <VersionDetails version={version} /> : null}
                  </li>
                ))}
              </ol>
              <Pagination page={page} pageSize={PAGE_SIZE} total={sorted.length} onPage={setPage} />
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
