import type { ClockName } from '../catalog/clock-names';
import type { ValidationIssue } from '../errors/validation-issue';
import type { MonthId } from './month-table';

/**
 * Kinds of ledger entries. Credits: `allowance` (a month's included hours), `bank_topup` (a bank
 * bought), `brought_forward` (bank balance from the month before). Debits: `work` (covered work drawn
 * from the package or covered by the fee), `burn` (allowance unused at month end), `carry_over` (bank
 * balance into the next month). Billable: `overage` (covered work beyond the package), `uncovered`
 * (work on a request type the tariff does not cover).
 */
export type LedgerEntryKind =
  'allowance' | 'bank_topup' | 'brought_forward' | 'work' | 'overage' | 'uncovered' | 'burn' | 'carry_over';

/** What paid for covered work: the month's allowance, the bank, or the fee of an unlimited or unmetered tariff. */
export type WorkSource = 'allowance' | 'bank' | 'unlimited' | 'fee';

/** One movement of hours, traceable to the worklog or rule behind it. Seconds are whole and positive. */
export interface LedgerEntry {
  kind: LedgerEntryKind;
  month: MonthId;
  seconds: number;
  /** Tariff whose package or rate applies. */
  tariffId: string;
  source?: WorkSource;
  /** The worklog behind a work, overage or uncovered entry: its issue and position in the issue's `worklogs`. */
  issueKey?: string;
  worklogIndex?: number;
  /** When the work was done. */
  atMs?: number;
  /** Work done outside the working time of the issue's calendar. */
  offHours?: boolean;
}

/** Kinds of charge line items, in the order a bill lists them. */
export const CHARGE_KINDS = [
  'subscription',
  'prepayment_discount',
  'bank_package',
  'overage',
  'uncovered_work',
  'over_limit_incident',
  'off_hours_surcharge',
  'minimum_term',
  'service_credit',
] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** Units of a charge line's quantity. */
export type ChargeUnit = 'month' | 'hour' | 'incident' | 'package' | 'breach';

/** The breach behind a `service_credit` line, and how grace and the monthly cap treated it. */
export interface ServiceCreditDetail {
  clock: ClockName;
  breachedAtMs: number;
  targetMinutes: number;
  elapsedMinutes: number;
  /** Position of the tariff's credit rule that priced the breach (`serviceCredits.rules[i]`). */
  ruleIndex: number;
  /** The credit the rule gives, before grace and cap, in minor units (positive). */
  fullMinor: number;
  /** Within the month's free breaches (`graceBreaches`): credited nothing. */
  grace: boolean;
  /** The monthly cap cut the credit, to part of it or to nothing. */
  capped: boolean;
}

/**
 * A line item of the month's bill, in minor units (kopecks). `amountMinor` is rounded once from the
 * exact quantity × unit price (× percent); a total is the sum of its rounded lines.
 */
export interface Charge {
  kind: ChargeKind;
  tariffId: string;
  quantity: number;
  /** Exact seconds behind an hourly quantity, or the hours a bank package holds. */
  seconds?: number;
  unit: ChargeUnit;
  unitPriceMinor: number;
  /** Discount or surcharge percent applied to quantity × unit price. */
  percent?: number;
  amountMinor: number;
  /** Covered by a prepayment invoiced at the start of the term. */
  prepaid: boolean;
  issueKeys: string[];
  /** The breach a `service_credit` line credits. */
  credit?: ServiceCreditDetail;
}

/** Hour package kinds as the statement names them; `none` is a tariff without an hour package (work covered by the fee). */
export type PackageKind = 'monthly' | 'bank' | 'unlimited' | 'none';

/** Hour totals of one month, in seconds. */
export interface MonthHourTotals {
  allowance: number;
  bankTopUp: number;
  broughtForward: number;
  drawnFromAllowance: number;
  drawnFromBank: number;
  /** Covered by an unlimited package or by the fee of a tariff without a package. */
  coveredByFee: number;
  overage: number;
  uncovered: number;
  burned: number;
  carriedOver: number;
  /** Work done outside the working time of the issue's calendar (covered or not). */
  offHours: number;
  /** Bank balance at month end (or at the evaluation instant for an open month). */
  bankBalance: number;
  /** Allowance left at month end before the burn (or now, for an open month). */
  allowanceLeft: number;
}

/** One contract's month in the ledger. */
export interface LedgerMonth {
  contractId: string;
  month: MonthId;
  startMs: number;
  endMs: number;
  /** The month has ended by the evaluation instant: burn and carry-over are posted. */
  closed: boolean;
  /** The term in force on the 1st (or the first term, in the month it starts). */
  termIndex: number;
  tariffId: string;
  packageKind: PackageKind;
  /** Billing month number within the term, from 1. */
  termMonth: number;
  /** The month lies within the months prepaid at the start of the term. */
  prepaid: boolean;
  discountPercent: number;
  totals: MonthHourTotals;
  entries: LedgerEntry[];
  charges: Charge[];
}

/** One contract's months, from its first billing month. */
export interface ContractLedger {
  contractId: string;
  timeZone: string;
  months: LedgerMonth[];
}

/** The hour ledger of a portfolio, and what it could not bill (missing prices, work before a contract). */
export interface HourLedger {
  nowMs: number;
  contracts: ContractLedger[];
  notices: ValidationIssue[];
}
