import type { CompiledCatalog } from '../core/catalog/compiled-catalog';
import { formatIssues } from '../core/errors/validation-issue';
import { instantMs, isoInstantSchema } from '../core/history/issue-history-schema';
import type { ParsedIssues } from '../core/history/issue-history';
import { readCatalogFile } from '../io/read-catalog-file';
import { readIssuesFile } from '../io/read-issues-file';
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
