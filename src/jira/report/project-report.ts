import { DateTime } from 'luxon';
import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import type { ContractRules } from '../../core/contracts/contract-rules-schema';
import { resolveIssueContracts } from '../../core/contracts/resolve-issue-contracts';
import type { IssueHistory } from '../../core/history/issue-history';
import { notCoveredList, type NotCoveredList } from '../../core/statement/not-covered-list';
import { evaluatePortfolio } from '../../core/sla/evaluate-portfolio';
import type { DocBlock } from '../../core/statement/statement-document';
import type { StatementJson } from '../../core/statement/statement-json';
import type { Lang } from '../../core/statement/statement-locale';
import { engineStatementKit, type StatementKit } from './statement-kit';

/** Everything the project page shows for one month: the engine's statement, its charts and its CSV. */
export interface ProjectReport {
  /** The project whose page shows it (the first of `projectKeys` when kept for the contract). */
  readonly projectKey: string;
  /** Every project the contract's statement spans: those where its requests may live, all read. */
  readonly projectKeys: readonly string[];
  /** Of `projectKeys`, those holding at least one of the contract's requests this month (what the page names). */
  readonly projectsWithRequests: readonly string[];
  readonly contractId: string;
  readonly contractName: string;
  readonly month: string;
  readonly lang: Lang;
  /** Months the picker offers, newest first: from the contract's first term to now. */
  readonly months: readonly string[];
  readonly blocks: readonly DocBlock[];
  readonly charts: { readonly burndown: string; readonly compliance: string };
  readonly csv: { readonly filename: string; readonly text: string };
  readonly statement: StatementJson;
  readonly computedAtMs: number;
}

/** `[from, to)` of a month in a zone, and the first instant the contract's history matters from. */
export function reportWindow(
  catalog: CompiledCatalog,
  contractId: string,
  month: string,
): { fromMs: number; toMs: number; zone: string } | null {
  const contract = catalog.contract(contractId);
  if (!contract) return null;
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: contract.timeZone });
  if (!start.isValid) return null;
  // Bank hours carry over from the first term, so the ledger replays the contract from its beginning.
  return {
    fromMs: Math.min(contract.tariffs[0].fromMs, start.toMillis()),
    toMs: start.plus({ months: 1 }).toMillis(),
    zone: contract.timeZone,
  };
}

/** Months from the contract's first term to the month holding `nowMs`, newest first (at most 36). */
export function reportMonths(catalog: CompiledCatalog, contractId: string, nowMs: number): string[] {
  const contract = catalog.contract(contractId);
  if (!contract) return [];
  const first = DateTime.fromMillis(contract.tariffs[0].fromMs, { zone: contract.timeZone }).startOf('month');
  let cursor = DateTime.fromMillis(nowMs, { zone: contract.timeZone }).startOf('month');
  const months: string[] = [];
  while (cursor >= first && months.length < 36) {
    months.push(cursor.toFormat('yyyy-MM'));
    cursor = cursor.minus({ months: 1 });
  }
  return months;
}

/** What the report is built from. */
export interface ProjectReportInput {
  readonly catalog: CompiledCatalog;
  readonly projectKey: string;
  /** The projects `issues` come from, when more than `projectKey` (a contract spanning projects). */
  readonly projectKeys?: readonly string[];
  /** The project each issue was read from, by key (from `loadContractIssues`). */
  readonly projectOfKey?: Readonly<Record<string, string>>;
  readonly contractId: string;
  readonly month: string;
  readonly lang: Lang;
  readonly issues: readonly IssueHistory[];
  readonly nowMs: number;
  /** The site's contract rules (`jiraContractRules`): they give each issue carrying attributes its contract. */
  readonly rules?: ContractRules;
}

/**
 * The issues of one contract among a project's: with contract rules, those the rules give it (the contract
 * at creation decides); without, those that name it. The other clients' issues and the ones no contract
 * covers are never part of it.
 */
export function issuesOfContract(
  issues: readonly IssueHistory[],
  contractId: string,
  rules: ContractRules | undefined,
): IssueHistory[] {
  const resolved = rules === undefined ? issues : resolveIssueContracts(issues, rules).issues;
  return resolved.filter((issue) => issue.contractId === contractId);
}

/**
 * The provider's list of the project's requests no contract covers, created in the month (never part of
 * a client's statement: their reasons name what the rules saw).
 */
export function projectNotCovered(
  issues: readonly IssueHistory[],
  rules: ContractRules | undefined,
  window: { readonly fromMs: number; readonly toMs: number; readonly zone: string },
): NotCoveredList {
  return notCoveredList(rules === undefined ? [] : resolveIssueContracts(issues, rules).notCovered, window);
}

/**
 * The project page's report of one contract: its issues (from every project given; those the rules give
 * the contract) are evaluated by the engine and the monthly statement is
 * built from them by the statement engine, so the page shows exactly what `tariff-sla report` and the
 * Redmine wiki show for the same data.
 *
 * @example
 * const report = buildProjectReport({ catalog, projectKey: 'ALFA', contractId: 'client-a', month: '2026-11', lang: 'ru', issues, nowMs });
 * report.statement.contracts[0].totals;
 */
export function buildProjectReport(input: ProjectReportInput, kit: StatementKit = engineStatementKit): ProjectReport {
  const { catalog, contractId, month, lang } = input;
  const issues = issuesOfContract(input.issues, contractId, input.rules);
  const portfolio = evaluatePortfolio(catalog, issues, input.nowMs);
  const statement = kit.build(catalog, issues, portfolio, { month, contractIds: [contractId] });
  const projectKeys = input.projectKeys ?? [input.projectKey];
  return {
    projectKey: input.projectKey,
    projectKeys,
    projectsWithRequests: projectKeys.filter((projectKey) =>
      issues.some((issue) => (input.projectOfKey?.[issue.key] ?? input.projectKey) === projectKey),
    ),
    contractId,
    contractName: catalog.contract(contractId)?.contract.name ?? contractId,
    month,
    lang,
    months: reportMonths(catalog, contractId, input.nowMs),
    blocks: kit.document(statement, lang),
    charts: kit.charts(statement, lang),
    csv: {
      filename:
        input.rules === undefined && projectKeys.length === 1
          ? `sla-${input.projectKey}-${month}-${lang}.csv`
          : `sla-${projectKeys.join('-')}-${contractId}-${month}-${lang}.csv`,
      text: kit.csv(statement, lang),
    },
    statement: kit.json(statement, lang),
    computedAtMs: input.nowMs,
  };
}
