import { describe, expect, it } from '@jest/globals';
import { localizeFieldMessage } from './field-messages';
import { format, type Params } from './messages';
import { ru } from './ru';

const t = (key: keyof typeof ru, params?: Params) => format(ru[key], params, new Intl.PluralRules('ru-RU'));

describe('console: clawback money messages in Russian', () => {
  it.each([
    ['12000000 kopecks is more than the 10000000 kopecks outstanding', 'Сумма больше, чем осталось вернуть.'],
    ['13000000 kopecks is more than the 12500000 kopecks refund due', ru['problem.CLAWBACK.OVER_REFUND']],
    [
      'A repayment with reference PP-IN-1 is already recorded for this claim',
      'Платёж с этим номером по заявке уже записан.',
    ],
    ['A refund with reference PP OUT 7 is already recorded for this claim', ru['problem.CLAWBACK.DUPLICATE_REFERENCE']],
    ['repaidOn must not be after today (2026-11-30)', 'Дата не может быть позже сегодняшней.'],
    ['scheduledOn must not be before today (2026-11-30)', 'Дата не может быть раньше сегодняшней.'],
    [
      "17500000000 kopecks is more than the 8750000000 kopecks the company's cap for the year leaves after its other claims: approve at most 8750000000 kopecks",
      ru['problem.CLAIM.COMPANY_CAP_EXCEEDED'],
    ],
    ['settledOn must not be before the subsidy was paid (2026-06-15)', 'Дата раньше выплаты субсидии.'],
    [
      'the file name must not contain control or bidirectional-override characters',
      'В имени файла есть управляющие символы: переименуйте файл и загрузите снова.',
    ],
    [
      'amountKopecks must be a positive whole number of kopecks in a string, e.g. "50000000"',
      ru['fieldMessage.aboveZero'],
    ],
    [
      'period "мар.26" looks like the date Excel made of it: format the column as Text before saving the file',
      'Excel превратил значение столбца period в дату («мар.26»): перед сохранением файла задайте столбцу формат «Текстовый».',
    ],
    [
      'hsCode "2846,9" looks like the number Excel made of it: format the column as Text before saving the file',
      'Excel превратил значение столбца hsCode в число («2846,9»): перед сохранением файла задайте столбцу формат «Текстовый».',
    ],
    [
      'CLAIM.REPORT_OF_ANOTHER_PERIOD: Report 00000000-0000-4000-8000-000000000002 covers 2026-03, not 2026-Q2',
      'Один из отмеченных отчётов — за март 2026 г., а не за квартал заявки.',
    ],
    [
      'url must not carry a user name or password (user:pw@): no request can be sent to such a URL. Deliveries are signed (X-Redmet-Signature) to prove they come from Redmet; a token the receiver wants may go in the path or query',
      ru['fieldMessage.urlWithCredentials'],
    ],
  ])('%s', (message, expected) => {
    expect(localizeFieldMessage(message, t, 'ru-RU')).toBe(expected);
  });

  it.each([
    'endsAt must be a valid ISO 8601 date string',
    'endsAt must be a date and time with its zone, e.g. 2026-12-31T23:59:59Z',
    'startsAt must be a real date and time',
  ])('asks for a date and time under %s', (message) => {
    expect(localizeFieldMessage(message, t, 'ru-RU')).toBe('Укажите дату и время.');
  });

  it('keeps the property where nothing else names it', () => {
    expect(localizeFieldMessage('repaidOn must not be after today (2026-11-30)', t, 'ru-RU', true)).toBe(
      'repaidOn: Дата не может быть позже сегодняшней.',
    );
  });

  it('leaves other wording as the service wrote it', () => {
    expect(localizeFieldMessage('1 kopecks is more than enough', t, 'ru-RU')).toBe('1 kopecks is more than enough');
  });
});

describe('console: why a claim cannot be submitted, in Russian', () => {
  it.each([
    ['CLAIM.DECLARATION_MISSING: Declare that there are no tax or insurance arrears', ru['eligibility.noTaxArrears']],
    [
      'CLAIM.DECLARATION_MISSING: Declare that the company is not in liquidation or bankruptcy',
      ru['eligibility.notInLiquidation'],
    ],
    [
      'CLAIM.REVENUE_TOO_LOW: Annual revenue must be at least 2.5 × the subsidy: 43750000000 kopecks',
      'Годовая выручка должна быть не меньше 2,5 × субсидия, то есть 437\u00a0500\u00a0000,00 ₽.',
    ],
    [
      'CLAIM.AFTER_CUTOFF: Claims for the year closed on 2027-02-01',
      'Заявки за этот год принимались до 1 февр. 2027 г. включительно.',
    ],
    [
      'CLAIM.INVOICE_ALREADY_CLAIMED: Document СФ-17 is already claimed in claim 0d0c…',
      'Документ СФ-17 уже заявлен в другой заявке компании.',
    ],
    [
      "CLAIM.NOTHING_REQUESTED: The claim requests nothing: the company's cap for the year is used up",
      ru['eligibility.capUsedUp'],
    ],
    ['CLAIM.SOMETHING_NEW: A rule the console does not know yet', 'A rule the console does not know yet'],
  ])('%s', (message, expected) => {
    expect(localizeFieldMessage(message, t, 'ru-RU')).toBe(expected);
  });
});

describe('console: why a report was rejected or waits, in Russian', () => {
  it.each([
    [
      'REPORT.UNIT_MISMATCH: LI2CO3 is reported in t, not kg',
      'Продукция LI2CO3 учитывается в единицах «т», а не «кг».',
    ],
    [
      'REPORT.METAL_CONTENT_EXCEEDS_QUANTITY: The metal content (12.5 t) is more than the quantity of NB-CONC (10 t)',
      'Содержание металла (12,5 т) больше количества продукции (10 т).',
    ],
    [
      'REPORT.LICENCE_NOT_ACTIVE: Licence МУР 01234 ТЭ was not in force for the whole of 2026-Q1: suspended on 2026-02-10',
      'Лицензия МУР 01234 ТЭ действовала не весь период.',
    ],
    [
      'REPORT.PERIOD_ALREADY_REPORTED: Report 0d0c is already accepted for this site and 2026-Q1 (2026-01-01..2026-03-31); amend it instead of filing a new one',
      ru['reportReason.alreadyReported'],
    ],
    [
      'REPORT.PERIOD_ALREADY_REPORTED: Output of this site for 2026-Q1 (2026-01-01..2026-03-31) is already reported by another company',
      ru['reportReason.reportedByOther'],
    ],
    ['REPORT.LICENCE_UNKNOWN: No licence of the company for deposit 0d0c is known', ru['reportReason.licenceUnknown']],
    [
      'REPORT.PRODUCT_NOT_AT_SITE: Facility 0d0c is not registered as making LI-CARBONATE',
      'В реестре LI-CARBONATE не значится среди продукции этого завода.',
    ],
    [
      'REPORT.PRODUCT_NOT_AT_SITE: Deposit 0d0c holds none of the metals ND-OXIDE is made of',
      'ND-OXIDE не производится ни из одного металла, указанного в реестре для этого месторождения.',
    ],
    ['deposit 0d0c is licensed to another company', ru['fieldMessage.depositOfAnotherCompany']],
    ['facility 0d0c is operated by another company', ru['fieldMessage.facilityOfAnotherCompany']],
    [
      'REPORT.REGISTRY_DATA_MISSING: Facility 0d0c is not in the registry after 30 days of waiting',
      'Реестр так и не сообщил нужных данных о площадке, компании или лицензии: отклонён после 30 дн. ожидания.',
    ],
  ])('%s', (message, expected) => {
    expect(localizeFieldMessage(message, t, 'ru-RU')).toBe(expected);
  });
});

describe('console: why an alert’s notification was not delivered, in Russian', () => {
  it.each([
    ['not sent: the webhook was deactivated', 'не отправлено: вебхук отключён'],
    ['not sent: the e-mail subscription was deleted', 'не отправлено: подписка на эл. почту удалена'],
    ['timed out after 10000 ms', 'нет ответа за 10\u00a0000 мс'],
    ['the mail server refused the recipient: 550 5.1.1 no such user', 'почтовый сервер не принял адрес получателя'],
    ['HTTP 503 from the endpoint', 'адрес вебхука ответил HTTP 503'],
    ['fetch failed: getaddrinfo ENOTFOUND hooks.example', 'fetch failed: getaddrinfo ENOTFOUND hooks.example'],
  ])('%s', (message, expected) => {
    expect(localizeFieldMessage(message, t, 'ru-RU')).toBe(expected);
  });
});

describe('console: the registry’s messages on a plant’s status and hand-over in Russian', () => {
  it.each([
    [
      'effectiveOn must be between 2026-03-01, when the current status took effect, and today (2026-06-10)',
      'Укажите дату не раньше 1 мар. 2026 г., когда вступило в силу текущее состояние, и не позже сегодняшнего дня (10 июн. 2026 г.).',
    ],
    [
      'effectiveOn (2026-05-15) must be the first day of a month after 2026-04-01, when the current operator took over, and not after today (2026-06-10)',
      'Передача начинается с первого дня месяца после 1 апр. 2026 г., когда предприятие принял текущий оператор, и не позже сегодняшнего дня (10 июн. 2026 г.).',
    ],
    [
      'effectiveOn (2026-07-01) must be the first day of a month and not after today (2026-06-10)',
      'Передача начинается с первого дня месяца, не позже сегодняшнего дня (10 июн. 2026 г.).',
    ],
    [
      'effectiveOn (2026-04-01) must be after 2026-04-01, when the current operator took over',
      'Закрыть предприятие можно только после 1 апр. 2026 г., когда его принял текущий оператор.',
    ],
    ['A facility cannot go from planned to commissioned', 'Из состояния «планируется» в «введён» перейти нельзя.'],
    [
      'Facility 0b5c0e9e-0000-4000-8000-000000000001 closed on 2026-05-15: nobody takes it over',
      'Предприятие закрыто с 15 мая 2026 г.: другой компании его не передают.',
    ],
    [
      'Company 0b5c0e9e-0000-4000-8000-000000000002 already operates this facility',
      ru['problem.FACILITY.ALREADY_OPERATOR'],
    ],
    [
      'Company 0b5c0e9e-0000-4000-8000-000000000002 is in_liquidation: it takes on no plant',
      ru['problem.FACILITY.OPERATOR_NOT_ACTIVE'],
    ],
    [
      'statusSince (2026-03-31) must not be before 2026-04-01, when facility 0b5c0e9e-0000-4000-8000-000000000001 it brings back closed',
      'Перезапуск не может начаться раньше 1 апр. 2026 г., дня закрытия перезапускаемого предприятия.',
    ],
    [
      'Facility 0b5c0e9e-0000-4000-8000-000000000001 is commissioned: only a closed plant is brought back',
      ru['problem.FACILITY.RESTART_OF_NOT_CLOSED'],
    ],
    [
      'Facility 0b5c0e9e-0000-4000-8000-000000000001 has already been brought back by facility 0b5c0e9e-0000-4000-8000-000000000003',
      ru['problem.FACILITY.ALREADY_RESTARTED'],
    ],
    [
      'Facility 0b5c0e9e-0000-4000-8000-000000000001 has already been brought back',
      ru['problem.FACILITY.ALREADY_RESTARTED'],
    ],
  ])('%s', (message, expected) => {
    expect(localizeFieldMessage(message, t, 'ru-RU')).toBe(expected);
  });
});
