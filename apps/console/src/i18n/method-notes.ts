import { formatDate } from '../common/format';
import { periodLabel } from '../reports/periods';
import type { Params } from './messages';
import type { MessageKey } from './ru';

type Translate = (key: MessageKey, params?: Params) => string;
type Language = 'ru' | 'en';

const periods = (list: string, language: Language) =>
  list
    .split(', ')
    .map((period) => periodLabel(period, language))
    .join(', ');

/**
 * The notes target-monitoring writes beside its figures (how a share is
 * computed, what a forecast assumes, which months lack customs figures; all
 * English). Like field messages they carry no codes, so a note is recognised
 * by its wording; one not listed is shown as the service wrote it.
 */
const KNOWN: [RegExp, MessageKey, ((match: RegExpExecArray, language: Language, locale: string) => Params)?][] = [
  [/^import dependence = imports ÷ apparent consumption; apparent consumption = /, 'note.importFormula'],
  [/^per product: tonnes of product; overall: tonnes of metal content /, 'note.importAggregation'],
  [
    /^customs figures cover (\d+) of the window's (\d+) months \(missing: ([^)]*)\)/,
    'note.customsCoverage',
    (match, language) => ({ months: match[1], of: match[2], missing: periods(match[3], language) }),
  ],
  [/^trailing 12-month value plus its change over the past year/, 'note.forecastMethod'],
  [/^tonnes of metal content of large-tonnage products/, 'note.outputLarge'],
  [/^tonnes of metal content of small-tonnage products/, 'note.outputSmall'],
  [/^output tonnes × configured reference price per product/, 'note.outputValue'],
  [/^no reference price, not counted: (.+)$/, 'note.unpriced', (match) => ({ codes: match[1] })],
  [/^products with domestic output > 0 in the window$/, 'note.criticalProducts'],
  [
    /^facilities first commissioned after (\d{4}-\d{2}-\d{2}), as the registry has them now$/,
    'note.newPlants',
    (match, _, locale) => ({ date: formatDate(match[1], locale) }),
  ],
  [
    /^(no accepted report or customs figure of|the baseline year \d{4} has no value).*the baseline is taken as 0/,
    'note.baselineZero',
  ],
  [/^latest accepted version of each report; quarterly figures spread evenly over their months$/, 'note.outputBasis'],
  [/^quantities in tonnes of product \(kilograms converted\); metal content in tonnes$/, 'note.outputUnits'],
  [/^a product with several elements counts under each of them$/, 'note.severalElements'],
  [/^from and to widened to whole quarters/, 'note.widenedToQuarters'],
  [/^from and to widened to whole years/, 'note.widenedToYears'],
];

/** A monitoring note in the console's language when its wording is known; the service's text otherwise. */
export function localizeNote(note: string, t: Translate, language: Language, locale: string): string {
  for (const [pattern, key, params] of KNOWN) {
    const match = pattern.exec(note);
    if (match) return t(key, params?.(match, language, locale));
  }
  return note;
}
