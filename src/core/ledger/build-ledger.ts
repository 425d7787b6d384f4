import { entryOf } from '../errors/safe-record';
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { Tariff } from '../catalog/catalog-schema';
import type { CompiledCatalog, CompiledContract, ContractTariff } from '../catalog/compiled-catalog';
import type { ValidationIssue } from '../errors/validation-issue';
import type { BillableIssue } from './billable-issue';
import type {
  Charge,
  ContractLedger,
  HourLedger,
  LedgerEntry,
  LedgerMonth,
  MonthHourTotals,
  PackageKind,
  WorkSource,
} from './hour-ledger';
import { PERCENT_SCALE, roundedRatio, scaledPercent, toMinorUnits } from './minor-units';
import { MonthTable, type MonthId } from './month-table';
import { prepaymentDiscountPercent } from './prepayment-discount';
import { serviceCreditCharges, type CreditableBreach } from './service-credits';

/** What to post. */
export interface LedgerOptions {
  /** Last month to post, `YYYY-MM`; every contract is replayed from its first billing month up to it. */
  throughMonth: MonthId;
  /** Evaluation instant: later worklogs are ignored, and months not over by then stay open. */
  nowMs: number;
  /** Only these contracts (all when omitted). */
  contractIds?: readonly string[];
}

const SECONDS_PER_HOUR = 3_600;

/**
 * One contract's worklogs waiting to be posted, as parallel arrays: a million small objects would
 * cost more in garbage collection than the posting itself.
 */
class WorkQueue {
  readonly issues: BillableIssue[] = [];
  readonly indexes: number[] = [];
  readonly instants: number[] = [];
  readonly seconds: number[] = [];
  readonly offHours: boolean[] = [];
  readonly months: number[] = [];

  push(issue: BillableIssue, index: number, atMs: number, seconds: number, offHours: boolean, month: number): void {
    this.issues.push(issue);
    this.indexes.push(index);
    this.instants.push(atMs);
    this.seconds.push(seconds);
    this.offHours.push(offHours);
    this.months.push(month);
  }

  /** Positions in posting order: by month, then instant, issue key and worklog position (first come, first served). */
  order(): Uint32Array {
    const order = new Uint32Array(this.issues.length);
    for (let position = 0; position < order.length; position++) order[position] = position;
    const { months, instants, issues, indexes } = this;
    return order.sort((a, b) => {
      if (months[a] !== months[b]) return months[a] - months[b];
      if (instants[a] !== instants[b]) return instants[a] - instants[b];
      const keyA = issues[a].key;
      const keyB = issues[b].key;
      return keyA < keyB ? -1 : keyA > keyB ? 1 : indexes[a] - indexes[b];
    });
  }
}

function emptyTotals(): MonthHourTotals {
  return {
    allowance: 0,
    bankTopUp: 0,
    broughtForward: 0,
    drawnFromAllowance: 0,
    drawnFromBank: 0,
    coveredByFee: 0,
    overage: 0,
    uncovered: 0,
    burned: 0,
    carriedOver: 0,
    offHours: 0,
    bankBalance: 0,
    allowanceLeft: 0,
  };
}

function packageKindOf(tariff: Tariff): PackageKind {
  return tariff.hours?.kind ?? 'none';
}

function hoursCharge(
  kind: Charge['kind'],
  tariffId: string,
  seconds: number,
  unitPriceMinor: number,
  issueKeys: string[],
  percent?: number,
): Charge {
  const amountMinor =
    percent === undefined
      ? roundedRatio([seconds, unitPriceMinor], SECONDS_PER_HOUR)
      : roundedRatio([seconds, unitPriceMinor, scaledPercent(percent)], SECONDS_PER_HOUR * 100 * PERCENT_SCALE);
  return {
    kind,
    tariffId,
    quantity: seconds / SECONDS_PER_HOUR,
    seconds,
    unit: 'hour',
    unitPriceMinor,
    percent,
    amountMinor,
    prepaid: false,
    issueKeys,
  };
}

/** A work, overage or uncovered entry, always built with the same shape (a million of them must stay cheap). */
function worklogEntry(
  kind: LedgerEntry['kind'],
  month: MonthId,
  seconds: number,
  tariffId: string,
  source: WorkSource | undefined,
  queue: WorkQueue,
  position: number,
): LedgerEntry {
  return {
    kind,
    month,
    seconds,
    tariffId,
    source,
    issueKey: queue.issues[position].key,
    worklogIndex: queue.indexes[position],
    atMs: queue.instants[position],
    offHours: queue.offHours[position],
  };
}

/** Collects notices once per code and path, so 10 000 worklogs without a rate make one notice. */
class Notices {
  private readonly seen = new Map<string, ValidationIssue>();

  add(code: string, path: Array<string | number>, message: string): void {
    const key = `${code}\u0000${path.join('.')}`;
    if (!this.seen.has(key)) this.seen.set(key, { code, path, message });
  }

  list(): ValidationIssue[] {
    return [...this.seen.values()];
  }
}

/** The month tables of one ledger, shared by contracts in the same zone starting the same month. */
class MonthTables {
  private readonly tables = new Map<string, MonthTable>();

  get(zone: string, from: MonthId, to: MonthId): MonthTable {
    const key = `${zone}\u0000${from}`;
    let table = this.tables.get(key);
    if (!table) {
      table = new MonthTable(zone, from, to);
      this.tables.set(key, table);
    }
    return table;
  }
}

/**
 * Posts every contract's worklogs against its hour package, month by month, from the contract's
 * first billing month through `options.throughMonth`.
 *
 * Rules (docs/hours-and-billing.md has worked examples):
 * - A worklog counts in the month of its instant in the contract's time zone; worklogs after `nowMs` wait.
 * - The month's package, rates and schedule are those of the term in force on the 1st (a term that
 *   starts mid-month bills from the next 1st; the first term bills from the month it starts in).
 * - Covered work draws on the month's allowance, then on the bank balance; the rest is overage at the
 *   month tariff's hourly rate. Unlimited packages and tariffs without a package cover it by the fee.
 * - Work on an issue its tariff does not cover (`covered === false`) is billed per issue at that
 *   tariff's hourly rate; an incident over the daily limit is billed at that tariff's over-limit price.
 * - Work done outside the working time of the issue's calendar (the schedule its SLA ran on) carries
 *   the month tariff's off-hours surcharge (percent of its hourly rate), per issue.
 * - When a month is over: unused allowance burns (`burn`), the bank balance carries over (`carry_over`).
 * - The monthly fee of a prepaid month gets the package's prepayment discount; leaving a term before its
 *   minimum term bills the months left at the full fee, in the term's last month.
 *
 * @example
 * const portfolio = evaluatePortfolio(catalog, issues, nowMs);
 * const ledger = buildLedger(catalog, billableIssues(issues, portfolio), { throughMonth: '2026-11', nowMs });
 * ledger.contracts[0].months.at(-1)?.totals.overage; // seconds of overage in November
 */
export function buildLedger(
  catalog: CompiledCatalog,
  issues: readonly BillableIssue[],
  options: LedgerOptions,
): HourLedger {
  const notices = new Notices();
  const tables = new MonthTables();
  const byContract = new Map<string, BillableIssue[]>();
  for (const issue of issues) {
    const list = byContract.get(issue.contractId);
    if (list) list.push(issue);
    else byContract.set(issue.contractId, [issue]);
  }
  const wanted = options.contractIds ? new Set(options.contractIds) : null;
  const contracts: ContractLedger[] = [];
  for (const contractId of catalog.contractIds()) {
    if (wanted && !wanted.has(contractId)) continue;
    const contract = catalog.contract(contractId);
    if (!contract) continue;
    contracts.push(postContract(catalog, contract, byContract.get(contractId) ?? [], options, tables, notices));
  }
  return { nowMs: options.nowMs, contracts, notices: notices.list() };
}

/** The term billed in each month: the last one in force at local midnight of the 1st. */
function termsByMonth(contract: CompiledContract, table: MonthTable, monthCount: number): ContractTariff[] {
  const monthTerms: ContractTariff[] = [];
  for (let index = 0, termIndex = 0; index < monthCount; index++) {
    const startMs = table.startMs(index);
    while (termIndex + 1 < contract.tariffs.length && contract.tariffs[termIndex + 1].fromMs <= startMs) termIndex++;
    monthTerms.push(contract.tariffs[termIndex]);
  }
  return monthTerms;
}

/** The contract's worklogs up to now in a queue by month, its over-limit incidents by month of creation and its breaches by month. */
function queueContractWork(
  catalog: CompiledCatalog,
  contract: CompiledContract,
  issues: readonly BillableIssue[],
  options: LedgerOptions,
  table: MonthTable,
  monthCount: number,
  notices: Notices,
): { queue: WorkQueue; overLimitByMonth: BillableIssue[][]; breachesByMonth: CreditableBreach[][] } {
  const queue = new WorkQueue();
  const overLimitByMonth: BillableIssue[][] = Array.from({ length: monthCount }, () => []);
  const breachesByMonth: CreditableBreach[][] = Array.from({ length: monthCount }, () => []);
  let earlyWorklogs = 0;
  for (const issue of issues) {
    const calendar: BusinessCalendar = catalog.calendar(issue.calendarId);
    if (issue.overLimit) {
      const createdIndex = table.indexOf(issue.createdAtMs);
      if (createdIndex >= 0 && createdIndex < monthCount) overLimitByMonth[createdIndex].push(issue);
    }
    for (const breach of issue.breaches ?? []) {
      const breachIndex = table.indexOf(breach.breachedAtMs);
      if (breachIndex >= 0 && breachIndex < monthCount)
        breachesByMonth[breachIndex].push({ issueKey: issue.key, tariffId: issue.tariffId, breach });
    }
    const worklogs = issue.worklogs;
    for (let index = 0; index < worklogs.length; index++) {
      const worklog = worklogs[index];
      const atMs = worklog.atMs;
      if (atMs > options.nowMs) continue;
      const monthIndex = table.indexOf(atMs);
      if (monthIndex < 0) {
        earlyWorklogs++;
        continue;
      }
      if (monthIndex >= monthCount) continue;
      const seconds = Math.round(worklog.minutes * 60);
      if (seconds <= 0) continue;
      queue.push(issue, index, atMs, seconds, !calendar.isWorking(atMs), monthIndex);
    }
  }
  if (earlyWorklogs > 0) {
    notices.add(
      'worklog_before_contract',
      ['contracts', contract.id, 'terms', 0, 'from'],
      `${earlyWorklogs} worklog(s) of contract "${contract.id}" were done before its first term (${contract.tariffs[0].term.from}) and are not billed`,
    );
  }
  return { queue, overLimitByMonth, breachesByMonth };
}

/** One month being posted: its figures so far, and the hours left to draw on. */
interface MonthPosting {
  readonly month: string;
  readonly term: ContractTariff;
  readonly totals: MonthHourTotals;
  readonly entries: LedgerEntry[];
  readonly charges: Charge[];
  allowanceLeft: number;
  bankSeconds: number;
}

/** Opens a month: the balance brought forward, the allowance, a bank bought with a new term, the fee and its prepayment discount. */
function openMonth(posting: MonthPosting, newTerm: boolean, prepaid: boolean, discountPercent: number): void {
  const { month, term, totals, entries, charges } = posting;
  const hourPackage = term.tariff.hours;
  if (posting.bankSeconds > 0) {
    totals.broughtForward = posting.bankSeconds;
    entries.push({ kind: 'brought_forward', month, seconds: posting.bankSeconds, tariffId: term.tariffId });
  }
  if (hourPackage?.kind === 'monthly') {
    posting.allowanceLeft = Math.round(hourPackage.includedHours * SECONDS_PER_HOUR);
    totals.allowance = posting.allowanceLeft;
    entries.push({ kind: 'allowance', month, seconds: posting.allowanceLeft, tariffId: term.tariffId });
  }
  if (hourPackage?.kind === 'bank' && newTerm) {
    const bought = Math.round(hourPackage.bankHours * SECONDS_PER_HOUR);
    posting.bankSeconds += bought;
    totals.bankTopUp = bought;
    entries.push({ kind: 'bank_topup', month, seconds: bought, tariffId: term.tariffId });
    if (hourPackage.bankPrice !== undefined) {
      const price = toMinorUnits(hourPackage.bankPrice);
      charges.push({
        kind: 'bank_package',
        tariffId: term.tariffId,
        quantity: 1,
        seconds: bought,
        unit: 'package',
        unitPriceMinor: price,
        amountMinor: price,
        prepaid: false,
        issueKeys: [],
      });
    }
  }
  const fee = term.tariff.prices?.monthly;
  if (fee !== undefined && fee > 0) {
    const feeMinor = toMinorUnits(fee);
    charges.push({
      kind: 'subscription',
      tariffId: term.tariffId,
      quantity: 1,
      unit: 'month',
      unitPriceMinor: feeMinor,
      amountMinor: feeMinor,
      prepaid,
      issueKeys: [],
    });
    if (discountPercent > 0) {
      const discount = roundedRatio([feeMinor, scaledPercent(discountPercent)], 100 * PERCENT_SCALE);
      charges.push({
        kind: 'prepayment_discount',
        tariffId: term.tariffId,
        quantity: 1,
        unit: 'month',
        unitPriceMinor: feeMinor,
        percent: discountPercent,
        amountMinor: -discount,
        prepaid,
        issueKeys: [],
      });
    }
  }
}

/** What the month's work was billed as, per issue, for the charges. */
interface MonthWork {
  readonly uncoveredByIssue: Map<BillableIssue, number>;
  readonly overageKeys: Set<string>;
  readonly offHoursByIssue: Map<string, number>;
}

/** Draws the month's worklogs (queue positions `order[from…]` of month `index`) on the allowance, then the bank; the rest is overage. Returns the next position. */
function drawWork(
  posting: MonthPosting,
  queue: WorkQueue,
  order: ArrayLike<number>,
  from: number,
  index: number,
  kind: PackageKind,
  work: MonthWork,
): number {
  const { month, term, totals, entries } = posting;
  let cursor = from;
  for (; cursor < order.length && queue.months[order[cursor]] === index; cursor++) {
    const position = order[cursor];
    const issue = queue.issues[position];
    const seconds = queue.seconds[position];
    if (queue.offHours[position]) {
      totals.offHours += seconds;
      work.offHoursByIssue.set(issue.key, (work.offHoursByIssue.get(issue.key) ?? 0) + seconds);
    }
    if (!issue.covered) {
      totals.uncovered += seconds;
      work.uncoveredByIssue.set(issue, (work.uncoveredByIssue.get(issue) ?? 0) + seconds);
      entries.push(worklogEntry('uncovered', month, seconds, issue.tariffId, undefined, queue, position));
      continue;
    }
    if (kind === 'unlimited' || kind === 'none') {
      totals.coveredByFee += seconds;
      entries.push(
        worklogEntry(
          'work',
          month,
          seconds,
          term.tariffId,
          kind === 'unlimited' ? 'unlimited' : 'fee',
          queue,
          position,
        ),
      );
      continue;
    }
    let rest = seconds;
    if (posting.allowanceLeft > 0) {
      const drawn = Math.min(rest, posting.allowanceLeft);
      posting.allowanceLeft -= drawn;
      rest -= drawn;
      totals.drawnFromAllowance += drawn;
      entries.push(worklogEntry('work', month, drawn, term.tariffId, 'allowance', queue, position));
    }
    if (rest > 0 && posting.bankSeconds > 0) {
      const drawn = Math.min(rest, posting.bankSeconds);
      posting.bankSeconds -= drawn;
      rest -= drawn;
      totals.drawnFromBank += drawn;
      entries.push(worklogEntry('work', month, drawn, term.tariffId, 'bank', queue, position));
    }
    if (rest > 0) {
      totals.overage += rest;
      work.overageKeys.add(issue.key);
      entries.push(worklogEntry('overage', month, rest, term.tariffId, undefined, queue, position));
    }
  }
  totals.allowanceLeft = posting.allowanceLeft;
  return cursor;
}

/** The month's charges for hours: overage, work the tariff does not cover, the off-hours surcharge. */
function chargeHours(catalog: CompiledCatalog, posting: MonthPosting, work: MonthWork, notices: Notices): void {
  const { term, totals, charges } = posting;
  const hourly = term.tariff.prices?.hourly;
  if (totals.overage > 0) {
    if (hourly === undefined)
      notices.add(
        'no_hourly_rate',
        ['tariffs', term.tariffId, 'prices', 'hourly'],
        `tariff "${term.tariffId}" has no hourly rate: its overage hours are listed but not billed; set prices.hourly`,
      );
    else
      charges.push(hoursCharge('overage', term.tariffId, totals.overage, toMinorUnits(hourly), [...work.overageKeys]));
  }
  for (const [issue, seconds] of [...work.uncoveredByIssue].sort(([a], [b]) => (a.key < b.key ? -1 : 1))) {
    const issueHourly = entryOf(catalog.catalog.tariffs, issue.tariffId)?.prices?.hourly;
    if (issueHourly === undefined)
      notices.add(
        'no_hourly_rate',
        ['tariffs', issue.tariffId, 'prices', 'hourly'],
        `tariff "${issue.tariffId}" has no hourly rate: work on request types it does not cover is listed but not billed; set prices.hourly`,
      );
    else charges.push(hoursCharge('uncovered_work', issue.tariffId, seconds, toMinorUnits(issueHourly), [issue.key]));
  }
  const surcharge = term.tariff.prices?.offHoursSurchargePercent;
  if (surcharge !== undefined && surcharge > 0 && work.offHoursByIssue.size > 0) {
    if (hourly === undefined)
      notices.add(
        'no_hourly_rate_for_surcharge',
        ['tariffs', term.tariffId, 'prices', 'hourly'],
        `tariff "${term.tariffId}" has an off-hours surcharge but no hourly rate to apply it to: off-hours work is listed but the surcharge is not billed; set prices.hourly`,
      );
    else {
      for (const [key, seconds] of [...work.offHoursByIssue].sort(([a], [b]) => (a < b ? -1 : 1))) {
        charges.push(
          hoursCharge('off_hours_surcharge', term.tariffId, seconds, toMinorUnits(hourly), [key], surcharge),
        );
      }
    }
  }
}

/** One charge per incident over the daily limit created in the month, at its tariff's over-limit price. */
function chargeOverLimit(
  catalog: CompiledCatalog,
  posting: MonthPosting,
  overLimit: BillableIssue[],
  notices: Notices,
): void {
  for (const issue of overLimit.sort((a, b) => a.createdAtMs - b.createdAtMs || (a.key < b.key ? -1 : 1))) {
    const price = entryOf(catalog.catalog.tariffs, issue.tariffId)?.prices?.overLimitIncident;
    if (price === undefined) {
      notices.add(
        'no_over_limit_price',
        ['tariffs', issue.tariffId, 'prices', 'overLimitIncident'],
        `tariff "${issue.tariffId}" has a daily incident limit but no price for incidents over it; set prices.overLimitIncident`,
      );
      continue;
    }
    const priceMinor = toMinorUnits(price);
    posting.charges.push({
      kind: 'over_limit_incident',
      tariffId: issue.tariffId,
      quantity: 1,
      unit: 'incident',
      unitPriceMinor: priceMinor,
      amountMinor: priceMinor,
      prepaid: false,
      issueKeys: [issue.key],
    });
  }
}

/** A month that is over: unused allowance burns, the bank balance carries over. */
function closeMonth(posting: MonthPosting): void {
  const { month, term, totals, entries } = posting;
  if (posting.allowanceLeft > 0) {
    totals.burned = posting.allowanceLeft;
    entries.push({ kind: 'burn', month, seconds: posting.allowanceLeft, tariffId: term.tariffId });
  }
  if (posting.bankSeconds > 0) {
    totals.carriedOver = posting.bankSeconds;
    entries.push({ kind: 'carry_over', month, seconds: posting.bankSeconds, tariffId: term.tariffId });
  }
}

/** Posts one contract's months, in named steps per month: open, draw the work, charge hours and over-limit incidents, close. */
function postContract(
  catalog: CompiledCatalog,
  contract: CompiledContract,
  issues: readonly BillableIssue[],
  options: LedgerOptions,
  tables: MonthTables,
  notices: Notices,
): ContractLedger {
  const zone = contract.timeZone;
  const firstMonth = DateTime.fromMillis(contract.tariffs[0].fromMs, { zone }).toFormat('yyyy-MM');
  if (firstMonth > options.throughMonth) return { contractId: contract.id, timeZone: zone, months: [] };
  const table = tables.get(zone, firstMonth, options.throughMonth);
  const monthCount = table.indexOfMonth(options.throughMonth) + 1;
  const monthTerms = termsByMonth(contract, table, monthCount);
  const { queue, overLimitByMonth, breachesByMonth } = queueContractWork(
    catalog,
    contract,
    issues,
    options,
    table,
    monthCount,
    notices,
  );

  const order = queue.order();
  let cursor = 0;
  const months: LedgerMonth[] = [];
  let bankSeconds = 0;
  let previousTerm: ContractTariff | null = null;
  let termMonth = 0;
  for (let index = 0; index < monthCount; index++) {
    const term = monthTerms[index];
    const startMs = table.startMs(index);
    const endMs = table.endMs(index);
    const closed = endMs <= options.nowMs;
    const newTerm = previousTerm === null || previousTerm.termIndex !== term.termIndex;
    if (newTerm && previousTerm !== null && months.length > 0)
      addMinimumTermCharge(months[months.length - 1], previousTerm, termMonth, notices);
    termMonth = newTerm ? 1 : termMonth + 1;
    previousTerm = term;

    const prepaidMonths = term.term.prepaidMonths ?? 0;
    const prepaid = termMonth <= prepaidMonths;
    const discountPercent = prepaid ? prepaymentDiscountPercent(term.tariff.hours, prepaidMonths) : 0;
    const posting: MonthPosting = {
      month: table.months[index],
      term,
      totals: emptyTotals(),
      entries: [],
      charges: [],
      allowanceLeft: 0,
      bankSeconds,
    };
    openMonth(posting, newTerm, prepaid, discountPercent);
    const kind = packageKindOf(term.tariff);
    const work: MonthWork = { uncoveredByIssue: new Map(), overageKeys: new Set(), offHoursByIssue: new Map() };
    cursor = drawWork(posting, queue, order, cursor, index, kind, work);
    chargeHours(catalog, posting, work, notices);
    chargeOverLimit(catalog, posting, overLimitByMonth[index], notices);
    posting.charges.push(...serviceCreditCharges(catalog.catalog.tariffs, breachesByMonth[index]));
    if (closed) closeMonth(posting);
    bankSeconds = posting.bankSeconds;
    posting.totals.bankBalance = bankSeconds;
    months.push({
      contractId: contract.id,
      month: posting.month,
      startMs,
      endMs,
      closed,
      termIndex: term.termIndex,
      tariffId: term.tariffId,
      packageKind: kind,
      termMonth,
      prepaid,
      discountPercent,
      totals: posting.totals,
      entries: posting.entries,
      charges: posting.charges,
    });
  }
  return { contractId: contract.id, timeZone: zone, months };
}

/** A term left before its minimum term: the months left are billed at the full fee in its last month. */
function addMinimumTermCharge(
  lastMonth: LedgerMonth,
  term: ContractTariff,
  billedMonths: number,
  notices: Notices,
): void {
  const hourPackage = term.tariff.hours;
  const minimum = hourPackage && hourPackage.kind !== 'bank' ? hourPackage.minimumTermMonths : undefined;
  if (minimum === undefined || billedMonths >= minimum) return;
  const fee = term.tariff.prices?.monthly;
  if (fee === undefined) {
    notices.add(
      'no_monthly_fee',
      ['tariffs', term.tariffId, 'prices', 'monthly'],
      `tariff "${term.tariffId}" has a minimum term but no monthly fee to bill the months left`,
    );
    return;
  }
  const feeMinor = toMinorUnits(fee);
  const monthsLeft = minimum - billedMonths;
  lastMonth.charges.push({
    kind: 'minimum_term',
    tariffId: term.tariffId,
    quantity: monthsLeft,
    unit: 'month',
    unitPriceMinor: feeMinor,
    amountMinor: feeMinor * monthsLeft,
    prepaid: false,
    issueKeys: [],
  });
}
