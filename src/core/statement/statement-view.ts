import { formatIssuePath } from '../errors/validation-issue';
import { entryOf } from '../errors/safe-record';
import { DateTime } from 'luxon';
import { CLOCK_NAMES } from '../catalog/catalog-schema';
import type { Charge } from '../ledger/hour-ledger';
import type { ContractStatement, MonthlyStatement } from './monthly-statement';
import { StatementLocale, type Lang } from './statement-locale';
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
export function describeCharge(charge: Charge, contract: ContractStatement, statement: MonthlyStatement, locale: StatementLocale): string {
  const words = STATEMENT_WORDS[locale.lang].charges;
  const tariffName = entryOf(statement.tariffNames, charge.tariffId) ?? charge.tariffId;
  const key = charge.issueKeys[0] ?? '';
  const typeName = (): string => {
    const type = contract.issueTypes[key];
    return type === undefined ? '' : STATEMENT_WORDS[locale.lang].requestType(type, entryOf(statement.requestTypeNames, type));
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
  }
}

function table(head: string[], rows: string[][], numeric: boolean[]): ViewTable | null {
  return rows.length === 0 ? null : { head, rows, numeric };
}

function contractView(statement: MonthlyStatement, contract: ContractStatement, locale: StatementLocale, words: StatementWords): ContractView {
  const ledger = contract.ledger;
  const totals = ledger.totals;
  const kpis = contract.kpis;
  const zone = contract.timeZone;
  const typeName = (type: string): string => words.requestType(type, entryOf(statement.requestTypeNames, type));
  const lastDay = DateTime.fromMillis(contract.endMs - 1, { zone }).toFormat('yyyy-MM-dd');
  const meta: ViewPair[] = [
    [words.client, `${contract.contractName} (${contract.contractId})`],
    [words.period, `${locale.date(`${contract.month}-01`)} – ${locale.date(lastDay)} (${zone})`],
    [words.tariff, `${contract.tariffName} (${ledger.tariffId}), ${words.termMonth(ledger.termMonth, ledger.prepaid, ledger.discountPercent)}`],
    [words.package, words.packageKinds[ledger.packageKind]],
    [words.asOf, `${locale.dateTime(statement.nowMs, zone)}, ${ledger.closed ? words.monthClosed : words.monthOpen}`],
  ];

  const hours: ViewPair[] = [];
  hours.push([
    words.hours.included,
    contract.includedSeconds !== null ? locale.hoursWithUnit(contract.includedSeconds) : ledger.packageKind === 'unlimited' ? words.hours.unlimited : words.hours.inFee,
  ]);
  if (totals.broughtForward > 0) hours.push([words.hours.broughtForward, locale.hoursWithUnit(totals.broughtForward)]);
  if (totals.bankTopUp > 0) hours.push([words.hours.bankTopUp, locale.hoursWithUnit(totals.bankTopUp)]);
  hours.push([words.hours.used, locale.hoursWithUnit(contract.usedSeconds)]);
  if (ledger.packageKind === 'monthly') hours.push([words.hours.remaining, locale.hoursWithUnit(totals.allowanceLeft)]);
  if (ledger.packageKind === 'monthly' || totals.burned > 0) hours.push([words.hours.burned, locale.hoursWithUnit(totals.burned)]);
  if (ledger.packageKind === 'bank' || totals.bankBalance > 0) hours.push([words.hours.carriedOver, locale.hoursWithUnit(ledger.closed ? totals.carriedOver : totals.bankBalance)]);
  hours.push([words.hours.overage, locale.hoursWithUnit(totals.overage)]);
  if (totals.uncovered > 0) hours.push([words.hours.uncovered, locale.hoursWithUnit(totals.uncovered)]);
  hours.push([words.hours.offHours, locale.hoursWithUnit(totals.offHours)]);

  const limits = [...new Set(kpis.incidentsPerDay.map((day) => day.limit))];
  const maxPerDay = kpis.incidentsPerDay.reduce((max, day) => Math.max(max, day.incidents), 0);
  const requests: ViewPair[] = [
    [words.kpi.received, `${kpis.received}${kpis.byType.length > 0 ? ` (${kpis.byType.map((item) => `${typeName(item.type)}: ${item.count}`).join(', ')})` : ''}`],
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
      return [words.clocks[clock], String(figures.due), String(figures.met), String(figures.breached), locale.percent(figures.compliancePercent)];
    }),
    [false, true, true, true, true],
  );
  const breaches = table(
    [words.table.issue, words.table.clock, words.table.breachedAt, words.table.target, words.table.elapsed, words.table.priority, words.table.summary],
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
  const escalations: ViewPair[] = [[words.kpi.escalationsFired, kpis.escalations.fired === 0 ? '0' : `${kpis.escalations.fired} (${kpis.escalations.byLevel.map((item) => `${words.kpi.level} ${item.level}: ${item.count}`).join(', ')})`]];
  const criticalEscalations = table(
    [words.table.issue, words.kpi.level, words.table.clock, words.table.date],
    kpis.escalations.critical.map((step) => [step.key, String(step.level), words.clocks[step.clock], locale.dateTime(step.atMs, zone)]),
    [false, true, false, false],
  );
  const perDay = table(
    [words.table.date, words.table.incidents, words.table.limit, words.kpi.overLimit],
    kpis.incidentsPerDay.filter((day) => day.incidents > 0).map((day) => [locale.date(day.date), String(day.incidents), day.limit === null ? words.none : String(day.limit), String(day.overLimit)]),
    [false, true, true, true],
  );
  const timeByType = table([words.table.requestType, words.table.hours], kpis.timeByType.map((item) => [typeName(item.type), locale.hours(item.seconds)]), [false, true]);
  const timeByLine = table(
    [words.table.supportLine, words.table.hours],
    kpis.timeByLine.map((item) => [item.line === 'unassigned' ? words.unassigned : item.line, locale.hours(item.seconds)]),
    [false, true],
  );
  const charges = table(
    [words.table.description, words.table.quantity, words.table.unit, `${words.table.price}, ${statement.currency}`, `${words.table.amount}, ${statement.currency}`, words.table.prepaid],
    ledger.charges.map((charge) => [
      describeCharge(charge, contract, statement, locale),
      charge.unit === 'hour' ? locale.hours(charge.seconds ?? charge.quantity * 3_600) : locale.number(charge.quantity, 2),
      words.units[charge.unit],
      locale.amount(charge.unitPriceMinor),
      locale.amount(charge.amountMinor),
      charge.prepaid ? words.yes : '',
    ]),
    [false, true, false, true, true, false],
  );
  const totalsRows: ViewPair[] = [[words.totals.total, locale.money(contract.totalMinor)]];
  if (contract.totalMinor !== contract.dueMinor) totalsRows.push([words.totals.prepaid, locale.money(contract.totalMinor - contract.dueMinor)]);
  totalsRows.push([words.totals.due, locale.money(contract.dueMinor)]);
  const ledgerTable = table(
    [words.table.date, words.table.kind, words.table.issue, words.table.author, words.table.source, words.table.hours],
    ledger.entries.map((entry) => {
      const worklog = entry.issueKey !== undefined ? contract.worklogs[`${entry.issueKey}#${entry.worklogIndex}`] : undefined;
      const notes = [entry.source ? words.sources[entry.source] : '', entry.offHours ? words.offHoursMark : ''].filter(Boolean).join(', ');
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
  };
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
    notices: statement.notices.map((notice) => `${formatIssuePath(notice.path)}: ${notice.message}`),
    words,
    locale,
  };
}
