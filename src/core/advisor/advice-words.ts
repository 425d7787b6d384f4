import type { ClockName } from '../catalog/catalog-schema';
import type { ChargeKind } from '../ledger/hour-ledger';
import type { Lang } from '../statement/statement-locale';

/** Every phrase of the tariff advice in one language. */
export interface AdviceWords {
  title: string;
  replayed: (requests: number, hours: string, asOf: string) => string;
  target: (percent: string) => string;
  prepayment: (months: number | null) => string;
  tariff: string;
  total: string;
  meets: string;
  fails: string;
  current: string;
  currentTerms: string;
  whyNot: string;
  compliance: (clock: string, breaches: number, percent: string, due: number, keys: string) => string;
  notCovered: (type: string, requests: number, keys: string) => string;
  clockNotOffered: (clock: string, due: number) => string;
  recommendation: (
    tariff: string,
    percent: string,
    total: string,
    months: number,
    delta: string,
    cheaper: boolean,
  ) => string;
  noRecommendation: (percent: string, best: string) => string;
  minimumTerm: (months: number) => string;
  breakdown: (tariff: string) => string;
  month: string;
  usedHours: string;
  overageHours: string;
  burnedHours: string;
  chartTitle: string;
  clocks: Record<ClockName, string>;
  chargeKinds: Record<ChargeKind, string>;
  notices: string;
}

const RU: AdviceWords = {
  title: 'Подбор тарифа',
  replayed: (requests, hours, asOf) =>
    `История клиента пересчитана по каждому тарифу (обращений — ${requests}, работ — ${hours} ч), данные на ${asOf}.`,
  target: (percent) => `Целевое соблюдение SLA: ${percent} по каждому показателю.`,
  prepayment: (months) =>
    months === null ? 'Предоплата не учитывается.' : `Предоплата как в текущем договоре: ${months} мес.`,
  tariff: 'Тариф',
  total: 'Итого',
  meets: 'подходит',
  fails: 'не подходит',
  current: 'текущий',
  currentTerms: 'Текущие условия',
  whyNot: 'Почему тарифы не подходят',
  compliance: (clock, breaches, percent, due, keys) =>
    `нарушений показателя «${clock}» — ${breaches}, соблюдение ${percent} (подлежало ${due}): ${keys}`,
  notCovered: (type, requests, keys) =>
    `не покрывает тип «${type}», оплачиваются почасово обращения (${requests}): ${keys}`,
  clockNotOffered: (clock, due) =>
    `нет норматива «${clock}» (по текущим условиям он был установлен, обращений — ${due})`,
  recommendation: (tariff, percent, total, months, delta, cheaper) =>
    `Рекомендация: ${tariff} — самый дешёвый тариф с соблюдением SLA не ниже ${percent}: ${total} за ${months} мес., ${cheaper ? `на ${delta} дешевле` : `на ${delta} дороже`} текущих условий.`,
  noRecommendation: (percent, best) =>
    `Ни один тариф не обеспечил бы соблюдение SLA ${percent} по всем показателям. Ближе всего: ${best}.`,
  minimumTerm: (months) => `минимальный срок ${months} мес.`,
  breakdown: (tariff) => `Помесячно: ${tariff}`,
  month: 'Месяц',
  usedHours: 'Часы',
  overageHours: 'Сверх пакета, ч',
  burnedHours: 'Сгорело, ч',
  chartTitle: 'Стоимость за период по тарифам',
  clocks: { reaction: 'Реакция', start: 'Начало работ', resolution: 'Решение' },
  chargeKinds: {
    subscription: 'Абон. плата',
    prepayment_discount: 'Скидка',
    bank_package: 'Банк часов',
    overage: 'Сверх пакета',
    uncovered_work: 'Вне тарифа',
    over_limit_incident: 'Сверх лимита',
    off_hours_surcharge: 'Вне графика',
    minimum_term: 'Мин. срок',
    service_credit: 'Кредиты SLA',
  },
  notices: 'Замечания',
};

const EN: AdviceWords = {
  title: 'Tariff advice',
  replayed: (requests, hours, asOf) =>
    `The client's history replayed under each tariff: ${requests} requests, ${hours} h of work, as of ${asOf}.`,
  target: (percent) => `Target SLA compliance: ${percent} on every clock.`,
  prepayment: (months) =>
    months === null ? 'No prepayment assumed.' : `Prepayment as in the current contract: ${months} months.`,
  tariff: 'Tariff',
  total: 'Total',
  meets: 'meets',
  fails: 'falls short',
  current: 'current',
  currentTerms: 'Current terms',
  whyNot: 'Why tariffs fall short',
  compliance: (clock, breaches, percent, due, keys) =>
    `${breaches} breach${breaches === 1 ? '' : 'es'} of the ${clock.toLowerCase()} clock — ${percent} of ${due} due (${keys})`,
  notCovered: (type, requests, keys) =>
    `does not cover ${type.toLowerCase()}: ${requests} request${requests === 1 ? '' : 's'} billed hourly (${keys})`,
  clockNotOffered: (clock, due) => `sets no ${clock.toLowerCase()} target (the current terms measured ${due})`,
  recommendation: (tariff, percent, total, months, delta, cheaper) =>
    `Recommendation: ${tariff} is the cheapest tariff meeting ${percent} on every clock: ${total} over ${months} month${months === 1 ? '' : 's'}, ${delta} ${cheaper ? 'less' : 'more'} than the current terms.`,
  noRecommendation: (percent, best) => `No tariff would have met ${percent} on every clock. Closest: ${best}.`,
  minimumTerm: (months) => `minimum term ${months} months`,
  breakdown: (tariff) => `Month by month: ${tariff}`,
  month: 'Month',
  usedHours: 'Hours',
  overageHours: 'Overage, h',
  burnedHours: 'Burnt, h',
  chartTitle: 'Cost over the period per tariff',
  clocks: { reaction: 'Reaction', start: 'Start of work', resolution: 'Resolution' },
  chargeKinds: {
    subscription: 'Fee',
    prepayment_discount: 'Discount',
    bank_package: 'Bank',
    overage: 'Overage',
    uncovered_work: 'Not covered',
    over_limit_incident: 'Over limit',
    off_hours_surcharge: 'Off hours',
    minimum_term: 'Min. term',
    service_credit: 'SLA credits',
  },
  notices: 'Notices',
};

/** The advice's phrases per language. */
export const ADVICE_WORDS: Record<Lang, AdviceWords> = { ru: RU, en: EN };
