import { FACILITY_STATUSES, type FacilityStatus } from '@redmet/contracts/vocabulary';
import { formatDate, formatDecimal, formatKopecks } from '../common/format';
import { periodLabel } from '../reports/periods';
import type { Params } from './messages';
import type { MessageKey } from './ru';

type Translate = (key: MessageKey, params?: Params) => string;

/** A unit as the services write it (`t`, `kg`) in the user's words. */
const unitIn = (unit: string, t: Translate) => (unit === 't' || unit === 'kg' ? t(`unit.${unit}`) : unit);

/** A facility status as the registry writes it (`under_construction`) in the user's words. */
const facilityStatusIn = (status: string, t: Translate) =>
  (FACILITY_STATUSES as readonly string[]).includes(status) ? t(`facilityStatus.${status as FacilityStatus}`) : status;

/**
 * The services' messages (class-validator's defaults, the platform's own
 * wording, and the reasons a claim or report is refused, `<code>: <text>`; all
 * English) that the console words itself. The problem body carries only the
 * text, so a message is recognised by its wording; anything not listed is
 * shown as the service wrote it.
 */
const KNOWN: [RegExp, MessageKey, ((match: RegExpExecArray, locale: string, t: Translate) => Params)?][] = [
  // Why a claim cannot be submitted: `<code>: <message>`, from the eligibility check and a refused submission.
  [/^CLAIM\.COMPANY_NOT_ACTIVE: /, 'eligibility.companyNotActive'],
  [/^CLAIM\.NO_VALID_LICENCE_OR_FACILITY: /, 'eligibility.noLicenceOrFacility'],
  [/^CLAIM\.DECLARATION_MISSING: .*arrears/, 'eligibility.noTaxArrears'],
  [/^CLAIM\.DECLARATION_MISSING: .*liquidation/, 'eligibility.notInLiquidation'],
  [
    /^CLAIM\.REVENUE_TOO_LOW: .* at least (\S+) × the subsidy: (\d+) kopecks/,
    'eligibility.revenueTooLow',
    (match, locale) => ({ multiple: formatDecimal(match[1], locale), amount: formatKopecks(match[2], locale) }),
  ],
  [/^CLAIM\.NO_REPORTS: /, 'eligibility.noReports'],
  [/^CLAIM\.REPORT_NOT_ACCEPTED: /, 'eligibility.reportNotAccepted'],
  [/^CLAIM\.REPORT_OF_ANOTHER_COMPANY: /, 'eligibility.reportOfAnotherCompany'],
  [
    /^CLAIM\.REPORT_OF_ANOTHER_PERIOD: Report \S+ covers (\S+),/,
    'eligibility.reportOfAnotherPeriod',
    (match, locale) => ({ period: periodLabel(match[1], locale.startsWith('ru') ? 'ru' : 'en') }),
  ],
  [
    /^CLAIM\.AFTER_CUTOFF: .* closed on (\S+)$/,
    'eligibility.afterCutoff',
    (match, locale) => ({ date: formatDate(match[1], locale) }),
  ],
  [/^CLAIM\.ALREADY_CLAIMED_THIS_QUARTER: /, 'eligibility.alreadyClaimed'],
  [/^CLAIM\.NO_LINES: /, 'eligibility.noLines'],
  [
    /^CLAIM\.INVOICE_ALREADY_CLAIMED: Document (.+) is already claimed in claim /,
    'eligibility.documentClaimed',
    (match) => ({ number: match[1] }),
  ],
  [/^CLAIM\.INVOICE_ALREADY_CLAIMED: /, 'eligibility.documentJustClaimed'],
  [
    /^CLAIM\.PRODUCT_NOT_ELIGIBLE: (\S+) is not an eligible product/,
    'eligibility.productNotEligible',
    (match) => ({ code: match[1] }),
  ],
  [/^CLAIM\.NOTHING_REQUESTED: .*cap for the year/, 'eligibility.capUsedUp'],
  [/^CLAIM\.NOTHING_REQUESTED: /, 'eligibility.nothingCompensable'],
  // Why a report version was rejected or waits: `<code>: <message>`, as the console puts the reasons.
  [
    /^REPORT\.PERIOD_NOT_ENDED: .* ends on (\S+);/,
    'reportReason.periodNotEnded',
    (match, locale) => ({ end: formatDate(match[1], locale) }),
  ],
  [
    /^REPORT\.REGISTRY_DATA_MISSING: .* after (\d+) days of waiting$/,
    'reportReason.registryDataMissing',
    (match) => ({ days: match[1] }),
  ],
  [/^REPORT\.COMPANY_UNKNOWN: /, 'reportReason.companyUnknown'],
  [/^REPORT\.FACILITY_UNKNOWN: /, 'reportReason.facilityUnknown'],
  [/^REPORT\.DEPOSIT_UNKNOWN: /, 'reportReason.depositUnknown'],
  [/^REPORT\.LICENCE_UNKNOWN: /, 'reportReason.licenceUnknown'],
  [/^REPORT\.NOT_OPERATOR: /, 'reportReason.notOperator'],
  [/^REPORT\.SITE_MISMATCH: /, 'reportReason.siteMismatch'],
  [/^REPORT\.FACILITY_NOT_OPERATING: /, 'reportReason.facilityNotOperating'],
  [
    /^REPORT\.LICENCE_NOT_ACTIVE: Licence (.+) was not in force/,
    'reportReason.licenceNotActive',
    (match) => ({ number: match[1] }),
  ],
  [/^REPORT\.PERIOD_ALREADY_REPORTED: .*by another company/, 'reportReason.reportedByOther'],
  [
    /^REPORT\.PRODUCT_NOT_AT_SITE: Facility \S+ is not registered as making (\S+)$/,
    'reportReason.productNotAtFacility',
    (match) => ({ code: match[1] }),
  ],
  [
    /^REPORT\.PRODUCT_NOT_AT_SITE: Deposit \S+ holds none of the metals (\S+) is made of$/,
    'reportReason.productNotAtDeposit',
    (match) => ({ code: match[1] }),
  ],
  [/^facility \S+ is operated by another company$/, 'fieldMessage.facilityOfAnotherCompany'],
  [/^deposit \S+ is licensed to another company$/, 'fieldMessage.depositOfAnotherCompany'],
  [/^REPORT\.PERIOD_ALREADY_REPORTED: /, 'reportReason.alreadyReported'],
  [/^REPORT\.PRODUCT_UNKNOWN: Product (\S+) /, 'fieldMessage.unknownProduct', (match) => ({ code: match[1] })],
  [
    /^REPORT\.UNIT_MISMATCH: (\S+) is reported in (\S+), not (\S+)$/,
    'reportReason.unitMismatch',
    (match, _, t) => ({
      code: match[1],
      unit: unitIn(match[2], t),
      given: unitIn(match[3], t),
    }),
  ],
  [
    /^REPORT\.QUANTITY_IMPLAUSIBLE: .* \((\S+) (\S+)\) is above the plausible (\S+) t/,
    'reportReason.implausible',
    (match, locale, t) => ({
      value: formatDecimal(match[1], locale),
      unit: unitIn(match[2], t),
      bound: formatDecimal(match[3], locale),
    }),
  ],
  [
    /^REPORT\.METAL_CONTENT_EXCEEDS_QUANTITY: The metal content \((\S+) t\) .* \((\S+) t\)$/,
    'reportReason.metalAboveQuantity',
    (match, locale) => ({ metal: formatDecimal(match[1], locale), quantity: formatDecimal(match[2], locale) }),
  ],
  // The registry's status changes and hand-overs of a plant (deposit-registry's facility errors).
  [
    / must be between (\S+), when the current status took effect, and today \((\S+)\)$/,
    'fieldMessage.statusDate',
    (match, locale) => ({ since: formatDate(match[1], locale), today: formatDate(match[2], locale) }),
  ],
  [
    / must be the first day of a month after (\S+), when the current operator took over, and not after today \((\S+)\)$/,
    'fieldMessage.handOverDateAfter',
    (match, locale) => ({ after: formatDate(match[1], locale), today: formatDate(match[2], locale) }),
  ],
  [
    / must be the first day of a month and not after today \((\S+)\)$/,
    'fieldMessage.handOverDate',
    (match, locale) => ({ today: formatDate(match[1], locale) }),
  ],
  [
    / must be after (\S+), when the current operator took over$/,
    'fieldMessage.closedBeforeOperator',
    (match, locale) => ({ since: formatDate(match[1], locale) }),
  ],
  [
    /^A facility cannot go from (\S+) to (\S+)$/,
    'fieldMessage.facilityTransition',
    (match, _, t) => ({ from: facilityStatusIn(match[1], t), to: facilityStatusIn(match[2], t) }),
  ],
  [
    /^Facility \S+ closed on (\S+): nobody takes it over$/,
    'fieldMessage.facilityClosed',
    (match, locale) => ({ date: formatDate(match[1], locale) }),
  ],
  [
    / must not be before (\S+), when facility \S+ it brings back closed$/,
    'fieldMessage.startedBeforeClosing',
    (match, locale) => ({ date: formatDate(match[1], locale) }),
  ],
  [/^Facility \S+ is \S+: only a closed plant is brought back$/, 'problem.FACILITY.RESTART_OF_NOT_CLOSED'],
  [/^Facility \S+ has already been brought back( by facility \S+)?$/, 'problem.FACILITY.ALREADY_RESTARTED'],
  [/^Company \S+ already operates this facility$/, 'problem.FACILITY.ALREADY_OPERATOR'],
  [/^Company \S+ is \S+: it takes on no plant$/, 'problem.FACILITY.OPERATOR_NOT_ACTIVE'],
  [/ (should not be empty|must not be blank|must be longer than or equal to 1 characters)$/, 'fieldMessage.required'],
  [/ must be a non-negative decimal( string)? with at most 6 decimals/, 'fieldMessage.decimal'],
  [
    /^(\S+) "(.*)" looks like the (date|number) Excel made of it/,
    'fieldMessage.excelConversion',
    (match, _, t) => ({
      column: match[1],
      value: match[2],
      kind: t(`fieldMessage.excelConversion.${match[3] as 'date' | 'number'}`),
    }),
  ],
  [/ must be an email$/, 'fieldMessage.email'],
  [/ must be a URL address$/, 'fieldMessage.url'],
  [/ must not carry a user name or password \(user:pw@\)/, 'fieldMessage.urlWithCredentials'],
  [/^the file name must not contain control or bidirectional-override characters$/, 'fieldMessage.fileName'],
  [/ must be longer than or equal to (\d+) characters$/, 'fieldMessage.minLength', (match) => ({ count: match[1] })],
  [/ must be shorter than or equal to (\d+) characters$/, 'fieldMessage.maxLength', (match) => ({ count: match[1] })],
  // The second and third are IsInstant's (libs/platform), as silences check their start and end.
  [
    / must be (a valid ISO 8601 date string|a date and time with its zone, e\.g\. \S+|a real date and time)$/,
    'fieldMessage.dateTime',
  ],
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
  [/^a report names a facilityId or a depositId/, 'reports.siteRequired'],
  [/ must be a product code of capital letters, digits and dashes/, 'fieldMessage.productCode'],
  [/^Say why the amount is reduced$/, 'problem.CLAIM.REDUCTION_REASON_REQUIRED'],
  [/^The claim requests \d+ kopecks at most$/, 'problem.CLAIM.APPROVAL_ABOVE_REQUESTED'],
  [/^Approve a positive amount, or reject the claim$/, 'problem.CLAIM.APPROVAL_NOT_POSITIVE'],
  [/^The second approval confirms the first one's \d+ kopecks/, 'problem.CLAIM.APPROVAL_AMOUNT_MISMATCH'],
  [/ must be a positive whole number of kopecks/, 'fieldMessage.aboveZero'],
  // The amounts the services name are in kopecks: the field's hint already says how much, in roubles.
  [/^\d+ kopecks is more than the \d+ kopecks outstanding$/, 'problem.CLAWBACK.OVERPAYMENT'],
  [/^\d+ kopecks is more than the \d+ kopecks refund due$/, 'problem.CLAWBACK.OVER_REFUND'],
  [
    /^A (repayment|refund) with reference .* is already recorded for this claim$/,
    'problem.CLAWBACK.DUPLICATE_REFERENCE',
  ],
  [/ must not be after today \(\S+\)$/, 'problem.PAYMENT.DATE_IN_FUTURE'],
  [/ must not be before today \(\S+\)$/, 'problem.PAYMENT.DATE_IN_PAST'],
  [/ kopecks the company's cap for the year leaves after its other claims: /, 'problem.CLAIM.COMPANY_CAP_EXCEEDED'],
  [/ must not be before the subsidy was paid \(\S+\)$/, 'problem.CLAWBACK.REPAID_BEFORE_PAYMENT'],
  [/ must not be before the claim was submitted \(\S+\)$/, 'problem.PAYMENT.BEFORE_SUBMISSION'],
  [/ must not be before the first repayment \(\S+\)$/, 'problem.CLAWBACK.REFUNDED_BEFORE_REPAYMENT'],
  [/^A repayment is a positive number of kopecks$/, 'problem.CLAWBACK.REPAYMENT_NOT_POSITIVE'],
  [/ is not accepted; send one of: (.+)$/, 'fieldMessage.fileTypes', (match) => ({ types: match[1] })],
  [/^The content of .+ is not \S+$/, 'fieldMessage.fileContent'],
  // Why a notification of an alert was not delivered, as target-monitoring logs it.
  [/^not sent: the webhook was deactivated$/, 'deliveryError.webhookDeactivated'],
  [/^not sent: the e-mail subscription was deleted$/, 'deliveryError.subscriptionDeleted'],
  [
    /^timed out after (\d+) ms$/,
    'deliveryError.timedOut',
    (match, locale) => ({ ms: formatDecimal(match[1], locale) }),
  ],
  [/^the mail server refused the recipient/, 'deliveryError.recipientRefused'],
  [/^HTTP (\d{3}) from the endpoint$/, 'deliveryError.httpStatus', (match) => ({ status: match[1] })],
];

/**
 * A field message in the console's language when its wording is known; the
 * service's text otherwise. Under a form's input the property the message
 * names is dropped (the field says it); `keepProperty` keeps it (`quantity: …`)
 * where nothing else names the column, as in a bad CSV row.
 */
export function localizeFieldMessage(message: string, t: Translate, locale: string, keepProperty = false): string {
  for (const [pattern, key, params] of KNOWN) {
    const match = pattern.exec(message);
    if (!match) continue;
    const property = message.slice(0, match.index).trim();
    const text = t(key, params?.(match, locale, t));
    return keepProperty && property ? `${property}: ${text}` : text;
  }
  // A code the console has no words for: the reader gets the service's text, without the code meant for support.
  return message.replace(/^[A-Z]+\.[A-Z_]+: /, '');
}
