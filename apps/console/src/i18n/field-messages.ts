import type { Params } from './messages';
import type { MessageKey } from './ru';

type Translate = (key: MessageKey, params?: Params) => string;

/**
 * The services' validation messages (class-validator's defaults and the
 * platform's own wording, all English) that the console words itself. The
 * problem body carries only the text, so a message is recognised by its
 * wording; anything not listed is shown as the service wrote it.
 */
const KNOWN: [RegExp, MessageKey, ((match: RegExpExecArray) => Params)?][] = [
  [/ (should not be empty|must not be blank|must be longer than or equal to 1 characters)$/, 'fieldMessage.required'],
  [/ must be a non-negative decimal( string)? with at most 6 decimals/, 'fieldMessage.decimal'],
  [/ must be an email$/, 'fieldMessage.email'],
  [/ must be a URL address$/, 'fieldMessage.url'],
  [/ must be longer than or equal to (\d+) characters$/, 'fieldMessage.minLength', (match) => ({ count: match[1] })],
  [/ must be shorter than or equal to (\d+) characters$/, 'fieldMessage.maxLength', (match) => ({ count: match[1] })],
  [/ must be a valid ISO 8601 date string$/, 'fieldMessage.dateTime'],
  // Typed dates and periods are of the years 1900–2199, which some messages add.
  [/ must be a (date written YYYY-MM-DD|real calendar date)(,? of the years \S+)?$/, 'fieldMessage.date'],
  [/ must be a quarter \(YYYY-Qn\)(,? of the years \S+)?$/, 'fieldMessage.quarter'],
  [/ must be a month \(YYYY-MM\) or a quarter \(YYYY-Qn\)(,? of the years \S+)?$/, 'reports.periodInvalid'],
  [/ must be a Russian INN/, 'fieldMessage.inn'],
  [/ must be above zero$/, 'fieldMessage.aboveZero'],
  [/ must be one of (the following values)?:/, 'fieldMessage.oneOf'],
  [/ must be an? (non-negative )?(whole|integer) (number|amount) of kopecks/, 'fieldMessage.kopecks'],
  [/^flow must be import or export$/, 'fieldMessage.flow'],
  [/ must be YYYY-MM, YYYY-Qn or YYYY(,? of the years \S+)?$/, 'fieldMessage.statPeriod'],
  [/ must be a UUID$/, 'fieldMessage.uuid'],
  [/^name a rule, a subject or both$/, 'fieldMessage.silenceTarget'],
  [/^endsAt must come after startsAt$/, 'fieldMessage.silenceOrder'],
  [/ is already subscribed$/, 'fieldMessage.alreadySubscribed'],
  [/^Product (\S+) is not in the catalogue/, 'fieldMessage.unknownProduct', (match) => ({ code: match[1] })],
  [/^Say why the amount is reduced$/, 'problem.CLAIM.REDUCTION_REASON_REQUIRED'],
  [/ must be a positive whole number of kopecks/, 'fieldMessage.aboveZero'],
  // The amounts the services name are in kopecks: the field's hint already says how much, in roubles.
  [/^\d+ kopecks is more than the \d+ kopecks outstanding$/, 'problem.CLAWBACK.OVERPAYMENT'],
  [/^\d+ kopecks is more than the \d+ kopecks refund due$/, 'problem.CLAWBACK.OVER_REFUND'],
  [
    /^A (repayment|refund) with reference .* is already recorded for this claim$/,
    'problem.CLAWBACK.DUPLICATE_REFERENCE',
  ],
  [/ must not be after today \(\S+\)$/, 'problem.PAYMENT.DATE_IN_FUTURE'],
  [/ must not be before the subsidy was paid \(\S+\)$/, 'problem.CLAWBACK.REPAID_BEFORE_PAYMENT'],
];

/**
 * A field message in the console's language when its wording is known; the
 * service's text otherwise. Under a form's input the property the message
 * names is dropped (the field says it); `keepProperty` keeps it (`quantity: …`)
 * where nothing else names the column, as in a bad CSV row.
 */
export function localizeFieldMessage(message: string, t: Translate, keepProperty = false): string {
  for (const [pattern, key, params] of KNOWN) {
    const match = pattern.exec(message);
    if (!match) continue;
    const property = message.slice(0, match.index).trim();
    const text = t(key, params?.(match));
    return keepProperty && property ? `${property}: ${text}` : text;
  }
  return message;
}
