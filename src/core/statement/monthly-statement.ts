import { entryOf } from '../errors/safe-record';
import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { ValidationIssue } from '../errors/validation-issue';
import type { IssueHistory } from '../history/issue-history';
import { contractKpis, type ContractKpis } from '../kpi/contract-kpis';
import { judgeCsat, type CsatJudgement } from '../kpi/csat-judgement';
import { evaluatedIssuesByContract } from '../kpi/evaluated-issue';
import { billableIssues } from '../ledger/billable-issue';
import { buildLedger } from '../ledger/build-ledger';
import { isExactMinor } from '../ledger/minor-units';
import type { HourLedger, LedgerMonth } from '../ledger/hour-ledger';
import { MonthTable, slotIndex, type MonthId } from '../ledger/month-table';
import type { PortfolioEvaluation } from '../sla/evaluate-portfolio';
import { statementScope, type StatementNotice } from './left-out-issues';

/** One day of the hour burn-down: covered work that day, cumulative, and what is left of the package. */
export interface BurndownDay {
  date: string;
  usedSeconds: number;
  cumulativeSeconds: number;
  /** Package hours left after the day (negative: overage); null for unlimited and fee-covered tariffs. */
  remainingSeconds: number | null;
  /** The day had not begun at the evaluation instant. */
  future: boolean;
}

/** What a statement shows of a worklog behind a ledger entry. */
export interface WorklogInfo {
  author: string;
  line?: string;
  id?: string | number;
  comment?: string;
}

/** One contract's statement for one month. */
export interface ContractStatement {
  contractId: string;
  contractName: string;
  timeZone: string;
  month: MonthId;
  startMs: number;
  endMs: number;
  tariffName: string;
  ledger: LedgerMonth;
  kpis: ContractKpis;
  burndown: BurndownDay[];
  /** Package capacity of the month in seconds (allowance, bank brought forward and bought); null when unlimited. */
  includedSeconds: number | null;
  /** Covered work of the month (from the package, the fee, or overage). */
  usedSeconds: number;
  /** The month's total net of service credits (the sum of every line). */
  totalMinor: number;
  /** The month's charges before service credits. */
  chargesMinor: number;
  /** The month's service credits (zero or negative). */
  creditsMinor: number;
  /** The month's CSAT against the month tariff's target; null when the tariff states none. */
  csat: CsatJudgement | null;
  /** Charges not covered by a prepayment: what the month's invoice asks for. */
  dueMinor: number;
  /** Worklogs behind the ledger's entries, by `issueKey#index`. */
  worklogs: Record<string, WorklogInfo>;
  summaries: Record<string, string>;
  /** Request type of each evaluated issue (as evaluated), for charge descriptions. */
  issueTypes: Record<string, string>;
}

/**
 * The monthly statement of some contracts: everything the renderers (JSON, CSV, HTML, Markdown,
 * Textile) show, already computed, so a renderer is a pure function of it and a language.
 */
export interface MonthlyStatement {
  month: MonthId;
  nowMs: number;
  currency: string;
  /** Zone of the catalog, for the statement's own instant. */
  timeZone: string;
  requestTypeNames: Record<string, string | undefined>;
  tariffNames: Record<string, string>;
  contracts: ContractStatement[];
  /** Every issue left out (with its reason as data) and everything not billed. */
  notices: StatementNotice[];
}

/** What to put in a statement. */
export interface StatementOptions {
  month: MonthId;
  /** Only these contracts; every contract with a term in force in the month when omitted. */
  contractIds?: readonly string[];
  /**
   * Problems of issues that failed validation before evaluation (as the file or tracker reader
   * reported them, with `issues[i]` paths): each is listed in the statement's notices as left out.
   */
  inputProblems?: readonly ValidationIssue[];
}

function burndownOf(
  ledger: LedgerMonth,
  dayStarts: Float64Array,
  month: MonthId,
  nowMs: number,
  includedSeconds: number | null,
): BurndownDay[] {
  const used = new Float64Array(dayStarts.length - 1);
  for (const entry of ledger.entries) {
    if ((entry.kind !== 'work' && entry.kind !== 'overage') || entry.atMs === undefined) continue;
    const day = slotIndex(dayStarts, entry.atMs);
    if (day >= 0) used[day] += entry.seconds;
  }
  const days: BurndownDay[] = [];
  let cumulative = 0;
  for (let day = 0; day < used.length; day++) {
    cumulative += used[day];
    days.push({
      date: `${month}-${String(day + 1).padStart(2, '0')}`,
      usedSeconds: used[day],
      cumulativeSeconds: cumulative,
      remainingSeconds: includedSeconds === null ? null : includedSeconds - cumulative,
      future: dayStarts[day] > nowMs,
    });
  }
  return days;
}

/**
 * Builds the monthly statement from an evaluated portfolio: posts the hour ledger (replaying every
 * contract from its first billing month, so bank balances carry over correctly), computes the
 * month's KPIs and the burn-down, and gathers the names the renderers need.
 *
 * @example
 * const portfolio = evaluatePortfolio(catalog, issues, nowMs);
 * const statement = buildMonthlyStatement(catalog, issues, portfolio, { month: '2026-11' });
 * renderStatement(statement, 'html', 'ru');
 */
export function buildMonthlyStatement(
  catalog: CompiledCatalog,
  issues: readonly IssueHistory[],
  portfolio: PortfolioEvaluation,
  options: StatementOptions,
): MonthlyStatement {
  const nowMs = portfolio.nowMs;
  // Every issue left out (invalid, not evaluated, created after the instant or before the contract) is named in the notices.
  const scope = statementScope(catalog, issues, portfolio, options.inputProblems ?? [], options.contractIds);
  const ledger: HourLedger = buildLedger(catalog, billableIssues(scope.issues, scope.portfolio), {
    throughMonth: options.month,
    nowMs,
    contractIds: options.contractIds,
  });
  const groups = evaluatedIssuesByContract(scope.issues, scope.portfolio);
  const contracts: ContractStatement[] = [];
  const amountNotices: ValidationIssue[] = [];
  for (const contractLedger of ledger.contracts) {
    const ledgerMonth = contractLedger.months.find((candidate) => candidate.month === options.month);
    if (!ledgerMonth) continue;
    const contract = catalog.contract(contractLedger.contractId);
    if (!contract) continue;
    const evaluated = groups.get(contract.id) ?? [];
    const kpis = contractKpis({ catalog, contractId: contract.id, month: options.month, issues: evaluated, nowMs });
    const totals = ledgerMonth.totals;
    const includedSeconds =
      ledgerMonth.packageKind === 'monthly' || ledgerMonth.packageKind === 'bank' || totals.broughtForward > 0
        ? totals.allowance + totals.broughtForward + totals.bankTopUp
        : null;
    const dayStarts = new MonthTable(contract.timeZone, options.month, options.month).dayStartsMs(0);
    const worklogs: Record<string, WorklogInfo> = {};
    const summaries: Record<string, string> = {};
    const byKey = new Map(evaluated.map((item) => [item.history.key, item.history]));
    for (const entry of ledgerMonth.entries) {
      if (entry.issueKey === undefined || entry.worklogIndex === undefined) continue;
      const worklog = byKey.get(entry.issueKey)?.worklogs[entry.worklogIndex];
      if (worklog)
        worklogs[`${entry.issueKey}#${entry.worklogIndex}`] = {
          author: worklog.author,
          line: worklog.line,
          id: worklog.id,
          comment: worklog.comment,
        };
    }
    const issueTypes: Record<string, string> = {};
    for (const item of evaluated) {
      issueTypes[item.evaluation.key] = item.evaluation.type;
      if (item.history.summary !== undefined) summaries[item.history.key] = item.history.summary;
    }
    const totalMinor = ledgerMonth.charges.reduce((sum, charge) => sum + charge.amountMinor, 0);
    if (!isExactMinor(totalMinor) || ledgerMonth.charges.some((charge) => !isExactMinor(charge.amountMinor))) {
      amountNotices.push({
        code: 'amount_not_exact',
        path: ['contracts', contract.id],
        message: `the charges of contract "${contract.id}" exceed ${Number.MAX_SAFE_INTEGER} minor units and cannot be shown exactly: check the prices and worklogs`,
      });
    }
    const creditsMinor = ledgerMonth.charges.reduce(
      (sum, charge) => sum + (charge.kind === 'service_credit' ? charge.amountMinor : 0),
      0,
    );
    const csatTarget = entryOf(catalog.catalog.tariffs, ledgerMonth.tariffId)?.csatTarget;
    const dueMinor = ledgerMonth.charges.reduce((sum, charge) => sum + (charge.prepaid ? 0 : charge.amountMinor), 0);
    contracts.push({
      contractId: contract.id,
      contractName: contract.contract.name,
      timeZone: contract.timeZone,
      month: options.month,
      startMs: ledgerMonth.startMs,
      endMs: ledgerMonth.endMs,
      tariffName: entryOf(catalog.catalog.tariffs, ledgerMonth.tariffId)?.name ?? ledgerMonth.tariffId,
      ledger: ledgerMonth,
      kpis,
      burndown: burndownOf(ledgerMonth, dayStarts, options.month, nowMs, includedSeconds),
      includedSeconds,
      usedSeconds: totals.drawnFromAllowance + totals.drawnFromBank + totals.coveredByFee + totals.overage,
      totalMinor,
      chargesMinor: totalMinor - creditsMinor,
      creditsMinor,
      csat: csatTarget ? judgeCsat(kpis.satisfaction, csatTarget) : null,
      dueMinor,
      worklogs,
      summaries,
      issueTypes,
    });
  }
  const requestTypeNames: Record<string, string | undefined> = {};
  for (const [id, type] of Object.entries(catalog.catalog.requestTypes)) requestTypeNames[id] = type.name;
  const tariffNames: Record<string, string> = {};
  for (const [id, tariff] of Object.entries(catalog.catalog.tariffs)) tariffNames[id] = tariff.name;
  return {
    month: options.month,
    nowMs,
    currency: catalog.catalog.currency,
    timeZone: catalog.catalog.timeZone,
    requestTypeNames,
    tariffNames,
    contracts,
    notices: [...scope.notices, ...ledger.notices, ...amountNotices],
  };
}
