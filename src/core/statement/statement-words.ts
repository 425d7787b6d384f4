import type { ClockName } from '../catalog/catalog-schema';
import type { CsatVerdict } from '../kpi/csat-judgement';
import type { ChargeKind, ChargeUnit, LedgerEntryKind, PackageKind, WorkSource } from '../ledger/hour-ledger';
import { CLOCK_WORDS } from './clock-words';
import type { Lang } from './statement-locale';

/** Every phrase of the statement in one language. */
export interface StatementWords {
  title: string;
  client: string;
  period: string;
  tariff: string;
  package: string;
  asOf: string;
  monthOpen: string;
  monthClosed: string;
  termMonth: (month: number, prepaid: boolean, discount: number) => string;
  packageKinds: Record<PackageKind, string>;
  clocks: Record<ClockName, string>;
  charges: {
    subscription: (tariff: string) => string;
    prepayment_discount: (percent: string) => string;
    bank_package: (hours: string) => string;
    overage: string;
    uncovered_work: (key: string, type: string) => string;
    over_limit_incident: (key: string) => string;
    off_hours_surcharge: (percent: string, key: string) => string;
    minimum_term: (tariff: string, months: number) => string;
    service_credit: (key: string, clock: string, breachedAt: string, note: string) => string;
  };
  chargeKinds: Record<ChargeKind, string>;
  units: Record<ChargeUnit, string>;
  entryKinds: Record<LedgerEntryKind, string>;
  sources: Record<WorkSource, string>;
  sections: {
    summary: string;
    hours: string;
    burndown: string;
    sla: string;
    incidents: string;
    perDay: string;
    breaches: string;
    escalations: string;
    time: string;
    charges: string;
    ledger: string;
    notices: string;
  };
  hours: {
    included: string;
    unlimited: string;
    inFee: string;
    used: string;
    remaining: string;
    burned: string;
    carriedOver: string;
    broughtForward: string;
    bankTopUp: string;
    overage: string;
    uncovered: string;
    offHours: string;
  };
  kpi: {
    received: string;
    resolved: string;
    resolutionRate: string;
    firstResponseMedian: string;
    firstResponseP90: string;
    awaitingResponse: string;
    averageResolution: string;
    overLimit: string;
    offHours: string;
    uncovered: string;
    dailyLimit: string;
    maxPerDay: string;
    escalationsFired: string;
    criticalEscalations: string;
    level: string;
    noLimit: string;
  };
  table: {
    date: string;
    issue: string;
    clock: string;
    breachedAt: string;
    target: string;
    elapsed: string;
    priority: string;
    type: string;
    summary: string;
    description: string;
    quantity: string;
    unit: string;
    price: string;
    amount: string;
    kind: string;
    hours: string;
    author: string;
    line: string;
    source: string;
    due: string;
    met: string;
    breached: string;
    compliance: string;
    requestType: string;
    supportLine: string;
    incidents: string;
    limit: string;
    prepaid: string;
  };
  totals: { total: string; prepaid: string; due: string };
  chart: {
    burndownTitle: string;
    burndownLegendRemaining: string;
    burndownLegendUsed: string;
    burndownLegendCumulative: string;
    complianceTitle: string;
    perDayTitle: string;
    hoursAxis: string;
  };
  none: string;
  noBreaches: string;
  noCharges: string;
  unassigned: string;
  offHoursMark: string;
  yes: string;
  no: string;
  noContracts: string;
  requestType: (id: string, catalogName: string | undefined) => string;
  /** Customer satisfaction (CSAT). */
  csat: {
    section: string;
    responses: string;
    distribution: string;
    averageScore: string;
    outOfFive: (average: string) => string;
    satisfied: string;
    responseRate: string;
    rated: (rated: number, resolved: number, percent: string) => string;
    target: string;
    targetText: (satisfiedPercent: string | null, averageScore: string | null) => string;
    verdicts: Record<CsatVerdict, string>;
    tooFew: (minimum: number) => string;
    noResponses: string;
    byType: string;
    byLine: string;
    lowestRated: string;
    score: string;
    ratedAt: string;
    comment: string;
    card: string;
  };
  /** Service credits for breaches. */
  credits: {
    section: string;
    grace: string;
    capped: string;
    rule: string;
    credit: string;
    note: string;
    explain: string;
    percentOfFee: (percent: string) => string;
    chargesBeforeCredits: string;
    creditsTotal: string;
    breaches: string;
    summary: (breaches: number, grace: number, capped: number) => string;
    cap: string;
    graceBreaches: string;
    none: string;
  };
  /** Why an issue is not in the statement (its notice), and the problems behind it. */
  leftOut: {
    invalid: (detail: string) => string;
    createdAfterAt: (key: string) => string;
    beforeFirstTerm: (key: string, contract: string, from: string) => string;
    notEvaluated: (key: string | undefined, reasons: string) => string;
    noReason: string;
    unknownContract: (value: string) => string;
    unknownRequestType: (value: string) => string;
    unknownPriority: (value: string) => string;
    evaluationFailed: (detail: string) => string;
  };
}

function englishTypeName(id: string): string {
  const words = id.replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const RU: StatementWords = {
  title: 'Ежемесячный отчёт об оказании услуг поддержки',
  client: 'Клиент',
  period: 'Период',
  tariff: 'Тариф',
  package: 'Пакет часов',
  asOf: 'Данные на',
  monthOpen: 'месяц не закрыт: сгорание и перенос часов будут проведены в конце месяца',
  monthClosed: 'месяц закрыт',
  termMonth: (month, prepaid, discount) =>
    `${month}-й месяц тарифа${prepaid ? `, предоплачен${discount > 0 ? `, скидка ${String(discount).replace('.', ',')} %` : ''}` : ''}`,
  packageKinds: {
    monthly: 'ежемесячный пакет (неиспользованные часы сгорают)',
    bank: 'банк часов (без сгорания)',
    unlimited: 'безлимитный',
    none: 'без пакета часов (работы входят в абонентскую плату)',
  },
  clocks: CLOCK_WORDS.ru,
  charges: {
    subscription: (tariff) => `Абонентская плата, тариф «${tariff}»`,
    prepayment_discount: (percent) => `Скидка за предоплату ${percent}`,
    bank_package: (hours) => `Банк ${hours} ч (без сгорания)`,
    overage: 'Часы сверх пакета',
    uncovered_work: (key, type) => `Работы вне тарифа: ${key} (${type})`,
    over_limit_incident: (key) => `Обращение сверх дневного лимита: ${key}`,
    off_hours_surcharge: (percent, key) => `Надбавка ${percent} за работу вне графика: ${key}`,
    minimum_term: (tariff, months) => `Минимальный срок тарифа «${tariff}»: не использовано ${months} мес.`,
    service_credit: (key, clock, breachedAt, note) =>
      `Сервисный кредит за нарушение SLA: ${key}, «${clock}», ${breachedAt}${note ? ` (${note})` : ''}`,
  },
  chargeKinds: {
    subscription: 'абонентская плата',
    prepayment_discount: 'скидка за предоплату',
    bank_package: 'банк часов',
    overage: 'сверх пакета',
    uncovered_work: 'вне тарифа',
    over_limit_incident: 'сверх лимита',
    off_hours_surcharge: 'вне графика',
    minimum_term: 'минимальный срок',
    service_credit: 'сервисный кредит',
  },
  units: { month: 'мес.', hour: 'ч', incident: 'шт.', package: 'пакет', breach: 'наруш.' },
  entryKinds: {
    allowance: 'Часы пакета на месяц',
    bank_topup: 'Покупка банка часов',
    brought_forward: 'Остаток банка с прошлого месяца',
    work: 'Работы',
    overage: 'Сверх пакета',
    uncovered: 'Вне тарифа',
    burn: 'Сгорание неиспользованных часов',
    carry_over: 'Перенос остатка банка на следующий месяц',
  },
  sources: { allowance: 'из пакета месяца', bank: 'из банка часов', unlimited: 'безлимит', fee: 'в абонентской плате' },
  sections: {
    summary: 'Итоги месяца',
    hours: 'Часы',
    burndown: 'Расход часов',
    sla: 'Соблюдение SLA',
    incidents: 'Обращения',
    perDay: 'Обращения по дням',
    breaches: 'Нарушения SLA',
    escalations: 'Эскалации',
    time: 'Трудозатраты',
    charges: 'Начисления',
    ledger: 'Журнал часов',
    notices: 'Замечания',
  },
  hours: {
    included: 'Включено',
    unlimited: 'без ограничения',
    inFee: 'без ограничения, в абонентской плате',
    used: 'Израсходовано',
    remaining: 'Остаток',
    burned: 'Сгорело',
    carriedOver: 'Перенесено на следующий месяц',
    broughtForward: 'Перенесено с прошлого месяца',
    bankTopUp: 'Куплено в банк',
    overage: 'Сверх пакета',
    uncovered: 'Вне тарифа',
    offHours: 'Вне графика',
  },
  kpi: {
    received: 'Поступило',
    resolved: 'Решено',
    resolutionRate: 'Доля решённых',
    firstResponseMedian: 'Время первой реакции, медиана',
    firstResponseP90: 'Время первой реакции, 90-й процентиль',
    awaitingResponse: 'Ожидают реакции',
    averageResolution: 'Среднее время решения',
    overLimit: 'Сверх дневного лимита',
    offHours: 'Поступило вне графика',
    uncovered: 'Не входит в тариф',
    dailyLimit: 'Дневной лимит',
    maxPerDay: 'Максимум за день',
    escalationsFired: 'Сработало эскалаций',
    criticalEscalations: 'Эскалации критичных обращений',
    level: 'уровень',
    noLimit: 'нет',
  },
  table: {
    date: 'Дата',
    issue: 'Обращение',
    clock: 'Показатель',
    breachedAt: 'Нарушено',
    target: 'Норматив',
    elapsed: 'Фактически',
    priority: 'Приоритет',
    type: 'Тип',
    summary: 'Тема',
    description: 'Наименование',
    quantity: 'Кол-во',
    unit: 'Ед.',
    price: 'Цена',
    amount: 'Сумма',
    kind: 'Операция',
    hours: 'Часы',
    author: 'Исполнитель',
    line: 'Линия',
    source: 'Источник',
    due: 'Подлежало',
    met: 'Соблюдено',
    breached: 'Нарушено',
    compliance: 'Соблюдение',
    requestType: 'Тип обращения',
    supportLine: 'Линия поддержки',
    incidents: 'Обращений',
    limit: 'Лимит',
    prepaid: 'Предоплачено',
  },
  totals: { total: 'Итого за месяц', prepaid: 'Оплачено предоплатой', due: 'К оплате' },
  chart: {
    burndownTitle: 'Остаток часов пакета по дням',
    burndownLegendRemaining: 'остаток',
    burndownLegendUsed: 'за день',
    burndownLegendCumulative: 'нарастающим итогом',
    complianceTitle: 'Соблюдение SLA по показателям',
    perDayTitle: 'Обращения по дням и дневной лимит',
    hoursAxis: 'ч',
  },
  none: '—',
  noBreaches: 'Нарушений SLA нет.',
  noCharges: 'Начислений нет.',
  unassigned: 'не указана',
  offHoursMark: 'вне графика',
  yes: 'да',
  no: 'нет',
  noContracts: 'Нет договоров, действующих в этом месяце.',
  requestType: (id, catalogName) => catalogName ?? id,
  csat: {
    section: 'Удовлетворённость клиентов (CSAT)',
    responses: 'Оценок за месяц',
    distribution: 'Распределение оценок',
    averageScore: 'Средняя оценка',
    outOfFive: (average) => `${average} из 5`,
    satisfied: 'Доля довольных (оценки 4–5)',
    responseRate: 'Отклик',
    rated: (rated, resolved, percent) => `${rated} из ${resolved} решённых в месяце (${percent})`,
    target: 'Цель CSAT',
    targetText: (satisfiedPercent, averageScore) =>
      [
        satisfiedPercent ? `довольных не менее ${satisfiedPercent}` : '',
        averageScore ? `средняя оценка не ниже ${averageScore}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    verdicts: { met: 'выполнена', missed: 'не выполнена', not_enough_responses: 'не оценивается' },
    tooFew: (minimum) => `недостаточно оценок (нужно не менее ${minimum})`,
    noResponses: 'Оценок за месяц нет.',
    byType: 'Оценки по типам обращений',
    byLine: 'Оценки по линиям поддержки',
    lowestRated: 'Обращения с самыми низкими оценками',
    score: 'Оценка',
    ratedAt: 'Дата оценки',
    comment: 'Комментарий клиента',
    card: 'CSAT: довольных',
  },
  credits: {
    section: 'Сервисные кредиты за нарушения SLA',
    grace: 'льготное нарушение, без кредита',
    capped: 'ограничено лимитом месяца',
    rule: 'Условие',
    credit: 'Кредит',
    note: 'Примечание',
    explain: 'Разбор (explain)',
    percentOfFee: (percent) => `${percent} абонентской платы`,
    chargesBeforeCredits: 'Начислено до кредитов',
    creditsTotal: 'Сервисные кредиты',
    breaches: 'Нарушений с кредитом',
    summary: (breaches, grace, capped) => `${breaches}, из них льготных — ${grace}, ограничено лимитом — ${capped}`,
    cap: 'Лимит кредитов за месяц',
    graceBreaches: 'Льготных нарушений в месяц',
    none: 'Сервисных кредитов нет.',
  },
  leftOut: {
    invalid: (detail) => `не включена в отчёт, ошибка в данных: ${detail}`,
    createdAfterAt: (key) => `${key}: не включена в отчёт, создана после момента, на который составлен отчёт`,
    beforeFirstTerm: (key, contract, from) =>
      `${key}: не включена в отчёт, создана до начала первого срока договора «${contract}» (с ${from})`,
    notEvaluated: (key, reasons) => `${key === undefined ? '' : `${key}: `}не включена в отчёт, ${reasons}`,
    noReason: 'не рассчитана',
    unknownContract: (value) => `неизвестный договор «${value}»: опишите его в разделе contracts каталога`,
    unknownRequestType: (value) => `неизвестный тип заявки «${value}»: добавьте его в requestTypes каталога`,
    unknownPriority: (value) => `неизвестный приоритет «${value}»: добавьте его в priorities каталога`,
    evaluationFailed: (detail) => `SLA не удалось рассчитать (${detail}); остальные заявки рассчитаны`,
  },
};

const EN: StatementWords = {
  title: 'Monthly support service statement',
  client: 'Client',
  period: 'Period',
  tariff: 'Tariff',
  package: 'Hour package',
  asOf: 'Data as of',
  monthOpen: 'month still open: burn and carry-over are posted when it ends',
  monthClosed: 'month closed',
  termMonth: (month, prepaid, discount) =>
    `month ${month} of the term${prepaid ? `, prepaid${discount > 0 ? `, ${discount}% discount` : ''}` : ''}`,
  packageKinds: {
    monthly: 'monthly package (unused hours burn)',
    bank: 'bank of hours (no burn)',
    unlimited: 'unlimited',
    none: 'no hour package (work covered by the monthly fee)',
  },
  clocks: CLOCK_WORDS.en,
  charges: {
    subscription: (tariff) => `Monthly fee, tariff "${tariff}"`,
    prepayment_discount: (percent) => `Prepayment discount ${percent}`,
    bank_package: (hours) => `Bank of ${hours} h (no burn)`,
    overage: 'Hours beyond the package',
    uncovered_work: (key, type) => `Work not covered by the tariff: ${key} (${type})`,
    over_limit_incident: (key) => `Incident over the daily limit: ${key}`,
    off_hours_surcharge: (percent, key) => `Off-hours surcharge ${percent}: ${key}`,
    minimum_term: (tariff, months) => `Minimum term of tariff "${tariff}": ${months} month(s) not served`,
    service_credit: (key, clock, breachedAt, note) =>
      `Service credit for an SLA breach: ${key}, ${clock.toLowerCase()}, ${breachedAt}${note ? ` (${note})` : ''}`,
  },
  chargeKinds: {
    subscription: 'monthly fee',
    prepayment_discount: 'prepayment discount',
    bank_package: 'bank of hours',
    overage: 'overage',
    uncovered_work: 'not covered',
    over_limit_incident: 'over limit',
    off_hours_surcharge: 'off hours',
    minimum_term: 'minimum term',
    service_credit: 'service credit',
  },
  units: { month: 'month', hour: 'h', incident: 'pcs', package: 'package', breach: 'breach' },
  entryKinds: {
    allowance: "Month's package hours",
    bank_topup: 'Bank of hours bought',
    brought_forward: 'Bank balance from last month',
    work: 'Work',
    overage: 'Beyond the package',
    uncovered: 'Not covered',
    burn: 'Unused hours burnt',
    carry_over: 'Bank balance carried to next month',
  },
  sources: {
    allowance: "from the month's package",
    bank: 'from the bank',
    unlimited: 'unlimited',
    fee: 'in the monthly fee',
  },
  sections: {
    summary: 'Month at a glance',
    hours: 'Hours',
    burndown: 'Hour burn-down',
    sla: 'SLA compliance',
    incidents: 'Requests',
    perDay: 'Requests per day',
    breaches: 'SLA breaches',
    escalations: 'Escalations',
    time: 'Time spent',
    charges: 'Charges',
    ledger: 'Hour ledger',
    notices: 'Notices',
  },
  hours: {
    included: 'Included',
    unlimited: 'unlimited',
    inFee: 'no limit, in the monthly fee',
    used: 'Used',
    remaining: 'Remaining',
    burned: 'Burnt',
    carriedOver: 'Carried over to next month',
    broughtForward: 'Brought forward',
    bankTopUp: 'Bought into the bank',
    overage: 'Overage',
    uncovered: 'Not covered',
    offHours: 'Off hours',
  },
  kpi: {
    received: 'Received',
    resolved: 'Resolved',
    resolutionRate: 'Resolution rate',
    firstResponseMedian: 'First response, median',
    firstResponseP90: 'First response, 90th percentile',
    awaitingResponse: 'Awaiting response',
    averageResolution: 'Average resolution time',
    overLimit: 'Over the daily limit',
    offHours: 'Received off hours',
    uncovered: 'Not covered by the tariff',
    dailyLimit: 'Daily limit',
    maxPerDay: 'Busiest day',
    escalationsFired: 'Escalations fired',
    criticalEscalations: 'Escalations of critical requests',
    level: 'level',
    noLimit: 'none',
  },
  table: {
    date: 'Date',
    issue: 'Request',
    clock: 'Clock',
    breachedAt: 'Breached at',
    target: 'Target',
    elapsed: 'Actual',
    priority: 'Priority',
    type: 'Type',
    summary: 'Summary',
    description: 'Description',
    quantity: 'Qty',
    unit: 'Unit',
    price: 'Price',
    amount: 'Amount',
    kind: 'Entry',
    hours: 'Hours',
    author: 'Engineer',
    line: 'Line',
    source: 'Source',
    due: 'Due',
    met: 'Met',
    breached: 'Breached',
    compliance: 'Compliance',
    requestType: 'Request type',
    supportLine: 'Support line',
    incidents: 'Requests',
    limit: 'Limit',
    prepaid: 'Prepaid',
  },
  totals: { total: 'Month total', prepaid: 'Covered by prepayment', due: 'Amount due' },
  chart: {
    burndownTitle: 'Package hours remaining by day',
    burndownLegendRemaining: 'remaining',
    burndownLegendUsed: 'per day',
    burndownLegendCumulative: 'cumulative',
    complianceTitle: 'SLA compliance per clock',
    perDayTitle: 'Requests per day against the daily limit',
    hoursAxis: 'h',
  },
  none: '—',
  noBreaches: 'No SLA breaches.',
  noCharges: 'No charges.',
  unassigned: 'unassigned',
  offHoursMark: 'off hours',
  yes: 'yes',
  no: 'no',
  noContracts: 'No contract has a term in force in this month.',
  requestType: (id) => englishTypeName(id),
  csat: {
    section: 'Customer satisfaction (CSAT)',
    responses: 'Ratings this month',
    distribution: 'Ratings by score',
    averageScore: 'Average rating',
    outOfFive: (average) => `${average} of 5`,
    satisfied: 'Satisfied (rated 4–5)',
    responseRate: 'Response rate',
    rated: (rated, resolved, percent) => `${rated} of ${resolved} resolved this month (${percent})`,
    target: 'CSAT target',
    targetText: (satisfiedPercent, averageScore) =>
      [
        satisfiedPercent ? `at least ${satisfiedPercent} satisfied` : '',
        averageScore ? `average rating at least ${averageScore}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    verdicts: { met: 'met', missed: 'missed', not_enough_responses: 'not judged' },
    tooFew: (minimum) => `too few ratings (at least ${minimum} needed)`,
    noResponses: 'No ratings this month.',
    byType: 'Ratings per request type',
    byLine: 'Ratings per support line',
    lowestRated: 'Lowest-rated requests',
    score: 'Rating',
    ratedAt: 'Rated on',
    comment: "Client's comment",
    card: 'CSAT: satisfied',
  },
  credits: {
    section: 'Service credits for SLA breaches',
    grace: 'grace breach, no credit',
    capped: "cut by the month's cap",
    rule: 'Rule',
    credit: 'Credit',
    note: 'Note',
    explain: 'Explain',
    percentOfFee: (percent) => `${percent} of the monthly fee`,
    chargesBeforeCredits: 'Charges before credits',
    creditsTotal: 'Service credits',
    breaches: 'Breaches credited',
    summary: (breaches, grace, capped) => `${breaches}: ${grace} within grace, ${capped} cut by the cap`,
    cap: "Month's credit cap",
    graceBreaches: 'Grace breaches per month',
    none: 'No service credits.',
  },
  leftOut: {
    invalid: (detail) => `left out, invalid: ${detail}`,
    createdAfterAt: (key) => `${key}: left out, created after the statement's instant`,
    beforeFirstTerm: (key, contract, from) =>
      `${key}: left out, created before the first term of contract "${contract}" (from ${from})`,
    notEvaluated: (key, reasons) => `${key === undefined ? '' : `${key}: `}left out, ${reasons}`,
    noReason: 'not evaluated',
    unknownContract: (value) => `unknown contract "${value}": define it under "contracts" in the catalog`,
    unknownRequestType: (value) => `unknown request type "${value}": add it to "requestTypes" in the catalog`,
    unknownPriority: (value) => `unknown priority "${value}": add it to "priorities" in the catalog`,
    evaluationFailed: (detail) => `the SLA could not be evaluated (${detail}); the other issues were evaluated`,
  },
};

/** The statement's phrases per language. */
export const STATEMENT_WORDS: Record<Lang, StatementWords> = { ru: RU, en: EN };
