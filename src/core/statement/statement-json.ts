import { DateTime } from 'luxon';
import { CLOCK_NAMES, type ClockName } from '../catalog/catalog-schema';
import type { ValidationIssue } from '../errors/validation-issue';
import type { ClockCompliance } from '../kpi/contract-kpis';
import type { ChargeKind, LedgerEntryKind, PackageKind, WorkSource } from '../ledger/hour-ledger';
import { MINOR_PER_MAJOR } from '../ledger/minor-units';
import type { ContractStatement, MonthlyStatement } from './monthly-statement';
import { StatementLocale, type Lang } from './statement-locale';
import { describeCharge } from './statement-view';

/** Hours of the month, to 0.01 h. `included` is null for unlimited and fee-covered tariffs. */
export interface StatementHoursJson {
  package: PackageKind;
  included: number | null;
  used: number;
  remaining: number | null;
  burned: number;
  carriedOver: number;
  broughtForward: number;
  bankTopUp: number;
  bankBalance: number;
  overage: number;
  uncovered: number;
  offHours: number;
}

/** A charge line item; amounts in the catalog currency (exact to the kopeck), `amountMinor` in kopecks. */
export interface StatementChargeJson {
  kind: ChargeKind;
  description: string;
  tariff: string;
  issues: string[];
  quantity: number;
  unit: 'month' | 'hour' | 'incident' | 'package';
  unitPrice: number;
  percent?: number;
  amount: number;
  amountMinor: number;
  currency: string;
  prepaid: boolean;
}

/** A ledger entry with its worklog. */
export interface StatementLedgerEntryJson {
  kind: LedgerEntryKind;
  hours: number;
  seconds: number;
  tariff: string;
  source?: WorkSource;
  issue?: string;
  worklog?: { index: number; id?: string | number; at: string; author: string; line?: string };
  offHours?: boolean;
}

/** One contract in `tariff-sla report --format json`. */
export interface ContractStatementJson {
  contract: { id: string; name: string; timeZone: string };
  month: string;
  period: { from: string; to: string; closed: boolean };
  tariff: { id: string; name: string; termMonth: number; prepaid: boolean; discountPercent: number };
  hours: StatementHoursJson;
  incidents: {
    received: number;
    resolved: number;
    resolutionRatePercent: number | null;
    overLimit: number;
    offHours: number;
    uncovered: number;
    byType: Record<string, number>;
    perDay: Array<{ date: string; incidents: number; limit: number | null; overLimit: number }>;
  };
  sla: Record<ClockName, ClockCompliance>;
  kpi: {
    firstResponse: { responded: number; awaiting: number; medianMinutes: number | null; p90Minutes: number | null };
    resolutionTime: { resolved: number; averageMinutes: number | null };
    escalations: { fired: number; byLevel: Array<{ level: number; count: number }>; critical: Array<{ issue: string; level: number; clock: ClockName; at: string }> };
    timeByType: Array<{ type: string; hours: number }>;
    timeByLine: Array<{ line: string; hours: number }>;
  };
  breaches: Array<{ issue: string; clock: ClockName; breachedAt: string; targetMinutes: number; elapsedMinutes: number; priority: string; type: string; tariff: string; summary?: string }>;
  charges: StatementChargeJson[];
  totals: { amount: number; prepaid: number; due: number; currency: string };
  burndown: Array<{ date: string; used: number; cumulative: number; remaining: number | null }>;
  ledger: StatementLedgerEntryJson[];
}

/** The whole answer of `tariff-sla report --format json`. */
export interface StatementJson {
  month: string;
  at: string;
  currency: string;
  contracts: ContractStatementJson[];
  notices: ValidationIssue[];
}

function hours(seconds: number): number {
  return Math.round((seconds / 3_600) * 100) / 100;
}

function oneDecimal(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

function major(minor: number): number {
  return minor / MINOR_PER_MAJOR;
}

function iso(instantMs: number, zone: string): string {
  return DateTime.fromMillis(instantMs, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(instantMs).toISOString();
}

function contractJson(statement: MonthlyStatement, contract: ContractStatement, locale: StatementLocale): ContractStatementJson {
  const ledger = contract.ledger;
  const totals = ledger.totals;
  const kpis = contract.kpis;
  const zone = contract.timeZone;
  const sla = { reaction: { ...kpis.sla.reaction }, start: { ...kpis.sla.start }, resolution: { ...kpis.sla.resolution } };
  for (const clock of CLOCK_NAMES) sla[clock].compliancePercent = oneDecimal(sla[clock].compliancePercent);
  return {
    contract: { id: contract.contractId, name: contract.contractName, timeZone: zone },
    month: contract.month,
    period: { from: iso(contract.startMs, zone), to: iso(contract.endMs, zone), closed: ledger.closed },
    tariff: { id: ledger.tariffId, name: contract.tariffName, termMonth: ledger.termMonth, prepaid: ledger.prepaid, discountPercent: ledger.discountPercent },
    hours: {
      package: ledger.packageKind,
      included: contract.includedSeconds === null ? null : hours(contract.includedSeconds),
      used: hours(contract.usedSeconds),
      remaining: ledger.packageKind === 'monthly' ? hours(totals.allowanceLeft) : ledger.packageKind === 'bank' || totals.bankBalance > 0 ? hours(totals.bankBalance) : null,
      burned: hours(totals.burned),
      carriedOver: hours(totals.carriedOver),
      broughtForward: hours(totals.broughtForward),
      bankTopUp: hours(totals.bankTopUp),
      bankBalance: hours(totals.bankBalance),
      overage: hours(totals.overage),
      uncovered: hours(totals.uncovered),
      offHours: hours(totals.offHours),
    },
    incidents: {
      received: kpis.received,
      resolved: kpis.resolved,
      resolutionRatePercent: oneDecimal(kpis.resolutionRatePercent),
      overLimit: kpis.overLimit,
      offHours: kpis.offHours,
      uncovered: kpis.uncovered,
      byType: Object.fromEntries(kpis.byType.map((item) => [item.type, item.count])),
      perDay: kpis.incidentsPerDay.map((day) => ({ ...day })),
    },
    sla,
    kpi: {
      firstResponse: {
        ...kpis.firstResponse,
        medianMinutes: oneDecimal(kpis.firstResponse.medianMinutes),
        p90Minutes: oneDecimal(kpis.firstResponse.p90Minutes),
      },
      resolutionTime: { resolved: kpis.resolutionTime.resolved, averageMinutes: oneDecimal(kpis.resolutionTime.averageMinutes) },
      escalations: {
        fired: kpis.escalations.fired,
        byLevel: kpis.escalations.byLevel,
        critical: kpis.escalations.critical.map((step) => ({ issue: step.key, level: step.level, clock: step.clock, at: iso(step.atMs, zone) })),
      },
      timeByType: kpis.timeByType.map((item) => ({ type: item.type, hours: hours(item.seconds) })),
      timeByLine: kpis.timeByLine.map((item) => ({ line: item.line, hours: hours(item.seconds) })),
    },
    breaches: kpis.breaches.map((breach) => ({
      issue: breach.key,
      clock: breach.clock,
      breachedAt: iso(breach.breachedAtMs, zone),
      targetMinutes: breach.targetMinutes,
      elapsedMinutes: breach.elapsedMinutes,
      priority: breach.priority,
      type: breach.type,
      tariff: breach.tariffId,
      summary: breach.summary,
    })),
    charges: ledger.charges.map((charge) => ({
      kind: charge.kind,
      description: describeCharge(charge, contract, statement, locale),
      tariff: charge.tariffId,
      issues: charge.issueKeys,
      quantity: charge.unit === 'hour' ? Math.round(charge.quantity * 10_000) / 10_000 : charge.quantity,
      unit: charge.unit,
      unitPrice: major(charge.unitPriceMinor),
      percent: charge.percent,
      amount: major(charge.amountMinor),
      amountMinor: charge.amountMinor,
      currency: statement.currency,
      prepaid: charge.prepaid,
    })),
    totals: { amount: major(contract.totalMinor), prepaid: major(contract.totalMinor - contract.dueMinor), due: major(contract.dueMinor), currency: statement.currency },
    burndown: contract.burndown
      .filter((day) => !day.future)
      .map((day) => ({ date: day.date, used: hours(day.usedSeconds), cumulative: hours(day.cumulativeSeconds), remaining: day.remainingSeconds === null ? null : hours(day.remainingSeconds) })),
    ledger: ledger.entries.map((entry) => {
      const worklog = entry.issueKey !== undefined ? contract.worklogs[`${entry.issueKey}#${entry.worklogIndex}`] : undefined;
      return {
        kind: entry.kind,
        hours: hours(entry.seconds),
        seconds: entry.seconds,
        tariff: entry.tariffId,
        source: entry.source,
        issue: entry.issueKey,
        worklog:
          entry.worklogIndex !== undefined && entry.atMs !== undefined && worklog
            ? { index: entry.worklogIndex, id: worklog.id, at: iso(entry.atMs, zone), author: worklog.author, line: worklog.line }
            : undefined,
        offHours: entry.offHours,
      };
    }),
  };
}

/**
 * The statement as the JSON contract of `tariff-sla report --format json`. Hours are rounded to
 * 0.01 h and percents to 0.1 for reading; ledger entries keep exact seconds and charges exact
 * kopecks (`amountMinor`), so every figure can be re-added. Instants carry the contract zone's offset.
 *
 * @example
 * statementToJson(statement, 'ru').contracts[0].hours.overage; // 2.25
 */
export function statementToJson(statement: MonthlyStatement, lang: Lang): StatementJson {
  const locale = new StatementLocale(lang, statement.currency);
  return {
    month: statement.month,
    at: iso(statement.nowMs, statement.timeZone),
    currency: statement.currency,
    contracts: statement.contracts.map((contract) => contractJson(statement, contract, locale)),
    notices: statement.notices,
  };
}
