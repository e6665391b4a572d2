import type { MethodNoteCode, MethodNoteParams } from '@redmet/contracts/vocabulary';
import type { Note, WithheldShare } from '../api/monitoring';
import { formatDate, formatDecimal } from '../common/format';
import { periodLabel } from '../reports/periods';
import type { Params } from './messages';
import { type MessageKey, ru } from './ru';

type Translate = (key: MessageKey, params?: Params) => string;
type Language = 'ru' | 'en';

interface Context {
  t: Translate;
  language: Language;
  locale: string;
}

/** The figures and names of a note as the user reads them; a note without any has no entry. */
const PARAMS: { [C in MethodNoteCode]?: (params: MethodNoteParams[C], context: Context) => Params } = {
  'import_dependence.customs_coverage': ({ months, of, missing }, { language }) => ({
    months,
    of,
    missing: missing.map((month) => periodLabel(month, language)).join(', '),
  }),
  'share_withheld.customs_figures_unattributed': ({ hsCodes }) => ({ codes: hsCodes.join(', ') }),
  'share_withheld.no_apparent_consumption': ({ apparentConsumptionTonnes, tonnesOf }, { t, locale }) => ({
    consumption: formatDecimal(apparentConsumptionTonnes, locale),
    unit: t(`noteUnit.${tonnesOf}`),
  }),
  'share_withheld.exports_exceed_output': (params, { t, locale }) => ({
    exports: formatDecimal(params.exportsTonnes, locale),
    output: formatDecimal(params.outputTonnes, locale),
    quotient: formatDecimal(params.quotientPercent, locale),
    least: formatDecimal(params.leastPercent, locale),
    unit: t(`noteUnit.${params.tonnesOf}`),
  }),
  'target.unpriced_products': ({ productCodes }) => ({ codes: productCodes.join(', ') }),
  'target.new_plants': ({ after }, { locale }) => ({ date: formatDate(after, locale) }),
  'target.share_withheld': ({ withheld }, context) => ({ withheld: worded(withheld, context) }),
  'target.baseline_unobserved': ({ year }) => ({ year }),
  'target.baseline_withheld': ({ year, withheld }, context) => ({ year, withheld: worded(withheld, context) }),
};

const known = (code: string): code is MethodNoteCode => `note.${code}` in ru;

function worded(note: Note, context: Context): string {
  // A withheld share stated before shares carried their parameters has nothing to word the figures from.
  if (!known(note.code) || !note.params) return note.text;
  const params = PARAMS[note.code] as ((params: unknown, context: Context) => Params) | undefined;
  const key: MessageKey = `note.${note.code}`;
  return context.t(key, params?.(note.params, context));
}

/**
 * A note target-monitoring writes beside its figures (how a share is computed,
 * why one is withheld, what a forecast assumes), in the console's language by
 * its code; a code this console does not know yet is shown as the service's
 * English.
 */
export function localizeNote(note: Note, t: Translate, language: Language, locale: string): string {
  return worded(note, { t, language, locale });
}

/** Why a share is withheld, as a note: its reason is its code. */
export const withheldNote = ({ reason, note, params }: WithheldShare): Note => ({
  code: `share_withheld.${reason}`,
  params,
  text: note,
});
