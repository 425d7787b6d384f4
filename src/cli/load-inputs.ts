import type { CompiledCatalog } from '../core/catalog/compiled-catalog';
import { formatIssues } from '../core/errors/validation-issue';
import { instantMs, isoInstantSchema } from '../core/history/issue-history-schema';
import type { ParsedIssues } from '../core/history/issue-history';
import { readCatalogFile } from '../io/read-catalog-file';
import { readIssuesFile } from '../io/read-issues-file';
import { readTextFile } from '../io/read-text-file';
import { parseContractRulesText } from '../parsing/parse-contract-rules-text';
import { contractRulesProblems } from '../core/contracts/check-contract-rules';
import type { ContractRules } from '../core/contracts/contract-rules-schema';
import { resolveIssueContracts, type NotCoveredIssue } from '../core/contracts/resolve-issue-contracts';
import type { IssueHistory } from '../core/history/issue-history';
import { holidayYearsAround } from '../parsing/parse-catalog-text';
import { CliFailure, type CliIo } from './cli-io';

/** Reads the catalog (recurring holidays for the years around the CLI's clock) or fails with every problem listed under the file's name. */
export function loadCatalogOrFail(path: string, io: CliIo): CompiledCatalog {
  const result = readCatalogFile(path, holidayYearsAround(io.nowMs()));
  if (!result.ok) throw new CliFailure(`${path}: invalid catalog\n${formatIssues(result.issues, '  ')}`);
  return result.value;
}

/** Reads the issues; problems of single issues are reported on stderr and the valid issues kept. */
export function loadIssues(path: string, io: CliIo): ParsedIssues {
  const parsed = readIssuesFile(path);
  if (
    parsed.problems.length > 0 &&
    parsed.issues.length === 0 &&
    parsed.problems.every((problem) => problem.path.length === 0)
  ) {
    throw new CliFailure(formatIssues(parsed.problems));
  }
  if (parsed.problems.length > 0) io.stderr(`${path}: skipped invalid issues\n${formatIssues(parsed.problems, '  ')}`);
  return parsed;
}

/** `--at` as epoch milliseconds, or the injected clock. */
export function resolveNow(at: string | undefined, io: CliIo): number {
  if (at === undefined) return io.nowMs();
  if (!isoInstantSchema.safeParse(at).success)
    throw new CliFailure(
      `--at: expected an ISO 8601 instant with offset, e.g. "2026-11-20T15:00:00+03:00", got "${at}"`,
      2,
    );
  return instantMs(at);
}

/** `--contract-rules FILE`: the rules checked against the catalog, or a failure listing every problem. */
export function loadContractRulesOrFail(path: string | undefined, catalog: CompiledCatalog): ContractRules | undefined {
  if (path === undefined) return undefined;
  const read = readTextFile(path, 'contract rules');
  if (!read.ok) throw new CliFailure(read.issue.message);
  const parsed = parseContractRulesText(read.text);
  const problems = parsed.ok ? contractRulesProblems(parsed.value, catalog, []) : parsed.issues;
  if (!parsed.ok || problems.length > 0)
    throw new CliFailure(`${path}: invalid contract rules\n${formatIssues(problems, '  ')}`);
  return parsed.value;
}

/** The issues of a file with their contracts decided (by `--contract-rules` when given), and those none covers. */
export interface IssuesWithContracts {
  parsed: ParsedIssues;
  issues: IssueHistory[];
  notCovered: NotCoveredIssue[];
}

/**
 * Reads the issues and decides their contracts: with rules, each issue carrying `attributes` gets the
 * contract of the first matching rule; only `contractId`'s issues are kept when given (the daily limit
 * counts per contract, so the others change nothing). Not-covered issues are reported on stderr.
 */
export function loadIssuesWithContracts(
  issuesPath: string,
  rules: ContractRules | undefined,
  contractId: string | undefined,
  io: CliIo,
): IssuesWithContracts {
  const parsed = loadIssues(issuesPath, io);
  const resolved = resolveIssueContracts(parsed.issues, rules);
  if (resolved.notCovered.length > 0)
    io.stderr(
      `${issuesPath}: issues no contract covers\n${resolved.notCovered.map((issue) => `  ${issue.key}: ${issue.reason}`).join('\n')}`,
    );
  const issues =
    contractId === undefined ? resolved.issues : resolved.issues.filter((issue) => issue.contractId === contractId);
  return { parsed, issues, notCovered: resolved.notCovered };
}
