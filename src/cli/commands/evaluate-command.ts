import type { Command } from 'commander';
import { formatIssues } from '../../core/errors/validation-issue';
import { boardText } from '../../core/report/board-text';
import { portfolioToJson } from '../../core/report/evaluation-json';
import { evaluatePortfolio } from '../../core/sla/evaluate-portfolio';
import { NOTE_LANGUAGES, type NoteLanguage } from '../../core/escalation/escalation-note';
import { CliFailure, type CliIo } from '../cli-io';
import { loadCatalogOrFail, loadIssues, resolveNow } from '../load-inputs';

interface EvaluateOptions {
  config: string;
  issues: string;
  at?: string;
  json?: boolean;
  contract?: string;
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
    .option('--json', 'print the JSON contract instead of the board')
    .option('--language <ru|en>', 'language of the escalation notes in the JSON', 'en')
    .action((options: EvaluateOptions) => {
      const catalog = loadCatalogOrFail(options.config, io);
      const parsed = loadIssues(options.issues, io);
      const nowMs = resolveNow(options.at, io);
      const issues = options.contract ? parsed.issues.filter((issue) => issue.contractId === options.contract) : parsed.issues;
      const language = noteLanguageOf(options.language);
      const portfolio = evaluatePortfolio(catalog, issues, nowMs, { intents: { language } });
      if (portfolio.problems.length > 0) io.stderr(`${options.issues}: issues not evaluated\n${formatIssues(portfolio.problems, '  ')}`);
      if (options.json) io.stdout(JSON.stringify({ ...portfolioToJson(catalog, portfolio), problems: [...parsed.problems, ...portfolio.problems] }, null, 2));
      else io.stdout(boardText(catalog, portfolio));
      if (parsed.problems.length > 0 || portfolio.problems.length > 0) setExitCode(1);
    });
}

function noteLanguageOf(text: string): NoteLanguage {
  const language = NOTE_LANGUAGES.find((candidate) => candidate === text);
  if (language === undefined) throw new CliFailure(`--language: expected one of ${NOTE_LANGUAGES.join(', ')}, got "${text}"`, 2);
  return language;
}
