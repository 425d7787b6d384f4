import { DateTime } from 'luxon';
import { CLOCK_NAMES, type ClockName } from '../catalog/catalog-schema';
import type { ValidationIssue } from '../errors/validation-issue';
import type { ClockCompliance } from '../kpi/contract-kpis';
import type { CsatVerdict } from '../kpi/csat-judgement';
import type { ChargeKind, ChargeUnit, LedgerEntryKind, PackageKind, WorkSource } from '../ledger/hour-ledger';
import { MINOR_PER_MAJOR } from '../ledger/minor-units';
import type { ContractStatement, MonthlyStatement } from './monthly-statement';
import { StatementLocale, type Lang } from './statement-locale';
import { noticeMessage } from './statement-notices';
import { describeCharge, explainCommand } from './statement-view';

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
  unit: ChargeUnit;
  unitPrice: number;
  percent?: number;
  amount: number;
  amountMinor: number;
  currency: string;
  prepaid: boolean;
  /** The breach a `service_credit` line credits, how grace and the cap treated it, and how to explain it. */
  breach?: {
    clock: ClockName;
    breachedAt: string;
    targetMinutes: number;
    elapsedMinutes: number;
    rule: number;
    fullAmount: number;
    grace: boolean;
    capped: boolean;
    explain: string;
  };
}

/** CSAT figures of a group of ratings. */
export interface SatisfactionFiguresJson {
  responses: number;
  averageScore: number | null;
  satisfied: number;
  satisfiedPercent: number | null;
}

/** The month's customer satisfaction in the JSON statement. */
export interface StatementSatisfactionJson extends SatisfactionFiguresJson {
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  resolved: number;
  rated: number;
  responseRatePercent: number | null;
  target: {
    satisfiedPercent: number | null;
    averageScore: number | null;
    minimumResponses: number;
    verdict: CsatVerdict;
  } | null;
  byType: Array<{ type: string } & SatisfactionFiguresJson>;
  byLine: Array<{ line: string } & SatisfactionFiguresJson>;
  lowestRated: Array<{
    issue: string;
    score: number;
    ratedAt: string;
    type: string;
    line: string;
    summary?: string;
    comment?: string;
  }>;
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
    escalations: {
      fired: number;
      byLevel: Array<{ level: number; count: number }>;
      critical: Array<{ issue: string; level: number; clock: ClockName; at: string }>;
    };
    timeByType: Array<{ type: string; hours: number }>;
    timeByLine: Array<{ line: string; hours: number }>;
  };
  breaches: Array<{
    issue: string;
    clock: ClockName;
    breachedAt: string;
    targetMinutes: number;
    elapsedMinutes: number;
    priority: string;
    type: string;
    tariff: string;
    summary?: string;
  }>;
  charges: StatementChargeJson[];
  /** `amount` is net of service credits; `charges` before them, `credits` their (negative) sum. */
  totals: { amount: number; prepaid: number; due: number; currency: string; charges: number; credits: number };
  satisfaction: StatementSatisfactionJson;
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
  return (
    DateTime.fromMillis(instantMs, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(instantMs).toISOString()
  );
}

function twoDecimals(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

function figuresJson(figures: SatisfactionFiguresJson): SatisfactionFiguresJson {
  return {
    responses: figures.responses,
    averageScore: twoDecimals(figures.averageScore),
    satisfied: figures.satisfied,
    satisfiedPercent: oneDecimal(figures.satisfiedPercent),
  };
}

function satisfactionJson(contract: ContractStatement): StatementSatisfactionJson {
  const csat = contract.kpis.satisfaction;
  const judgement = contract.csat;
  const [one, two, three, four, five] = csat.distribution;
  return {
    ...figuresJson(csat),
    distribution: { '1': one, '2': two, '3': three, '4': four, '5': five },
    resolved: csat.resolved,
    rated: csat.rated,
    responseRatePercent: oneDecimal(csat.responseRatePercent),
    target: judgement
      ? {
          satisfiedPercent: judgement.target.satisfiedPercent ?? null,
          averageScore: judgement.target.averageScore ?? null,
          minimumResponses: judgement.minimumResponses,
          verdict: judgement.verdict,
        }
      : null,
    byType: csat.byType.map((item) => ({ type: item.type, ...figuresJson(item) })),
    byLine: csat.byLine.map((item) => ({ line: item.line, ...figuresJson(item) })),
    lowestRated: csat.lowestRated.map((item) => ({
      issue: item.key,
      score: item.score,
      ratedAt: iso(item.atMs, contract.timeZone),
      type: item.type,
      line: item.line,
      summary: item.summary,
      comment: item.comment,
    })),
  };
}

function contractJson(
  statement: MonthlyStatement,
  contract: ContractStatement,
  locale: StatementLocale,
): ContractStatementJson {
  const ledger = contract.ledger;
  const totals = ledger.totals;
  const kpis = contract.kpis;
  const zone = contract.timeZone;
  const sla = {
    reaction: { ...kpis.sla.reaction },
    start: { ...kpis.sla.start },
    resolution: { ...kpis.sla.resolution },
  };
  for (const clock of CLOCK_NAMES) sla[clock].compliancePercent = oneDecimal(sla[clock].compliancePercent);
  return {
    contract: { id: contract.contractId, name: contract.contractName, timeZone: zone },
    month: contract.month,
    period: { from: iso(contract.startMs, zone), to: iso(contract.endMs, zone), closed: ledger.closed },
    tariff: {
      id: ledger.tariffId,
      name: contract.tariffName,
      termMonth: ledger.termMonth,
      prepaid: ledger.prepaid,
      discountPercent: ledger.discountPercent,
    },
    hours: {
      package: ledger.packageKind,
      included: contract.includedSeconds === null ? null : hours(contract.includedSeconds),
      used: hours(contract.usedSeconds),
      remaining:
        ledger.packageKind === 'monthly'
          ? hours(totals.allowanceLeft)
          : ledger.packageKind === 'bank' || totals.bankBalance > 0
            ? hours(totals.bankBalance)
            : null,
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
      resolutionTime: {
        resolved: kpis.resolutionTime.resolved,
        averageMinutes: oneDecimal(kpis.resolutionTime.averageMinutes),
      },
      escalations: {
        fired: kpis.escalations.fired,
        byLevel: kpis.escalations.byLevel,
        critical: kpis.escalations.critical.map((step) => ({
          issue: step.key,
          level: step.level,
          clock: step.clock,
          at: iso(step.atMs, zone),
        })),
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
      breach: charge.credit
        ? {
            clock: charge.credit.clock,
            breachedAt: iso(charge.credit.breachedAtMs, zone),
            targetMinutes: charge.credit.targetMinutes,
            elapsedMinutes: charge.credit.elapsedMinutes,
            rule: charge.credit.ruleIndex,
            fullAmount: major(charge.credit.fullMinor),
            grace: charge.credit.grace,
            capped: charge.credit.capped,
            explain: explainCommand(charge.issueKeys[0] ?? '', statement),
          }
        : undefined,
    })),
    totals: {
      amount: major(contract.totalMinor),
      prepaid: major(contract.totalMinor - contract.dueMinor),
      due: major(contract.dueMinor),
      currency: statement.currency,
      charges: major(contract.chargesMinor),
      credits: major(contract.creditsMinor),
    },
    satisfaction: satisfactionJson(contract),
    burndown: contract.burndown
      .filter((day) => !day.future)
      .map((day) => ({
        date: day.date,
        used: hours(day.usedSeconds),
        cumulative: hours(day.cumulativeSeconds),
        remaining: day.remainingSeconds === null ? null : hours(day.remainingSeconds),
      })),
    ledger: ledger.entries.map((entry) => {
      const worklog =
        entry.issueKey !== undefined ? contract.worklogs[`${entry.issueKey}#${entry.worklogIndex}`] : undefined;
      return {
        kind: entry.kind,
        hours: hours(entry.seconds),
        seconds: entry.seconds,
        tariff: entry.tariffId,
        source: entry.source,
        issue: entry.issueKey,
        worklog:
          entry.worklogIndex !== undefined && entry.atMs !== undefined && worklog
            ? {
                index: entry.worklogIndex,
                id: worklog.id,
                at: iso(entry.atMs, zone),
                author: worklog.author,
                line: worklog.line,
              }
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
    notices: statement.notices.map((notice) => ({
      code: notice.code,
      path: notice.path,
      message: noticeMessage(notice, lang),
    })),
  };
}
