import { COST_CATEGORIES, type CostCategory } from '@redmet/contracts/vocabulary';
import type { Product } from '../api/registry';
import { Field } from '../common/Field';
import { useI18n } from '../i18n/i18n';
import { EMPTY_LINE, type LineDraft } from './claim-draft';

interface Props {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  products: Product[];
  /** Messages for `lines.<n>.<field>` (API field names: amountKopecks, policyPriceKopecks, ...). */
  messages: (field: string) => string[];
}

/** Claim lines: a cost (category, description, amount) or a discounted sale (product, quantity, both prices, buyer). */
export function ClaimLinesEditor({ lines, onChange, products, messages }: Props) {
  const { t } = useI18n();
  const update = (index: number, change: Partial<LineDraft>) =>
    onChange(lines.map((line, at) => (at === index ? { ...line, ...change } : line)));
  const text = (index: number, key: keyof LineDraft, apiField: string, label: string, hint?: string) => (
    <Field label={label} hint={hint} errors={messages(`lines.${index}.${apiField}`)}>
      <input
        name={`lines.${index}.${apiField}`}
        value={lines[index][key] as string}
        inputMode={['amount', 'policyPrice', 'invoicedPrice', 'quantity'].includes(key) ? 'decimal' : undefined}
        onChange={(event) => update(index, { [key]: event.target.value })}
      />
    </Field>
  );

  return (
    <div>
      {lines.map((line, index) => (
        <fieldset key={index}>
          <legend>{t('claims.lineN', { n: index + 1 })}</legend>
          <div className="form-grid">
            <Field label={t('claims.basis')} errors={messages(`lines.${index}.basis`)}>
              <select
                value={line.basis}
                onChange={(event) => update(index, { basis: event.target.value as LineDraft['basis'] })}
              >
                <option value="cost">{t('claims.basis.cost')}</option>
                <option value="discount">{t('claims.basis.discount')}</option>
              </select>
            </Field>
            {line.basis === 'cost' ? (
              <>
                <Field label={t('claims.category')} errors={messages(`lines.${index}.category`)}>
                  <select
                    value={line.category}
                    onChange={(event) => update(index, { category: event.target.value as CostCategory })}
                  >
                    {COST_CATEGORIES.map((category) => (
                      <option key={category} value={category}>
                        {t(`claims.category.${category}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                {text(index, 'description', 'description', t('claims.description'))}
                {text(index, 'amount', 'amountKopecks', t('claims.amount'), t('claims.roublesHint'))}
              </>
            ) : (
              <>
                <Field label={t('reports.product')} errors={messages(`lines.${index}.productCode`)}>
                  <select
                    value={line.productCode}
                    onChange={(event) => update(index, { productCode: event.target.value })}
                  >
                    <option value="">{t('reports.chooseProduct')}</option>
                    {products.map((product) => (
                      <option key={product.code} value={product.code}>
                        {product.name} ({product.code})
                      </option>
                    ))}
                  </select>
                </Field>
                {text(index, 'quantity', 'quantity', t('claims.quantity'))}
                {text(index, 'policyPrice', 'policyPriceKopecks', t('claims.policyPrice'), t('claims.perUnitHint'))}
                {text(
                  index,
                  'invoicedPrice',
                  'invoicedPriceKopecks',
                  t('claims.invoicedPrice'),
                  t('claims.perUnitHint'),
                )}
                {text(index, 'buyerName', 'buyerName', t('claims.buyer'))}
                {text(index, 'buyerInn', 'buyerInn', t('claims.buyerInn'))}
              </>
            )}
            {text(index, 'documentNumber', 'documentNumber', t('claims.documentNumber'))}
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => onChange(lines.filter((_, at) => at !== index))}
              aria-label={t('claims.removeLineN', { n: index + 1 })}
            >
              {t('action.remove')}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" className="button" onClick={() => onChange([...lines, { ...EMPTY_LINE }])}>
        {t('claims.addLine')}
      </button>
    </div>
  );
}
