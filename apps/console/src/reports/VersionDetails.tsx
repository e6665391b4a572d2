import type { LineView, ReportVersion } from '../api/reporting';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { Facts } from '../common/Facts';
import { formatDateTime, formatDecimal } from '../common/format';
import { Empty } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { ProductName } from '../registry/lookups';
import { useReasonText } from './reasons';

/** One version of a report: its lines, why it was refused or waits, and the signed receipt. */
export function VersionDetails({ version, title }: { version: ReportVersion; title?: string }) {
  const { t, label, locale } = useI18n();
  const reasonText = useReasonText();
  return (
    <section className="card">
      <div className="card-head">
        <h2>{title ?? t('reports.versionOf', { version: version.version })}</h2>
        <Badge tone={toneOf(version.state)}>{label('reportState', version.state)}</Badge>
      </div>
      {version.amendmentReason ? (
        <p>
          <span className="muted">{t('reports.amendmentReason')}:</span> {version.amendmentReason}
        </p>
      ) : null}
      {version.reasons.length ? (
        <div className={`notice notice-${version.state === 'rejected' ? 'danger' : 'info'}`}>
          <ul>
            {version.reasons.map((reason, index) => (
              // One rule can be broken twice on a line (two amounts above the plausible): the order is the key.
              <li key={index}>
                {reason.lineNo ? `${t('reports.lineN', { n: reason.lineNo })}: ` : ''}
                {reasonText(reason)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {version.lines.length === 0 ? (
        <Empty title={t('reports.nilReturn')} />
      ) : (
        <DataTable<LineView>
          rows={version.lines}
          rowKey={(line) => String(line.lineNo)}
          columns={[
            { header: '#', cell: (line) => line.lineNo },
            { header: t('reports.product'), cell: (line) => <ProductName code={line.productCode} /> },
            {
              header: t('reports.quantity'),
              cell: (line) => `${formatDecimal(line.quantity, locale)} ${t(`unit.${line.unit}`)}`,
              numeric: true,
            },
            {
              header: t('reports.metalContentTonnes'),
              cell: (line) => formatDecimal(line.metalContentTonnes, locale),
              numeric: true,
            },
            {
              header: t('reports.domesticShipments'),
              cell: (line) => formatDecimal(line.domesticShipments, locale),
              numeric: true,
            },
            { header: t('reports.exports'), cell: (line) => formatDecimal(line.exports, locale), numeric: true },
          ]}
        />
      )}
      {version.receipt ? (
        <div style={{ marginTop: '1rem' }}>
          <Facts
            facts={[
              [t('reports.signedBy'), version.receipt.signedBy.name ?? version.receipt.signedBy.userId],
              [t('reports.submittedAt'), formatDateTime(version.receipt.submittedAt, locale)],
              [t('reports.decidedAt'), formatDateTime(version.decidedAt, locale)],
              [
                t('reports.sha256'),
                <span className="mono" style={{ wordBreak: 'break-all' }}>
                  {version.receipt.contentSha256}
                </span>,
              ],
            ]}
          />
        </div>
      ) : null}
    </section>
  );
}
