import { type Language, useI18n } from '../i18n/i18n';

/**
 * Excel reads and saves CSV with the separator of the computer's regional settings: `;` wherever the
 * decimal separator is a comma, as in Russian. A template in commas opens there as one column. The
 * services read either separator.
 */
const SEPARATORS: Record<Language, string> = { ru: ';', en: ',' };

/** The columns an upload takes, and a template in the form the user's Excel opens as a table. */
export function CsvColumns({ columns, fileName }: { columns: readonly string[]; fileName: string }) {
  const { t, language } = useI18n();
  const header = columns.join(SEPARATORS[language]);
  // Excel takes a file without a byte-order mark for the computer's code page, not UTF-8.
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${header}\r\n`)}`;
  return (
    <p>
      {t('reports.uploadColumns')} <code className="mono csv-columns">{header}</code>{' '}
      <a href={template} download={fileName}>
        {t('reports.uploadTemplate')}
      </a>
    </p>
  );
}
