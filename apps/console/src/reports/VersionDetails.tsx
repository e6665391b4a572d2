import type { ReportVersion } from '../api/reporting';
import { Badge, toneOf } from '../common/Badge';
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
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('reports.product')}</th>
                <th scope="col" className="num">
                  {t('reports.quantity')}
                </th>
                <th scope="col" className="num">
                  {t('reports.metalContentTonnes')}
                </th>
                <th scope="col" className="num">
                  {t('reports.domesticShipments')}
                </th>
                <th scope="col" className="num">
                  {t('reports.exports')}
                </th>
              </tr>
            </thead>
            <tbody>
              {version.lines.map((line) => (
                <tr key={line.lineNo}>
                  <td>{line.lineNo}</td>
                  <td>
                    <ProductName code={line.productCode} />
                  </td>
                  <td className="num">
                    {formatDecimal(line.quantity, locale)} {t(`unit.${line.unit}`)}
                  </td>
                  <td className="num">{formatDecimal(line.metalContentTonnes, locale)}</td>
                  <td className="num">{formatDecimal(line.domesticShipments, locale)}</td>
                  <td className="num">{formatDecimal(line.exports, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {version.receipt ? (
        <dl className="facts" style={{ marginTop: '1rem' }}>
          <div>
            <dt>{t('reports.signedBy')}</dt>
            <dd>{version.receipt.signedBy.name ?? version.receipt.signedBy.userId}</dd>
          </div>
          <div>
            <dt>{t('reports.submittedAt')}</dt>
            <dd>{formatDateTime(version.receipt.submittedAt, locale)}</dd>
          </div>
          <div>
            <dt>{t('reports.decidedAt')}</dt>
            <dd>{formatDateTime(version.decidedAt, locale)}</dd>
          </div>
          <div>
            <dt>{t('reports.sha256')}</dt>
            <dd className="mono" style={{ wordBreak: 'break-all' }}>
              {version.receipt.contentSha256}
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
