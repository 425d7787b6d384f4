import { entryOf } from '../errors/safe-record';
import { CLOCK_NAMES } from '../catalog/catalog-schema';
import { CHARGE_KINDS } from '../ledger/hour-ledger';
import { StatementLocale, type Lang } from '../statement/statement-locale';
import { STATEMENT_WORDS } from '../statement/statement-words';
import type { ViewTable } from '../statement/statement-view';
import type { TariffAdvice, TariffOutcome } from './advise-tariffs';
import { ADVICE_WORDS, type AdviceWords } from './advice-words';

/** The advice in words and numbers of one language, for the text and HTML renderers. */
export interface AdviceView {
  title: string;
  intro: string[];
  comparison: ViewTable;
  /** Row index (in `comparison.rows`) of the recommended tariff, or −1. */
  recommendedRow: number;
  /** Row index of the current terms. */
  currentRow: number;
  whyNot: Array<{ tariff: string; reasons: string[] }>;
  conclusion: string;
  breakdowns: Array<{ title: string; tariffId: string; actual: boolean; table: ViewTable }>;
  notices: string[];
  words: AdviceWords;
  locale: StatementLocale;
}

function tariffLabel(outcome: TariffOutcome, words: AdviceWords): string {
  return outcome.actual ? `${words.currentTerms} (${outcome.tariffId})` : `${outcome.tariffId} «${outcome.tariffName}»`;
}

function reasons(
  outcome: TariffOutcome,
  advice: TariffAdvice,
  locale: StatementLocale,
  words: AdviceWords,
  lang: Lang,
): string[] {
  const list = (keys: readonly string[]): string =>
    keys.length > 4 ? `${keys.slice(0, 4).join(', ')}, …` : keys.join(', ');
  return outcome.failures.map((failure) => {
    switch (failure.kind) {
      case 'compliance':
        return words.compliance(
          words.clocks[failure.clock],
          failure.breaches,
          locale.percent(failure.compliancePercent),
          failure.due,
          list(failure.issueKeys),
        );
      case 'not_covered':
        return words.notCovered(
          STATEMENT_WORDS[lang].requestType(failure.type, entryOf(advice.requestTypeNames, failure.type)),
          failure.requests,
          list(failure.issueKeys),
        );
      case 'clock_not_offered':
        return words.clockNotOffered(words.clocks[failure.clock], failure.dueUnderCurrent);
    }
  });
}

function breakdown(outcome: TariffOutcome, locale: StatementLocale, words: AdviceWords): ViewTable {
  const kinds = CHARGE_KINDS.filter((kind) => outcome.months.some((month) => month.byKind[kind] !== undefined));
  const head = [
    words.month,
    ...kinds.map((kind) => words.chargeKinds[kind]),
    words.total,
    words.usedHours,
    words.overageHours,
    words.burnedHours,
  ];
  const rows = outcome.months.map((month) => [
    locale.month(month.month),
    ...kinds.map((kind) => (month.byKind[kind] === undefined ? '' : locale.amount(month.byKind[kind] ?? 0))),
    locale.amount(month.totalMinor),
    locale.hours(month.usedSeconds + month.uncoveredSeconds),
    locale.hours(month.overageSeconds),
    locale.hours(month.burnedSeconds),
  ]);
  return { head, rows, numeric: head.map((_, index) => index > 0) };
}

/**
 * The advice laid out: a comparison table (cost per month, total, compliance per clock, verdict),
 * the reasons each tariff falls short, the recommendation, and month-by-month breakdowns.
 *
 * @example
 * adviceView(advice, 'en').conclusion; // 'Recommendation: hours-40 «Пакет 40 часов» is the cheapest tariff …'
 */
export function adviceView(advice: TariffAdvice, lang: Lang): AdviceView {
  const locale = new StatementLocale(lang, advice.currency);
  const words = ADVICE_WORDS[lang];
  const target = locale.percent(advice.targetCompliancePercent);
  const outcomes = [...advice.candidates, advice.current];
  const withCredits = outcomes.some((outcome) => outcome.creditsMinor !== 0);
  const head = [
    words.tariff,
    ...advice.months.map((month) => locale.month(month)),
    ...(withCredits ? [`${words.chargeKinds.service_credit}, ${advice.currency}`] : []),
    `${words.total}, ${advice.currency}`,
    ...CLOCK_NAMES.map((clock) => words.clocks[clock]),
    `${target}?`,
  ];
  const rows = outcomes.map((outcome) => [
    tariffLabel(outcome, words),
    ...outcome.months.map((month) => locale.amount(month.totalMinor)),
    ...(withCredits ? [locale.amount(outcome.creditsMinor)] : []),
    locale.amount(outcome.totalMinor),
    ...CLOCK_NAMES.map((clock) => locale.percent(outcome.sla[clock].compliancePercent)),
    [
      outcome.meetsTarget ? words.meets : words.fails,
      outcome.minimumTermMonths !== null ? words.minimumTerm(outcome.minimumTermMonths) : '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
  const recommended = advice.candidates.find((candidate) => candidate.tariffId === advice.recommended) ?? null;
  let conclusion: string;
  if (recommended) {
    const delta = recommended.totalMinor - advice.current.totalMinor;
    conclusion = words.recommendation(
      tariffLabel(recommended, words),
      target,
      locale.money(recommended.totalMinor),
      advice.months.length,
      locale.money(Math.abs(delta)),
      delta <= 0,
    );
  } else {
    const best = [...advice.candidates].sort(
      (a, b) => a.failures.length - b.failures.length || a.totalMinor - b.totalMinor,
    )[0];
    conclusion = words.noRecommendation(
      target,
      best ? `${tariffLabel(best, words)} — ${reasons(best, advice, locale, words, lang).join('; ')}` : '—',
    );
  }
  const breakdowns = [
    recommended,
    advice.current,
    ...advice.candidates.filter((candidate) => candidate !== recommended),
  ]
    .filter((outcome): outcome is TariffOutcome => outcome !== null)
    .map((outcome) => ({
      title: words.breakdown(tariffLabel(outcome, words)),
      tariffId: outcome.tariffId,
      actual: outcome.actual,
      table: breakdown(outcome, locale, words),
    }));
  return {
    title: `${words.title} — ${advice.contractName} (${advice.contractId}), ${locale.month(advice.months[0])} – ${locale.month(advice.months[advice.months.length - 1])}`,
    intro: [
      words.replayed(advice.requests, locale.hours(advice.workSeconds), locale.dateTime(advice.nowMs, advice.timeZone)),
      words.target(target),
      words.prepayment(advice.prepaidMonths),
    ],
    comparison: { head, rows, numeric: head.map((_, index) => index > 0 && index < head.length - 1) },
    recommendedRow: recommended ? advice.candidates.indexOf(recommended) : -1,
    currentRow: rows.length - 1,
    whyNot: outcomes
      .filter((outcome) => !outcome.meetsTarget)
      .map((outcome) => ({
        tariff: tariffLabel(outcome, words),
        reasons: reasons(outcome, advice, locale, words, lang),
      })),
    conclusion,
    breakdowns,
    notices: advice.notices.map((notice) => `${notice.path.join('.')}: ${notice.message}`),
    words,
    locale,
  };
}
