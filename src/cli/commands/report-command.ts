import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { formatIssues } from '../../core/errors/validation-issue';
import { buildMonthlyStatement } from '../../core/statement/monthly-statement';
import { notCoveredList, renderNotCoveredList } from '../../core/statement/not-covered-list';
import { renderStatement, STATEMENT_FORMATS, type StatementFormat } from '../../core/statement/render-statement';
import { LANGS, type Lang } from '../../core/statement/statement-locale';
import { evaluatePortfolio } from '../../core/sla/evaluate-portfolio';
import { CliFailure, writeOutputFile, type CliIo } from '../cli-io';
import { monthOption } from '../month-options';
import { loadCatalogOrFail, loadContractRulesOrFail, loadIssuesWithContracts, resolveNow } from '../load-inputs';

interface ReportOptions {
  config: string;
  issues: string;
  month: string;
  contract?: string;
  contractRules?: string;
  format: string;
  lang: string;
  at?: string;
  out?: string;
  notCovered?: boolean;
}

const NOT_COVERED_FORMATS = ['json', 'csv', 'md'] as const;
type NotCoveredFormat = (typeof NOT_COVERED_FORMATS)[number];

function isNotCoveredFormat(value: string): value is NotCoveredFormat {
  return NOT_COVERED_FORMATS.some((format) => format === value);
}

/** The month `[from, to)` in a zone. */
function monthWindow(month: string, zone: string): { fromMs: number; toMs: number; zone: string } {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone });
  return { fromMs: start.toMillis(), toMs: start.plus({ months: 1 }).toMillis(), zone };
}

function isFormat(value: string): value is StatementFormat {
  return STATEMENT_FORMATS.some((format) => format === value);
}

function isLang(value: string): value is Lang {
  return LANGS.some((lang) => lang === value);
}

/**
 * `tariff-sla report`: the monthly statement (hours, SLA compliance, KPIs, breaches, charges) of one
 * contract or of every contract with a term in force in the month.
 */
export function registerReportCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('report')
    .description('the monthly statement: hour ledger, SLA compliance, KPIs, breaches and charges')
    .requiredOption('--config <catalog>', 'tariff catalog (YAML or JSON)')
    .requiredOption('--issues <file>', 'issue histories (JSON: {"issues": [...]})')
    .requiredOption('--month <YYYY-MM>', "the month, in each contract's time zone")
    .option('--contract <id>', 'only this contract')
    .option('--contract-rules <file>', 'rules choosing the contract of issues that give "attributes" (YAML or JSON)')
    .option('--format <format>', `one of ${STATEMENT_FORMATS.join(', ')}`, 'json')
    .option('--lang <lang>', `wording and number format: ${LANGS.join(', ')}`, 'ru')
    .option('--at <iso>', 'as of this instant (default: now); a month not over by then is reported as open')
    .option('--out <file>', 'write to a file instead of stdout')
    .option(
      '--not-covered',
      "instead of a statement, the provider's list of the month's requests no contract covers (json, csv or md)",
    )
    .action((options: ReportOptions) => {
      monthOption('--month', options.month);
      if (!isFormat(options.format))
        throw new CliFailure(`--format: expected one of ${STATEMENT_FORMATS.join(', ')}, got "${options.format}"`, 2);
      if (!isLang(options.lang))
        throw new CliFailure(`--lang: expected one of ${LANGS.join(', ')}, got "${options.lang}"`, 2);
      if (options.notCovered === true && !isNotCoveredFormat(options.format))
        throw new CliFailure(
          `--format: the --not-covered list is written as ${NOT_COVERED_FORMATS.join(', ')}, got "${options.format}"`,
          2,
        );
      const format = options.format;
      const lang = options.lang;
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
      const contractIds = options.contract !== undefined ? [options.contract] : undefined;
      const portfolio = evaluatePortfolio(catalog, issues, nowMs, { notCovered });
      if (options.notCovered === true && isNotCoveredFormat(format)) {
        // Provider-side only: a statement never names these requests (their reasons name other clients).
        const zone = catalog.contract(options.contract ?? catalog.contractIds()[0] ?? '')?.timeZone ?? 'UTC';
        const list = notCoveredList(portfolio.notCovered, monthWindow(options.month, zone));
        const listText = renderNotCoveredList(list, format, lang);
        if (options.out) writeOutputFile('--out', options.out, listText);
        else io.stdout(listText);
        return;
      }
      if (portfolio.problems.length > 0)
        io.stderr(`${options.issues}: issues not evaluated\n${formatIssues(portfolio.problems, '  ')}`);
      const statement = buildMonthlyStatement(catalog, issues, portfolio, {
        month: options.month,
        contractIds,
        inputProblems: parsed.problems,
      });
      if (statement.notices.length > 0) io.stderr(`statement notices\n${formatIssues(statement.notices, '  ')}`);
      const text = renderStatement(statement, format, lang);
      if (options.out) writeOutputFile('--out', options.out, text);
      else io.stdout(text);
      if (parsed.problems.length > 0 || portfolio.problems.length > 0) setExitCode(1);
    });
}
