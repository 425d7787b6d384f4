import { hasEntry } from '../../core/errors/safe-record';
import type { Command } from 'commander';
import { adviceHtml } from '../../core/advisor/advice-html';
import { adviceToJson } from '../../core/advisor/advice-json';
import { adviceText } from '../../core/advisor/advice-text';
import { adviseTariffs } from '../../core/advisor/advise-tariffs';
import { MonthTable } from '../../core/ledger/month-table';
import { LANGS, type Lang } from '../../core/statement/statement-locale';
import { CliFailure, writeOutputFile, type CliIo } from '../cli-io';
import { monthRangeOption } from '../month-options';
import { loadCatalogOrFail, loadIssues, resolveNow } from '../load-inputs';

interface AdviseOptions {
  config: string;
  issues: string;
  months: string;
  contract?: string;
  targetCompliance: string;
  format: string;
  lang: string;
  at?: string;
  prepaidMonths?: string;
  tariffs?: string;
  allowFewerClocks?: boolean;
  out?: string;
}

const FORMATS = ['text', 'json', 'html'] as const;
type AdviceFormat = (typeof FORMATS)[number];

function isFormat(value: string): value is AdviceFormat {
  return FORMATS.some((format) => format === value);
}

function isLang(value: string): value is Lang {
  return LANGS.some((lang) => lang === value);
}

/** `2026-09..2026-11` or a single `2026-11`. */
/**
 * `tariff-sla advise`: replays a client's history under every tariff and names the cheapest one
 * that meets the SLA compliance target.
 */
export function registerAdviseCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('advise')
    .description(
      "replay a client's history under every tariff: cost, SLA compliance, and the cheapest tariff meeting the target",
    )
    .requiredOption('--config <catalog>', 'tariff catalog (YAML or JSON)')
    .requiredOption('--issues <file>', 'issue histories (JSON: {"issues": [...]})')
    .requiredOption('--months <from..to>', 'months to replay, e.g. 2026-09..2026-11')
    .option('--contract <id>', 'the contract (required when the catalog has several)')
    .option('--target-compliance <percent>', 'SLA compliance every clock must reach', '95')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, 'text')
    .option('--lang <lang>', `wording and number format: ${LANGS.join(', ')}`, 'ru')
    .option('--at <iso>', 'as of this instant (default: the end of the last month, or now if earlier)')
    .option('--prepaid-months <n>', 'prepayment to assume (default: that of the current term)')
    .option('--tariffs <ids>', 'comma-separated tariffs to compare (default: every tariff)')
    .option('--allow-fewer-clocks', 'accept tariffs without a target for a clock the current terms measure')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((options: AdviseOptions) => {
      const range = monthRangeOption('--months', options.months);
      const target = Number(options.targetCompliance);
      if (!Number.isFinite(target) || target <= 0 || target > 100)
        throw new CliFailure(
          `--target-compliance: expected a percent in (0, 100], got "${options.targetCompliance}"`,
          2,
        );
      if (!isFormat(options.format))
        throw new CliFailure(`--format: expected one of ${FORMATS.join(', ')}, got "${options.format}"`, 2);
      if (!isLang(options.lang))
        throw new CliFailure(`--lang: expected one of ${LANGS.join(', ')}, got "${options.lang}"`, 2);
      const prepaid = options.prepaidMonths === undefined ? undefined : Number(options.prepaidMonths);
      if (prepaid !== undefined && (!Number.isInteger(prepaid) || prepaid < 0))
        throw new CliFailure(`--prepaid-months: expected a whole number of months, got "${options.prepaidMonths}"`, 2);
      const catalog = loadCatalogOrFail(options.config, io);
      const contractIds = catalog.contractIds();
      const contractId = options.contract ?? (contractIds.length === 1 ? contractIds[0] : undefined);
      if (contractId === undefined)
        throw new CliFailure(
          `--contract: the catalog has ${contractIds.length} contracts; name one of ${contractIds.map((id) => `"${id}"`).join(', ')}`,
          2,
        );
      const contract = catalog.contract(contractId);
      if (!contract)
        throw new CliFailure(
          `--contract: unknown contract "${contractId}"; the catalog has ${contractIds.map((id) => `"${id}"`).join(', ')}`,
        );
      const tariffIds = options.tariffs
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      const unknown = (tariffIds ?? []).filter((id) => !hasEntry(catalog.catalog.tariffs, id));
      if (unknown.length > 0)
        throw new CliFailure(`--tariffs: unknown tariff(s) ${unknown.map((id) => `"${id}"`).join(', ')}`);
      const parsed = loadIssues(options.issues, io);
      const rangeEndMs = new MonthTable(contract.timeZone, range.to, range.to).endMs(0);
      const nowMs = options.at !== undefined ? resolveNow(options.at, io) : Math.min(rangeEndMs, io.nowMs());
      const advice = adviseTariffs(catalog, parsed.issues, {
        contractId,
        fromMonth: range.from,
        toMonth: range.to,
        nowMs,
        targetCompliancePercent: target,
        tariffIds,
        prepaidMonths: prepaid,
        allowFewerClocks: options.allowFewerClocks === true,
      });
      const text =
        options.format === 'json'
          ? `${JSON.stringify(adviceToJson(advice), null, 2)}\n`
          : options.format === 'html'
            ? adviceHtml(advice, options.lang)
            : adviceText(advice, options.lang);
      if (options.out) writeOutputFile('--out', options.out, text);
      else io.stdout(text);
      if (parsed.problems.length > 0) setExitCode(1);
    });
}
