import type { Command } from 'commander';
import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import { formatIssues, type ValidationIssue } from '../../core/errors/validation-issue';
import type { IssueHistory } from '../../core/history/issue-history';
import { boardText } from '../../core/report/board-text';
import { portfolioToJson } from '../../core/report/evaluation-json';
import { evaluatePortfolio } from '../../core/sla/evaluate-portfolio';
import { NOTE_LANGUAGES, type NoteLanguage } from '../../core/escalation/escalation-note';
import { CliFailure, type CliIo } from '../cli-io';
import { loadCatalogOrFail, loadContractRulesOrFail, loadIssuesWithContracts, resolveNow } from '../load-inputs';

interface EvaluateOptions {
  config: string;
  issues: string;
  at?: string;
  json?: boolean;
  contract?: string;
  contractRules?: string;
  language: string;
}

/** `tariff-sla evaluate`: the SLA board, or the JSON contract with `--json`. */
export function registerEvaluateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('evaluate')
    .description('evaluate the SLA clocks of every issue and print the SLA board')
    .requiredOption('--config <catalog>', 'tariff catalog (YAML or JSON)')
    .requiredOption('--issues <file>', 'issue histories (JSON: {"issues": [...]})')
    .option('--at <iso>', 'evaluate as of this instant (default: now)')
    .option('--contract <id>', 'only issues of this contract')
    .option('--contract-rules <file>', 'rules choosing the contract of issues that give "attributes" (YAML or JSON)')
    .option('--json', 'print the JSON contract instead of the board')
    .option('--language <ru|en>', 'language of the escalation notes in the JSON', 'en')
    .action((options: EvaluateOptions) => {
      const catalog = loadCatalogOrFail(options.config, io);
      if (options.contract !== undefined && !catalog.contract(options.contract)) {
        throw new CliFailure(
          `--contract: unknown contract "${options.contract}"; the catalog has ${catalog
            .contractIds()
            .map((id) => `"${id}"`)
            .join(', ')}`,
        );
      }
      const rules = loadContractRulesOrFail(options.contractRules, catalog);
      const { parsed, issues, notCovered } = loadIssuesWithContracts(options.issues, rules, options.contract, io);
      const nowMs = resolveNow(options.at, io);
      const language = noteLanguageOf(options.language);
      const portfolio = evaluatePortfolio(catalog, issues, nowMs, {
        intents: { language },
        notCovered: options.contract === undefined ? notCovered : [],
      });
      if (portfolio.problems.length > 0)
        io.stderr(`${options.issues}: issues not evaluated\n${formatIssues(portfolio.problems, '  ')}`);
      const early = issuesBeforeFirstTerm(catalog, issues);
      if (early.length > 0)
        io.stderr(
          `${options.issues}: issues created before their contract's first term, evaluated under it (left out of statements)\n${formatIssues(early, '  ')}`,
        );
      if (options.json)
        io.stdout(
          JSON.stringify(
            {
              ...portfolioToJson(catalog, portfolio),
              notCovered: portfolio.notCovered.map((issue) => ({ key: issue.key, reason: issue.reason })),
              problems: [...parsed.problems, ...portfolio.problems],
            },
            null,
            2,
          ),
        );
      else io.stdout(boardText(catalog, portfolio));
      if (parsed.problems.length > 0 || portfolio.problems.length > 0) setExitCode(1);
    });
}

/** Issues created before their contract's first term: evaluated under it, but worth a word. */
function issuesBeforeFirstTerm(catalog: CompiledCatalog, issues: readonly IssueHistory[]): ValidationIssue[] {
  const notices: ValidationIssue[] = [];
  issues.forEach((issue, position) => {
    const contract = catalog.contract(issue.contractId);
    if (contract && issue.createdAtMs < contract.tariffs[0].fromMs) {
      notices.push({
        code: 'before_first_term',
        path: ['issues', issue.sourceIndex ?? position, 'createdAt'],
        message: `${issue.key} was created before contract "${contract.id}" began (${contract.tariffs[0].term.from})`,
      });
    }
  });
  return notices;
}

function noteLanguageOf(text: string): NoteLanguage {
  const language = NOTE_LANGUAGES.find((candidate) => candidate === text);
  if (language === undefined)
    throw new CliFailure(`--language: expected one of ${NOTE_LANGUAGES.join(', ')}, got "${text}"`, 2);
  return language;
}
