import { type ReportLineFigures, TONNAGE_CLASSES, type Unit, UNITS } from '@redmet/contracts/vocabulary';
import type { Product } from '../api/registry';
import type { LineView } from '../api/reporting';
import { Field } from '../common/Field';
import { normaliseDecimal } from '../common/format';
import type { FormErrorView } from '../common/form-errors';
import { type Language, useI18n } from '../i18n/i18n';

export const EMPTY_LINE: ReportLineFigures = {
  productCode: '',
  quantity: '',
  unit: 't',
  metalContentTonnes: '',
  domesticShipments: '0',
  exports: '0',
};

const AMOUNTS = ['quantity', 'metalContentTonnes', 'domesticShipments', 'exports'] as const;

/** Decimals as people type them in the console's language (`1 250,5`, `1,250.5`) in the API's form (`1250.5`). */
export const cleanLines = (lines: ReportLineFigures[], language: Language): ReportLineFigures[] =>
  lines.map((line) => ({
    ...line,
    ...Object.fromEntries(AMOUNTS.map((field) => [field, normaliseDecimal(line[field], language)])),
  }));

/** The editable part of a line the service sent back. */
export const lineContent = ({
  productCode,
  quantity,
  unit,
  metalContentTonnes,
  domesticShipments,
  exports,
}: LineView): ReportLineFigures => ({
  productCode,
  quantity,
  unit,
  metalContentTonnes,
  domesticShipments,
  exports,
});

interface Props {
  lines: ReportLineFigures[];
  onChange: (lines: ReportLineFigures[]) => void;
  products: Product[];
  errors: FormErrorView;
  /** Messages the acceptance rules gave per line number (1-based), shown with the line. */
  lineReasons?: Map<number, string[]>;
}

/** Report lines: a product from the catalogue (its unit follows), the quantities as decimals. */
export function LinesEditor({ lines, onChange, products, errors, lineReasons }: Props) {
  const { t } = useI18n();
  const byClass = (tonnageClass: 'large' | 'small') =>
    products.filter((product) => product.tonnageClass === tonnageClass);
  const update = (index: number, change: Partial<ReportLineFigures>) =>
    onChange(lines.map((line, at) => (at === index ? { ...line, ...change } : line)));
  // An empty picker sent an empty code: what the service says of the code's format is said as the choice to make.
  const productErrors = (line: ReportLineFigures, index: number) => {
    const said = errors.of(`lines.${index}.productCode`);
    return !line.productCode && said.length ? [t('reports.productRequired')] : said;
  };
  const amount = (line: ReportLineFigures, index: number, field: (typeof AMOUNTS)[number]) => (
    <Field label={t(`reports.${field}`)} errors={errors.of(`lines.${index}.${field}`)}>
      <input
        name={`lines.${index}.${field}`}
        inputMode="decimal"
        value={line[field]}
        onChange={(event) => update(index, { [field]: event.target.value })}
      />
    </Field>
  );

  return (
    <div>
      {lines.length === 0 ? <p className="muted">{t('reports.nilReturn')}</p> : null}
      {lines.map((line, index) => (
        <div className="line-row" key={index} role="group" aria-label={t('reports.lineN', { n: index + 1 })}>
          <Field
            label={t('reports.product')}
            errors={[...productErrors(line, index), ...(lineReasons?.get(index + 1) ?? [])]}
          >
            <select
              name={`lines.${index}.productCode`}
              value={line.productCode}
              onChange={(event) => {
                const product = products.find((candidate) => candidate.code === event.target.value);
                update(index, { productCode: event.target.value, unit: product?.unit ?? line.unit });
              }}
            >
              <option value="">{t('reports.chooseProduct')}</option>
              {TONNAGE_CLASSES.map((tonnageClass) => (
                <optgroup key={tonnageClass} label={t(`tonnage.${tonnageClass}`)}>
                  {byClass(tonnageClass).map((product) => (
                    <option key={product.code} value={product.code}>
                      {product.name} ({product.code}, HS {product.hsCode})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          {amount(line, index, 'quantity')}
          <Field label={t('reports.unit')} errors={errors.of(`lines.${index}.unit`)}>
            <select
              name={`lines.${index}.unit`}
              value={line.unit}
              onChange={(event) => update(index, { unit: event.target.value as Unit })}
            >
              {UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`unit.${unit}`)}
                </option>
              ))}
            </select>
          </Field>
          {amount(line, index, 'metalContentTonnes')}
          {amount(line, index, 'domesticShipments')}
          {amount(line, index, 'exports')}
          <button
            type="button"
            className="button button-small button-danger line-remove"
            onClick={() => onChange(lines.filter((_, at) => at !== index))}
            aria-label={t('reports.removeLineN', { n: index + 1 })}
          >
            {t('action.remove')}
          </button>
        </div>
      ))}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => onChange([...lines, { ...EMPTY_LINE }])}>
          {t('reports.addLine')}
        </button>
      </div>
    </div>
  );
}
