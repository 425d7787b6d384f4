import type { CompiledCatalog } from '../core/catalog/compiled-catalog';
import { parseCatalog } from '../core/catalog/parse-catalog';
import type { ValidationIssue, Validated } from '../core/errors/validation-issue';
import { parseIcalHolidays, type IcalHolidayOptions } from './ical-holidays';
import { parseYamlText } from './parse-yaml';

/** Reads a text file relative to the catalog; injected so tests and the Forge app need no disk. */
export type ReadRelativeFile = (relativePath: string) => string;

/** The years whose occurrences of recurring holidays (yearly RRULEs) are imported, both inclusive. */
export type HolidayYears = Required<IcalHolidayOptions>;

export interface CatalogTextOptions {
  /** Chosen by the caller (see {@link holidayYearsAround}); parsing never reads the clock. */
  readonly holidayYears: HolidayYears;
  /** Reads `holidayFiles`; without it a catalog naming holiday files is a problem. */
  readonly readRelativeFile?: ReadRelativeFile;
}

/** Years of recurring holidays imported on each side of the instant a catalog is read for. */
const HOLIDAY_YEARS_EACH_SIDE = 5;

/**
 * The holiday years for a catalog read at `atMs`: five years before and after its year (UTC).
 *
 * @example
 * holidayYearsAround(Date.parse('2026-11-20T12:00:00Z')); // { fromYear: 2021, toYear: 2031 }
 */
export function holidayYearsAround(atMs: number): HolidayYears {
  const year = new Date(atMs).getUTCFullYear();
  return {
    fromYear: year - HOLIDAY_YEARS_EACH_SIDE,
    toYear: year + HOLIDAY_YEARS_EACH_SIDE,
  };
}

/**
 * Parses catalog text (YAML 1.2 or JSON) without any I/O or clock, for the CLI and the Forge app
 * alike. YAML anchors and merge keys (`<<: *base`) are allowed so tariffs can share rules;
 * top-level keys starting with `x-` hold such shared fragments and are dropped before validation.
 * Every calendar's `holidayFiles` (iCalendar) are read through `readRelativeFile` and appended to
 * its `holidays`, recurring events expanded over `holidayYears`.
 *
 * @example
 * const result = parseCatalogText(yamlText, { holidayYears: holidayYearsAround(nowMs), readRelativeFile: (path) => files[path] });
 * if (!result.ok) console.error(formatIssues(result.issues));
 */
export function parseCatalogText(text: string, options: CatalogTextOptions): Validated<CompiledCatalog> {
  const parsed = parseYamlText(text, { merge: true });
  if (!parsed.ok) return parsed;
  const value = withoutExtensionKeys(parsed.value);
  const imported = importHolidayFiles(value, options);
  const catalog = parseCatalog(value);
  // A holiday file that cannot be read is one more problem, reported with the catalog's own.
  if (imported.length === 0) return catalog;
  return { ok: false, issues: [...imported, ...(catalog.ok ? [] : catalog.issues)] };
}

/** Appends the holidays of every calendar's `holidayFiles` to its `holidays`, in place. */
function importHolidayFiles(catalog: unknown, options: CatalogTextOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const calendars = isRecord(catalog) && isRecord(catalog.calendars) ? catalog.calendars : {};
  for (const [calendarId, calendar] of Object.entries(calendars)) {
    if (!isRecord(calendar) || !Array.isArray(calendar.holidayFiles)) continue;
    const holidays: unknown[] = Array.isArray(calendar.holidays) ? [...calendar.holidays] : [];
    calendar.holidayFiles.forEach((file: unknown, index: number) => {
      if (typeof file !== 'string') return;
      const path: Array<string | number> = ['calendars', calendarId, 'holidayFiles', index];
      const text = readHolidayFile(file, path, options.readRelativeFile, issues);
      if (text === undefined) return;
      const result = parseIcalHolidays(text, file, options.holidayYears);
      issues.push(
        ...result.errors.map((error) => ({
          ...error,
          path: [...path, ...error.path],
        })),
      );
      holidays.push(...result.holidays);
    });
    calendar.holidays = holidays;
  }
  return issues;
}

function readHolidayFile(
  file: string,
  path: Array<string | number>,
  read: ReadRelativeFile | undefined,
  issues: ValidationIssue[],
): string | undefined {
  if (!read) {
    issues.push({
      code: 'file_unreadable',
      path,
      message: `cannot read "${file}": holiday files need a catalog read from a file`,
    });
    return undefined;
  }
  try {
    return read(file);
  } catch (error) {
    issues.push({
      code: 'file_unreadable',
      path,
      message: `cannot read holiday file "${file}": ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutExtensionKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')));
}
