import { hasEntry } from '../errors/safe-record';
import { CLOCK_NAMES, type ClockName, type ContractTerm } from '../catalog/catalog-schema';
import { CompiledCatalog } from '../catalog/compiled-catalog';
import type { ValidationIssue } from '../errors/validation-issue';
import type { IssueHistory } from '../history/issue-history';
import { contractKpis, type ClockCompliance } from '../kpi/contract-kpis';
import { evaluatedIssuesByContract } from '../kpi/evaluated-issue';
import { billableIssues } from '../ledger/billable-issue';
import { buildLedger } from '../ledger/build-ledger';
import type { ChargeKind, PackageKind } from '../ledger/hour-ledger';
import { MonthTable, monthsBetween, type MonthId } from '../ledger/month-table';
import { evaluatePortfolio } from '../sla/evaluate-portfolio';

/** One month of one tariff's replay. */
export interface ReplayMonth {
  month: MonthId;
  /** The month's bill net of service credits. */
  totalMinor: number;
  /** Service credits the tariff's breaches would have earned the client (zero or negative). */
  creditsMinor: number;
  /** Sum of the month's line items per kind (discounts negative). */
  byKind: Partial<Record<ChargeKind, number>>;
  usedSeconds: number;
  overageSeconds: number;
  burnedSeconds: number;
  uncoveredSeconds: number;
  overLimitIncidents: number;
  sla: Record<ClockName, ClockCompliance>;
}

/** Why a tariff does not meet the target. */
export type AdviceFailure =
  | {
      kind: 'compliance';
      clock: ClockName;
      compliancePercent: number;
      breaches: number;
      due: number;
      issueKeys: string[];
    }
  | { kind: 'not_covered'; type: string; requests: number; issueKeys: string[] }
  /** The current terms measure this clock (it had clocks due) and the tariff sets no target for it. */
  | { kind: 'clock_not_offered'; clock: ClockName; dueUnderCurrent: number };

/** What the client's history would have cost, and which SLA it would have met, under one tariff. */
export interface TariffOutcome {
  tariffId: string;
  tariffName: string;
  packageKind: PackageKind;
  /** The contract's real terms (possibly several tariffs), not a replay under one tariff. */
  actual: boolean;
  months: ReplayMonth[];
  /** Cost over the months, net of service credits: what the client would actually have paid. */
  totalMinor: number;
  /** Service credits over the months (zero or negative). */
  creditsMinor: number;
  sla: Record<ClockName, ClockCompliance>;
  overLimitIncidents: number;
  uncoveredSeconds: number;
  meetsTarget: boolean;
  failures: AdviceFailure[];
  /** The tariff's minimum term, when the replayed months are fewer. */
  minimumTermMonths: number | null;
}

/** The advisor's answer. */
export interface TariffAdvice {
  contractId: string;
  contractName: string;
  /** The contract's time zone (months and instants are read in it). */
  timeZone: string;
  months: MonthId[];
  nowMs: number;
  currency: string;
  targetCompliancePercent: number;
  /** Prepayment assumed for the replays (months), as in the current term unless overridden. */
  prepaidMonths: number | null;
  requests: number;
  workSeconds: number;
  current: TariffOutcome;
  /** Every replayed tariff, cheapest first. */
  candidates: TariffOutcome[];
  /** The cheapest tariff meeting the target, or null when none does. */
  recommended: string | null;
  notices: ValidationIssue[];
  /** Names of the catalog's request types and tariffs, for the renderers. */
  requestTypeNames: Record<string, string | undefined>;
}

/** What to replay. */
export interface AdviceOptions {
  contractId: string;
  fromMonth: MonthId;
  toMonth: MonthId;
  nowMs: number;
  targetCompliancePercent: number;
  /** Tariffs to try (every tariff of the catalog when omitted). */
  tariffIds?: readonly string[];
  /** Prepayment to assume; the current term's when omitted. */
  prepaidMonths?: number;
  /**
   * Accept tariffs that drop a clock the current terms measure (an hour package has no resolution
   * target for incidents). Off by default: a cheaper tariff is not a fair answer if it simply stops
   * promising resolution times.
   */
  allowFewerClocks?: boolean;
}

function blankCompliance(): Record<ClockName, ClockCompliance> {
  return {
    reaction: { due: 0, met: 0, breached: 0, compliancePercent: null },
    start: { due: 0, met: 0, breached: 0, compliancePercent: null },
    resolution: { due: 0, met: 0, breached: 0, compliancePercent: null },
  };
}

/** The catalog with one contract on one tariff from the 1st of `fromMonth`, and no other contract. */
function catalogWithTariff(
  catalog: CompiledCatalog,
  contractId: string,
  tariffId: string,
  fromMonth: MonthId,
  prepaidMonths: number | null,
): CompiledCatalog {
  const source = catalog.catalog;
  const term: ContractTerm =
    prepaidMonths !== null
      ? { tariff: tariffId, from: `${fromMonth}-01`, prepaidMonths }
      : { tariff: tariffId, from: `${fromMonth}-01` };
  return new CompiledCatalog({
    ...source,
    contracts: { [contractId]: { ...source.contracts[contractId], terms: [term] } },
  });
}

function replay(
  catalog: CompiledCatalog,
  issues: readonly IssueHistory[],
  options: AdviceOptions,
  months: MonthId[],
  actual: boolean,
): { outcome: TariffOutcome; notices: ValidationIssue[] } {
  const portfolio = evaluatePortfolio(catalog, issues, options.nowMs);
  const ledger = buildLedger(catalog, billableIssues(issues, portfolio), {
    throughMonth: options.toMonth,
    nowMs: options.nowMs,
    contractIds: [options.contractId],
  });
  const evaluated = evaluatedIssuesByContract(issues, portfolio).get(options.contractId) ?? [];
  const ledgerMonths = ledger.contracts[0]?.months ?? [];
  const sla = blankCompliance();
  const breachKeys: Record<ClockName, string[]> = { reaction: [], start: [], resolution: [] };
  const uncovered = new Map<string, string[]>();
  const replayMonths: ReplayMonth[] = [];
  let overLimitIncidents = 0;
  let uncoveredSeconds = 0;
  for (const month of months) {
    const ledgerMonth = ledgerMonths.find((candidate) => candidate.month === month);
    const kpis = contractKpis({
      catalog,
      contractId: options.contractId,
      month,
      issues: evaluated,
      nowMs: options.nowMs,
    });
    const byKind: Partial<Record<ChargeKind, number>> = {};
    let totalMinor = 0;
    for (const charge of ledgerMonth?.charges ?? []) {
      byKind[charge.kind] = (byKind[charge.kind] ?? 0) + charge.amountMinor;
      totalMinor += charge.amountMinor;
    }
    for (const clock of CLOCK_NAMES) {
      sla[clock].due += kpis.sla[clock].due;
      sla[clock].met += kpis.sla[clock].met;
      sla[clock].breached += kpis.sla[clock].breached;
    }
    for (const breach of kpis.breaches)
      if (!breachKeys[breach.clock].includes(breach.key)) breachKeys[breach.clock].push(breach.key);
    for (const { evaluation } of evaluated) {
      if (
        evaluation.covered ||
        evaluation.createdAtMs < (ledgerMonth?.startMs ?? Infinity) ||
        evaluation.createdAtMs >= (ledgerMonth?.endMs ?? -Infinity)
      )
        continue;
      const keys = uncovered.get(evaluation.type) ?? [];
      keys.push(evaluation.key);
      uncovered.set(evaluation.type, keys);
    }
    const totals = ledgerMonth?.totals;
    overLimitIncidents += kpis.overLimit;
    uncoveredSeconds += totals?.uncovered ?? 0;
    replayMonths.push({
      month,
      totalMinor,
      creditsMinor: byKind.service_credit ?? 0,
      byKind,
      usedSeconds: totals ? totals.drawnFromAllowance + totals.drawnFromBank + totals.coveredByFee + totals.overage : 0,
      overageSeconds: totals?.overage ?? 0,
      burnedSeconds: totals?.burned ?? 0,
      uncoveredSeconds: totals?.uncovered ?? 0,
      overLimitIncidents: kpis.overLimit,
      sla: kpis.sla,
    });
  }
  for (const clock of CLOCK_NAMES)
    sla[clock].compliancePercent = sla[clock].due === 0 ? null : (sla[clock].met / sla[clock].due) * 100;
  const failures: AdviceFailure[] = [];
  for (const clock of CLOCK_NAMES) {
    const figures = sla[clock];
    if (figures.compliancePercent !== null && figures.compliancePercent < options.targetCompliancePercent) {
      failures.push({
        kind: 'compliance',
        clock,
        compliancePercent: figures.compliancePercent,
        breaches: figures.breached,
        due: figures.due,
        issueKeys: breachKeys[clock],
      });
    }
  }
  for (const [type, keys] of [...uncovered].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
    failures.push({ kind: 'not_covered', type, requests: keys.length, issueKeys: keys });
  }
  const lastMonth = ledgerMonths.find((candidate) => candidate.month === options.toMonth);
  const tariffId = lastMonth?.tariffId ?? catalog.contract(options.contractId)?.tariffs[0].tariffId ?? '';
  const tariff = catalog.catalog.tariffs[tariffId];
  const hourPackage = tariff?.hours;
  const minimum = hourPackage && hourPackage.kind !== 'bank' ? (hourPackage.minimumTermMonths ?? null) : null;
  return {
    outcome: {
      tariffId,
      tariffName: tariff?.name ?? tariffId,
      packageKind: hourPackage?.kind ?? 'none',
      actual,
      months: replayMonths,
      totalMinor: replayMonths.reduce((sum, month) => sum + month.totalMinor, 0),
      creditsMinor: replayMonths.reduce((sum, month) => sum + month.creditsMinor, 0),
      sla,
      overLimitIncidents,
      uncoveredSeconds,
      meetsTarget: failures.length === 0,
      failures,
      minimumTermMonths: minimum !== null && minimum > months.length ? minimum : null,
    },
    notices: ledger.notices,
  };
}

/**
 * Replays a client's real history under every tariff of the catalog: the same issues are
 * re-evaluated with the contract put on each tariff from the first replayed month (same statuses,
 * calendar override and prepayment), the hour ledger is posted, and cost and SLA compliance per
 * clock are compared. The cost is net of the service credits each tariff's own breaches would have
 * earned the client, so a tariff that promises more and pays for missing it is weighed fairly. The cheapest tariff whose compliance meets the target on every clock, that
 * covers every request type the client raised and (unless `allowFewerClocks`) measures every clock
 * the current terms measure, is recommended.
 *
 * @example
 * const advice = adviseTariffs(catalog, issues, { contractId: 'client-d', fromMonth: '2026-09', toMonth: '2026-11', nowMs, targetCompliancePercent: 95 });
 * advice.recommended; // 'hours-40'
 */
export function adviseTariffs(
  catalog: CompiledCatalog,
  issues: readonly IssueHistory[],
  options: AdviceOptions,
): TariffAdvice {
  const contract = catalog.contract(options.contractId);
  if (!contract) throw new RangeError(`unknown contract "${options.contractId}"`);
  const months = monthsBetween(options.fromMonth, options.toMonth);
  if (months.length === 0) throw new RangeError(`empty month range ${options.fromMonth}..${options.toMonth}`);
  const own = issues.filter((issue) => issue.contractId === options.contractId);
  const notices: ValidationIssue[] = [];
  const range = new MonthTable(contract.timeZone, options.fromMonth, options.toMonth);
  const rangeStartMs = range.startMs(0);
  const rangeEndMs = range.endMs(months.length - 1);
  const current = replay(catalog, own, options, months, true);
  notices.push(...current.notices);
  const prepaidMonths = options.prepaidMonths ?? catalog.tariffAt(contract, rangeStartMs).term.prepaidMonths ?? null;
  const candidates: TariffOutcome[] = [];
  for (const tariffId of options.tariffIds ?? Object.keys(catalog.catalog.tariffs)) {
    if (!hasEntry(catalog.catalog.tariffs, tariffId)) throw new RangeError(`unknown tariff "${tariffId}"`);
    const variant = catalogWithTariff(catalog, options.contractId, tariffId, options.fromMonth, prepaidMonths);
    const result = replay(variant, own, options, months, false);
    // A tariff that does not cover the client's requests already fails for that; its missing clocks say nothing more.
    if (!options.allowFewerClocks && !result.outcome.failures.some((failure) => failure.kind === 'not_covered')) {
      for (const clock of CLOCK_NAMES) {
        const dueUnderCurrent = current.outcome.sla[clock].due;
        if (dueUnderCurrent > 0 && result.outcome.sla[clock].due === 0)
          result.outcome.failures.push({ kind: 'clock_not_offered', clock, dueUnderCurrent });
      }
      result.outcome.meetsTarget = result.outcome.failures.length === 0;
    }
    // Work before the replayed months is outside the comparison, not a problem of the data.
    notices.push(...result.notices.filter((notice) => notice.code !== 'worklog_before_contract'));
    candidates.push(result.outcome);
  }
  candidates.sort((a, b) => a.totalMinor - b.totalMinor || (a.tariffId < b.tariffId ? -1 : 1));
  const recommended = candidates.find((candidate) => candidate.meetsTarget)?.tariffId ?? null;
  const seen = new Set<string>();
  const uniqueNotices = notices.filter((notice) => {
    const key = `${notice.code}\u0000${notice.path.join('.')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let workSeconds = 0;
  let requests = 0;
  for (const month of current.outcome.months) workSeconds += month.usedSeconds + month.uncoveredSeconds;
  for (const issue of own)
    if (issue.createdAtMs >= rangeStartMs && issue.createdAtMs < rangeEndMs && issue.createdAtMs <= options.nowMs)
      requests++;
  return {
    contractId: options.contractId,
    contractName: contract.contract.name,
    timeZone: contract.timeZone,
    months,
    nowMs: options.nowMs,
    currency: catalog.catalog.currency,
    targetCompliancePercent: options.targetCompliancePercent,
    prepaidMonths,
    requests,
    workSeconds,
    current: current.outcome,
    candidates,
    recommended,
    notices: uniqueNotices,
    requestTypeNames: Object.fromEntries(
      Object.entries(catalog.catalog.requestTypes).map(([id, type]) => [id, type.name]),
    ),
  };
}
