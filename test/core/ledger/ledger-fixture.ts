import { DateTime } from 'luxon';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog';
import { parseCatalog } from '../../../src/core/catalog/parse-catalog';
import type { IssueHistory } from '../../../src/core/history/issue-history';
import { billableIssues } from '../../../src/core/ledger/billable-issue';
import { buildLedger } from '../../../src/core/ledger/build-ledger';
import type { HourLedger, LedgerMonth } from '../../../src/core/ledger/hour-ledger';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';

export const HOUR = 3_600;

const DISCOUNTS = [
  { moreThanMonths: 6, percent: 5 },
  { moreThanMonths: 12, percent: 10 },
];

/** Tariffs shaped like the seed tariffs, with round prices so expected amounts are easy to check by hand. */
const TARIFFS = {
  pack10: {
    name: 'Пакет 10 часов',
    calendar: 'office',
    targets: { reaction: 120 },
    hours: { kind: 'monthly', includedHours: 10, minimumTermMonths: 3, prepaymentDiscounts: DISCOUNTS },
    prices: { monthly: 25000, hourly: 2800, offHoursSurchargePercent: 50 },
  },
  pack25: {
    name: 'Пакет 25 часов',
    calendar: 'office',
    targets: { reaction: 120 },
    hours: { kind: 'monthly', includedHours: 25, minimumTermMonths: 3, prepaymentDiscounts: DISCOUNTS },
    prices: { monthly: 57500, hourly: 2600, offHoursSurchargePercent: 50 },
  },
  unlimited: {
    name: 'Безлимитный',
    calendar: 'office',
    targets: { reaction: 60 },
    hours: { kind: 'unlimited', minimumTermMonths: 1, prepaymentDiscounts: [{ moreThanMonths: 2, percent: 10 }] },
    prices: { monthly: 150000, hourly: 3000, offHoursSurchargePercent: 50 },
  },
  bank10: {
    name: 'Банк 10 часов',
    calendar: 'office',
    targets: { reaction: 180 },
    hours: { kind: 'bank', bankHours: 10, bankPrice: 30000 },
    prices: { hourly: 3000, offHoursSurchargePercent: 50 },
  },
  bank15: {
    name: 'Банк 15 часов',
    calendar: 'office',
    targets: { reaction: 180 },
    hours: { kind: 'bank', bankHours: 15, bankPrice: 43500 },
    prices: { hourly: 3000, offHoursSurchargePercent: 50 },
  },
  basic: {
    name: 'Базовый',
    calendar: 'office',
    incidentsPerDay: 2,
    targets: { reaction: 240, resolution: 480 },
    prices: { monthly: 100000, hourly: 2500, overLimitIncident: 3000 },
  },
  standard: {
    name: 'Стандартный',
    calendar: 'office',
    incidentsPerDay: 3,
    targets: { reaction: 120, resolution: 240 },
    prices: { monthly: 160000, hourly: 2500, overLimitIncident: 2500 },
  },
  free: {
    name: 'Бесплатный',
    calendar: 'office',
    coveredTypes: ['bug'],
    targets: { reaction: 480 },
    prices: { hourly: 3000 },
  },
  nohourly: {
    name: 'Без ставки',
    calendar: 'office',
    targets: { reaction: 60 },
    hours: { kind: 'monthly', includedHours: 1 },
    prices: { monthly: 1000, offHoursSurchargePercent: 50 },
  },
};

/** A catalog with the test tariffs and the given contracts (`{id: {terms, timeZone?, calendar?}}`). */
export function catalogWith(
  contracts: Record<
    string,
    { terms: Array<Record<string, unknown>>; timeZone?: string; calendar?: string; name?: string }
  >,
): CompiledCatalog {
  const document = {
    currency: 'RUB',
    timeZone: 'Europe/Moscow',
    priorities: ['low', 'normal', 'high', 'critical'],
    requestTypes: { incident: {}, bug: {}, consultation: {} },
    defaults: {
      statuses: { initial: 'New', paused: ['Waiting'], working: ['In Progress'], done: ['Resolved', 'Closed'] },
    },
    calendars: {
      office: { zone: 'Europe/Moscow', week: { weekdays: ['09:00-18:00'] } },
      'office-ny': { zone: 'America/New_York', week: { weekdays: ['09:00-17:00'] } },
    },
    tariffs: TARIFFS,
    contracts: Object.fromEntries(
      Object.entries(contracts).map(([id, contract]) => [id, { name: `Client ${id}`, ...contract }]),
    ),
  };
  const parsed = parseCatalog(document);
  if (!parsed.ok) throw new Error(`test catalog invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

let counter = 0;

/** An issue of `contract` created at `createdAt`, with worklogs `[instant, minutes]`. */
export function issue(
  contract: string,
  createdAt: string,
  worklogs: Array<[string, number]>,
  options: { type?: string; key?: string; status?: string; summary?: string } = {},
): IssueHistory {
  counter++;
  return {
    key: options.key ?? `T-${counter}`,
    contractId: contract,
    type: options.type ?? 'incident',
    priority: 'normal',
    status: options.status ?? 'New',
    summary: options.summary,
    createdAtMs: DateTime.fromISO(createdAt, { setZone: true }).toMillis(),
    events: [],
    worklogs: worklogs.map(([at, minutes], index) => ({
      atMs: DateTime.fromISO(at, { setZone: true }).toMillis(),
      minutes,
      author: `eng${index % 2}`,
    })),
  };
}

/** Evaluates the issues at `at` and posts the ledger through `throughMonth`, the way the CLI does. */
export function ledgerOf(
  catalog: CompiledCatalog,
  issues: IssueHistory[],
  throughMonth: string,
  at: string,
): HourLedger {
  const nowMs = DateTime.fromISO(at, { setZone: true }).toMillis();
  const portfolio = evaluatePortfolio(catalog, issues, nowMs);
  if (portfolio.problems.length > 0) throw new Error(`test issues invalid: ${JSON.stringify(portfolio.problems)}`);
  return buildLedger(catalog, billableIssues(issues, portfolio), { throughMonth, nowMs });
}

/** The ledger month of a contract, failing the test when it is missing. */
export function monthOf(ledger: HourLedger, contractId: string, month: string): LedgerMonth {
  const found = ledger.contracts
    .find((contract) => contract.contractId === contractId)
    ?.months.find((candidate) => candidate.month === month);
  if (!found) throw new Error(`no ledger month ${month} for ${contractId}`);
  return found;
}

/** Sum of a month's charges of one kind, in kopecks. */
export function chargedMinor(month: LedgerMonth, kind: string): number {
  return month.charges.filter((charge) => charge.kind === kind).reduce((sum, charge) => sum + charge.amountMinor, 0);
}
