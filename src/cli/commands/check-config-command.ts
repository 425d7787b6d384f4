import type { Command } from 'commander';
import { formatIssues } from '../../core/errors/validation-issue';
import { readCatalogFile } from '../../io/read-catalog-file';
import { holidayYearsAround } from '../../parsing/parse-catalog-text';
import type { CliIo } from '../cli-io';

/** `tariff-sla check-config FILE`: validates a catalog; exits 1 with every problem by path. */
export function registerCheckConfigCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('check-config')
    .description('validate a tariff catalog and list every problem with its path')
    .argument('<file>', 'tariff catalog (YAML or JSON)')
    .action((file: string) => {
      const result = readCatalogFile(file, holidayYearsAround(io.nowMs()));
      if (!result.ok) {
        io.stderr(
          `${file}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}\n${formatIssues(result.issues, '  ')}`,
        );
        setExitCode(1);
        return;
      }
      const catalog = result.value.catalog;
      const warnings = result.value.warnings;
      if (warnings.length > 0)
        io.stderr(
          `${file}: ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n${formatIssues(warnings, '  ')}`,
        );
      io.stdout(
        `${file}: OK — ${Object.keys(catalog.tariffs).length} tariffs, ${Object.keys(catalog.contracts).length} contracts, ${Object.keys(catalog.calendars).length} calendars, ${Object.keys(catalog.escalationPolicies).length} escalation policies`,
      );
    });
}
