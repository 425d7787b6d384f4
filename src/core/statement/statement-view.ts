import { entryOf } from '../errors/safe-record';
import { DateTime } from 'luxon';
import { CLOCK_NAMES } from '../catalog/catalog-schema';
import type { Charge } from '../ledger/hour-ledger';
import type { ContractStatement, MonthlyStatement } from './monthly-statement';
import { StatementLocale, type Lang } from './statement-locale';
import { noticeText } from './statement-notices';
import { STATEMENT_WORDS, type StatementWords } from './statement-words';

/** A table as text cells; `numeric[i]` right-aligns column i. */
export interface ViewTable {
  head: string[];
  rows: string[][];
  numeric: boolean[];
}

/** Label and value. */
export type ViewPair = [string, string];

/** One contract's statement as the words and numbers every text renderer shows. */
export interface ContractView {
  contractId: string;
  heading: string;
  meta: ViewPair[];
  open: boolean;
  hours: ViewPair[];
  requests: ViewPair[];
  sla: ViewTable | null;
  breaches: ViewTable | null;
  escalations: ViewPair[];
  criticalEscalations: ViewTable | null;
  perDay: ViewTable | null;
  timeByType: ViewTable | null;
  timeByLine: ViewTable | null;
  charges: ViewTable | null;
  totals: ViewPair[];
  ledger: ViewTable | null;
  /** Customer satisfaction: figures, target and verdict; per type, per line; the lowest-rated requests. */
  satisfaction: ViewPair[];
  satisfactionByType: ViewTable | null;
  satisfactionByLine: ViewTable | null;
  lowestRated: ViewTable | null;
  /** One row per credited breach, with the explain call; null when the month has none. */
  credits: ViewTable | null;
  creditTerms: ViewPair[];
}

/** The whole statement as words and numbers. */
export interface StatementView {
  lang: Lang;
  title: string;
  monthTitle: string;
  asOf: string;
  contracts: ContractView[];
  notices: string[];
  words: StatementWords;
  locale: StatementLocale;
}

/** The description of a charge line in the reader's language. */
export function describeCharge(
  charge: Charge,
  contract: ContractStatement,
  statement: MonthlyStatement,
  locale: StatementLocale,
): string {
  const words = STATEMENT_WORDS[locale.lang].charges;
  const tariffName = entryOf(statement.tariffNames, charge.tariffId) ?? charge.tariffId;
  const key = charge.issueKeys[0] ?? '';
  const typeName = (): string => {
    const type = contract.issueTypes[key];
    return type === undefined
      ? ''
      : STATEMENT_WORDS[locale.lang].requestType(type, entryOf(statement.requestTypeNames, type));
  };
  switch (charge.kind) {
    case 'subscription':
      return words.subscription(tariffName);
    case 'prepayment_discount':
      return words.prepayment_discount(locale.percent(charge.percent ?? 0));
    case 'bank_package':
      return words.bank_package(locale.number((charge.seconds ?? 0) / 3_600, 2));
    case 'overage':
      return words.overage;
    case 'uncovered_work':
      return words.uncovered_work(key, typeName());
    case 'over_limit_incident':
      return words.over_limit_incident(key);
    case 'off_hours_surcharge':
      return words.off_hours_surcharge(locale.percent(charge.percent ?? 0), key);
    case 'minimum_term':
      return words.minimum_term(tariffName, charge.quantity);
    case 'service_credit': {
      const credit = charge.credit;
      const all = STATEMENT_WORDS[locale.lang];
      if (!credit) return words.service_credit(key, '', '', '');
      return words.service_credit(
        key,
        all.clocks[credit.clock],
        locale.dateTime(credit.breachedAtMs, contract.timeZone),
        creditNote(charge, all),
      );
    }
  }
}

/** Why a credit line credits less than its rule: grace, or the month's cap. */
function creditNote(charge: Charge, words: StatementWords): string {
  if (charge.credit?.grace) return words.credits.grace;
  if (charge.credit?.capped) return words.credits.capped;
  return '';
}

/**
 * The `tariff-sla explain` call that shows, segment by segment, how the breached clock of a
 * credited issue was counted, as of the statement's instant.
 */
export function explainCommand(key: string, statement: MonthlyStatement): string {
  const at =
    DateTime.fromMillis(statement.nowMs, { zone: statement.timeZone }).toISO({ suppressMilliseconds: true }) ??
    new Date(statement.nowMs).toISOString();
  return `tariff-sla explain --key ${key} --at ${at}`;
}

function table(head: string[], rows: string[][], numeric: boolean[]): ViewTable | null {
  return rows.length === 0 ? null : { head, rows, numeric };
}

function contractView(
  statement: MonthlyStatement,
  contract: ContractStatement,
  locale: StatementLocale,
  words: StatementWords,
): ContractView {
  const ledger = contract.ledger;
  const totals = ledger.totals;
  const kpis = contract.kpis;
  const zone = contract.timeZone;
  const typeName = (type: string): string => words.requestType(type, entryOf(statement.requestTypeNames, type));
  const lastDay = DateTime.fromMillis(contract.endMs - 1, { zone }).toFormat('yyyy-MM-dd');
  const meta: ViewPair[] = [
    [words.client, `${contract.contractName} (${contract.contractId})`],
    [words.period, `${locale.date(`${contract.month}-01`)} – ${locale.date(lastDay)} (${zone})`],
    [
      words.tariff,
      `${contract.tariffName} (${ledger.tariffId}), ${words.termMonth(ledger.termMonth, ledger.prepaid, ledger.discountPercent)}`,
    ],
    [words.package, words.packageKinds[ledger.packageKind]],
    [words.asOf, `${locale.dateTime(statement.nowMs, zone)}, ${ledger.closed ? words.monthClosed : words.monthOpen}`],
  ];

  const hours: ViewPair[] = [];
  hours.push([
    words.hours.included,
    contract.includedSeconds !== null
      ? locale.hoursWithUnit(contract.includedSeconds)
      : ledger.packageKind === 'unlimited'
        ? words.hours.unlimited
        : words.hours.inFee,
  ]);
  if (totals.broughtForward > 0) hours.push([words.hours.broughtForward, locale.hoursWithUnit(totals.broughtForward)]);
  if (totals.bankTopUp > 0) hours.push([words.hours.bankTopUp, locale.hoursWithUnit(totals.bankTopUp)]);
  hours.push([words.hours.used, locale.hoursWithUnit(contract.usedSeconds)]);
  if (ledger.packageKind === 'monthly') hours.push([words.hours.remaining, locale.hoursWithUnit(totals.allowanceLeft)]);
  if (ledger.packageKind === 'monthly' || totals.burned > 0)
    hours.push([words.hours.burned, locale.hoursWithUnit(totals.burned)]);
  if (ledger.packageKind === 'bank' || totals.bankBalance > 0)
    hours.push([
      words.hours.carriedOver,
      locale.hoursWithUnit(ledger.closed ? totals.carriedOver : totals.bankBalance),
    ]);
  hours.push([words.hours.overage, locale.hoursWithUnit(totals.overage)]);
  if (totals.uncovered > 0) hours.push([words.hours.uncovered, locale.hoursWithUnit(totals.uncovered)]);
  hours.push([words.hours.offHours, locale.hoursWithUnit(totals.offHours)]);

  const limits = [...new Set(kpis.incidentsPerDay.map((day) => day.limit))];
  const maxPerDay = kpis.incidentsPerDay.reduce((max, day) => Math.max(max, day.incidents), 0);
  const requests: ViewPair[] = [
    [
      words.kpi.received,
      `${kpis.received}${kpis.byType.length > 0 ? ` (${kpis.byType.map((item) => `${typeName(item.type)}: ${item.count}`).join(', ')})` : ''}`,
    ],
    [words.kpi.resolved, String(kpis.resolved)],
    [words.kpi.resolutionRate, locale.percent(kpis.resolutionRatePercent)],
    [words.kpi.firstResponseMedian, locale.minutes(kpis.firstResponse.medianMinutes)],
    [words.kpi.firstResponseP90, locale.minutes(kpis.firstResponse.p90Minutes)],
    [words.kpi.awaitingResponse, String(kpis.firstResponse.awaiting)],
    [words.kpi.averageResolution, locale.minutes(kpis.resolutionTime.averageMinutes)],
    [words.kpi.dailyLimit, limits.map((limit) => (limit === null ? words.kpi.noLimit : String(limit))).join(' / ')],
    [words.kpi.maxPerDay, String(maxPerDay)],
    [words.kpi.overLimit, String(kpis.overLimit)],
    [words.kpi.offHours, String(kpis.offHours)],
    [words.kpi.uncovered, String(kpis.uncovered)],
  ];

  const sla = table(
    [words.table.clock, words.table.due, words.table.met, words.table.breached, words.table.compliance],
    CLOCK_NAMES.filter((clock) => kpis.sla[clock].due > 0).map((clock) => {
      const figures = kpis.sla[clock];
      return [
        words.clocks[clock],
        String(figures.due),
        String(figures.met),
        String(figures.breached),
        locale.percent(figures.compliancePercent),
      ];
    }),
    [false, true, true, true, true],
  );
  const breaches = table(
    [
      words.table.issue,
      words.table.clock,
      words.table.breachedAt,
      words.table.target,
      words.table.elapsed,
      words.table.priority,
      words.table.summary,
    ],
    kpis.breaches.map((breach) => [
      breach.key,
      words.clocks[breach.clock],
      locale.dateTime(breach.breachedAtMs, zone),
      locale.minutes(breach.targetMinutes),
      locale.minutes(breach.elapsedMinutes),
      breach.priority,
      breach.summary ?? '',
    ]),
    [false, false, false, true, true, false, false],
  );
  const escalations: ViewPair[] = [
    [
      words.kpi.escalationsFired,
      kpis.escalations.fired === 0
        ? '0'
        : `${kpis.escalations.fired} (${kpis.escalations.byLevel.map((item) => `${words.kpi.level} ${item.level}: ${item.count}`).join(', ')})`,
    ],
  ];
  const criticalEscalations = table(
    [words.table.issue, words.kpi.level, words.table.clock, words.table.date],
    kpis.escalations.critical.map((step) => [
      step.key,
      String(step.level),
      words.clocks[step.clock],
      locale.dateTime(step.atMs, zone),
    ]),
    [false, true, false, false],
  );
  const perDay = table(
    [words.table.date, words.table.incidents, words.table.limit, words.kpi.overLimit],
    kpis.incidentsPerDay
      .filter((day) => day.incidents > 0)
      .map((day) => [
        locale.date(day.date),
        String(day.incidents),
        day.limit === null ? words.none : String(day.limit),
        String(day.overLimit),
      ]),
    [false, true, true, true],
  );
  const timeByType = table(
    [words.table.requestType, words.table.hours],
    kpis.timeByType.map((item) => [typeName(item.type), locale.hours(item.seconds)]),
    [false, true],
  );
  const timeByLine = table(
    [words.table.supportLine, words.table.hours],
    kpis.timeByLine.map((item) => [
      item.line === 'unassigned' ? words.unassigned : item.line,
      locale.hours(item.seconds),
    ]),
    [false, true],
  );
  const charges = table(
    [
      words.table.description,
      words.table.quantity,
      words.table.unit,
      `${words.table.price}, ${statement.currency}`,
      `${words.table.amount}, ${statement.currency}`,
      words.table.prepaid,
    ],
    ledger.charges.map((charge) => [
      describeCharge(charge, contract, statement, locale),
      charge.unit === 'hour'
        ? locale.hours(charge.seconds ?? charge.quantity * 3_600)
        : locale.number(charge.quantity, 2),
      words.units[charge.unit],
      locale.amount(charge.unitPriceMinor),
      locale.amount(charge.amountMinor),
      charge.prepaid ? words.yes : '',
    ]),
    [false, true, false, true, true, false],
  );
  const totalsRows: ViewPair[] = [];
  if (contract.creditsMinor !== 0 || ledger.charges.some((charge) => charge.kind === 'service_credit')) {
    totalsRows.push(
      [words.credits.chargesBeforeCredits, locale.money(contract.chargesMinor)],
      [words.credits.creditsTotal, locale.money(contract.creditsMinor)],
    );
  }
  totalsRows.push([words.totals.total, locale.money(contract.totalMinor)]);
  if (contract.totalMinor !== contract.dueMinor)
    totalsRows.push([words.totals.prepaid, locale.money(contract.totalMinor - contract.dueMinor)]);
  totalsRows.push([words.totals.due, locale.money(contract.dueMinor)]);
  const ledgerTable = table(
    [words.table.date, words.table.kind, words.table.issue, words.table.author, words.table.source, words.table.hours],
    ledger.entries.map((entry) => {
      const worklog =
        entry.issueKey !== undefined ? contract.worklogs[`${entry.issueKey}#${entry.worklogIndex}`] : undefined;
      const notes = [entry.source ? words.sources[entry.source] : '', entry.offHours ? words.offHoursMark : '']
        .filter(Boolean)
        .join(', ');
      const signed = entry.kind === 'burn' || entry.kind === 'carry_over' ? -entry.seconds : entry.seconds;
      return [
        entry.atMs !== undefined ? locale.dateTime(entry.atMs, zone) : '',
        words.entryKinds[entry.kind],
        entry.issueKey ?? '',
        worklog?.author ?? '',
        notes,
        locale.hours(signed),
      ];
    }),
    [false, false, false, false, false, true],
  );
  return {
    contractId: contract.contractId,
    heading: `${contract.contractName} — ${locale.month(contract.month)}`,
    meta,
    open: !ledger.closed,
    hours,
    requests,
    sla,
    breaches,
    escalations,
    criticalEscalations,
    perDay,
    timeByType,
    timeByLine,
    charges,
    totals: totalsRows,
    ledger: ledgerTable,
    ...satisfactionView(statement, contract, locale, words),
    ...creditsView(statement, contract, locale, words),
  };
}

/** The month tariff's CSAT target and the month's verdict ("at least 85 % satisfied — met"), or null without a target. */
export function csatTargetText(contract: ContractStatement, locale: StatementLocale): string | null {
  const judgement = contract.csat;
  if (!judgement) return null;
  const words = STATEMENT_WORDS[locale.lang];
  const target = words.csat.targetText(
    judgement.target.satisfiedPercent === undefined ? null : locale.percent(judgement.target.satisfiedPercent),
    judgement.target.averageScore === undefined ? null : locale.number(judgement.target.averageScore, 2),
  );
  const verdict =
    judgement.verdict === 'not_enough_responses'
      ? `${words.csat.verdicts.not_enough_responses}: ${words.csat.tooFew(judgement.minimumResponses)}`
      : words.csat.verdicts[judgement.verdict];
  return `${target} — ${verdict}`;
}

type SatisfactionView = Pick<
  ContractView,
  'satisfaction' | 'satisfactionByType' | 'satisfactionByLine' | 'lowestRated'
>;

function satisfactionView(
  statement: MonthlyStatement,
  contract: ContractStatement,
  locale: StatementLocale,
  words: StatementWords,
): SatisfactionView {
  const csat = contract.kpis.satisfaction;
  const typeName = (type: string): string => words.requestType(type, statement.requestTypeNames[type]);
  const average = (value: number | null): string =>
    value === null ? words.none : words.csat.outOfFive(locale.number(value, 2));
  const pairs: ViewPair[] = [[words.csat.responses, String(csat.responses)]];
  if (csat.responses > 0) {
    pairs.push(
      [words.csat.distribution, [5, 4, 3, 2, 1].map((score) => `${score}: ${csat.distribution[score - 1]}`).join(', ')],
      [words.csat.averageScore, average(csat.averageScore)],
      [words.csat.satisfied, `${locale.percent(csat.satisfiedPercent)} (${csat.satisfied})`],
    );
  }
  pairs.push([
    words.csat.responseRate,
    csat.resolved === 0
      ? words.none
      : words.csat.rated(csat.rated, csat.resolved, locale.percent(csat.responseRatePercent)),
  ]);
  const target = csatTargetText(contract, locale);
  if (target !== null) pairs.push([words.csat.target, target]);
  const groupRow = (
    name: string,
    figures: { responses: number; averageScore: number | null; satisfiedPercent: number | null },
  ): string[] => [
    name,
    String(figures.responses),
    figures.averageScore === null ? words.none : locale.number(figures.averageScore, 2),
    locale.percent(figures.satisfiedPercent),
  ];
  const groupHead = (first: string): string[] => [
    first,
    words.csat.responses,
    words.csat.averageScore,
    words.csat.satisfied,
  ];
  return {
    satisfaction: pairs,
    satisfactionByType: table(
      groupHead(words.table.requestType),
      csat.byType.map((item) => groupRow(typeName(item.type), item)),
      [false, true, true, true],
    ),
    satisfactionByLine: table(
      groupHead(words.table.supportLine),
      csat.byLine.map((item) => groupRow(item.line === 'unassigned' ? words.unassigned : item.line, item)),
      [false, true, true, true],
    ),
    lowestRated: table(
      [
        words.table.issue,
        words.csat.score,
        words.csat.ratedAt,
        words.table.requestType,
        words.table.supportLine,
        words.table.summary,
        words.csat.comment,
      ],
      csat.lowestRated.map((item) => [
        item.key,
        String(item.score),
        locale.dateTime(item.atMs, contract.timeZone),
        typeName(item.type),
        item.line === 'unassigned' ? words.unassigned : item.line,
        item.summary ?? '',
        item.comment ?? '',
      ]),
      [false, true, false, false, false, false, false],
    ),
  };
}

function creditsView(
  statement: MonthlyStatement,
  contract: ContractStatement,
  locale: StatementLocale,
  words: StatementWords,
): Pick<ContractView, 'credits' | 'creditTerms'> {
  const lines = contract.ledger.charges.filter(
    (charge) => charge.kind === 'service_credit' && charge.credit !== undefined,
  );
  const credits = table(
    [
      words.table.issue,
      words.table.clock,
      words.table.breachedAt,
      words.table.target,
      words.table.elapsed,
      words.credits.rule,
      `${words.credits.credit}, ${statement.currency}`,
      words.credits.note,
      words.credits.explain,
    ],
    lines.map((charge) => {
      const credit = charge.credit;
      const key = charge.issueKeys[0] ?? '';
      const rule =
        charge.percent !== undefined
          ? words.credits.percentOfFee(locale.percent(charge.percent))
          : locale.money(charge.unitPriceMinor);
      return [
        key,
        credit ? words.clocks[credit.clock] : '',
        credit ? locale.dateTime(credit.breachedAtMs, contract.timeZone) : '',
        credit ? locale.minutes(credit.targetMinutes) : '',
        credit ? locale.minutes(credit.elapsedMinutes) : '',
        rule,
        locale.amount(charge.amountMinor),
        creditNote(charge, words),
        explainCommand(key, statement),
      ];
    }),
    [false, false, false, true, true, false, true, false, false],
  );
  const creditTerms: ViewPair[] = [];
  if (lines.length > 0) {
    const grace = lines.filter((charge) => charge.credit?.grace).length;
    const capped = lines.filter((charge) => charge.credit?.capped).length;
    creditTerms.push([words.credits.breaches, words.credits.summary(lines.length, grace, capped)]);
  }
  return { credits, creditTerms };
}

/**
 * The statement in words and numbers of one language: what the HTML, Markdown and Textile
 * renderers lay out, so the three never disagree on a figure.
 *
 * @example
 * const view = statementView(statement, 'ru');
 * view.contracts[0].totals; // [['Итого за месяц', '69 625,00 ₽'], ['К оплате', '…']]
 */
export function statementView(statement: MonthlyStatement, lang: Lang): StatementView {
  const locale = new StatementLocale(lang, statement.currency);
  const words = STATEMENT_WORDS[lang];
  return {
    lang,
    title: words.title,
    monthTitle: locale.month(statement.month),
    asOf: locale.dateTime(statement.nowMs, statement.timeZone),
    contracts: statement.contracts.map((contract) => contractView(statement, contract, locale, words)),
    notices: statement.notices.map((notice) => noticeText(notice, lang)),
    words,
    locale,
  };
}
