import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/i18n';
import { DueCard } from './DueCard';
import { ReportHistory } from './ReportHistory';

/** A producer's reporting: what is due or overdue, then every report filed. */
export function ReportsPage() {
  const { t } = useI18n();
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.reports')}</h1>
          <p className="muted">{t('reports.subtitle')}</p>
        </div>
        <div className="page-actions">
          <Link className="button" to="/reports/upload">
            {t('reports.upload')}
          </Link>
          <Link className="button button-primary" to="/reports/new">
            {t('reports.new')}
          </Link>
        </div>
      </div>
      <DueCard list="dueSoon" />
      <DueCard list="overdue" />
      <ReportHistory />
    </div>
  );
}
