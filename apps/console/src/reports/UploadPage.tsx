import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { reporting, type UploadResult } from '../api/reporting';
import { Badge, toneOf } from '../common/Badge';
import { CsvColumns } from '../common/CsvColumns';
import { FileUpload } from '../common/FileUpload';
import { useI18n } from '../i18n/i18n';
import { useReasonText } from './reasons';
import { REPORT_CSV_COLUMNS } from '@redmet/contracts/vocabulary';

/** `line 7` is how production-reporting names a bad row of the file (the header is line 1). */
const rowOf = (field: string) => {
  const match = /^line (\d+)$/.exec(field);
  return match ? Number(match[1]) : null;
};

export function UploadPage() {
  const { t, label } = useI18n();
  const reasonText = useReasonText();
  const client = useQueryClient();
  return (
    <div>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/reports">{t('nav.reports')}</Link>
          </p>
          <h1>{t('reports.upload')}</h1>
          <p className="muted">{t('reports.uploadHint')}</p>
        </div>
      </div>
      <section className="card">
        <CsvColumns columns={REPORT_CSV_COLUMNS} fileName="redmet-report-lines.csv" />
        <FileUpload<UploadResult>
          send={async (file, onProgress, signal) => {
            const result = await reporting.upload(file, onProgress, signal);
            await client.invalidateQueries({ queryKey: ['reporting'] });
            return result;
          }}
          rowOf={rowOf}
          renderResult={(result) => (
            <div className="notice notice-success" role="status">
              <h3>{t('reports.uploadDone', { rows: result.rows, count: result.reports.length })}</h3>
              <ul>
                {result.reports.map((filing) => (
                  <li key={filing.reportId}>
                    <Link to={`/reports/${filing.reportId}`}>{t('reports.openReport')}</Link>{' '}
                    <Badge tone={toneOf(filing.state)}>{label('reportState', filing.state)}</Badge>
                    {filing.reasons.length ? (
                      <span className="small"> — {filing.reasons.map(reasonText).join('; ')}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          )}
        />
      </section>
    </div>
  );
}
