import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCatalog } from '../core/catalog/parse-catalog';
import type { CompiledCatalog } from '../core/catalog/compiled-catalog';
import type { ValidationIssue, Validated } from '../core/errors/validation-issue';
import { parseIcalHolidays } from './ical-holidays';
import { parseYamlText } from './parse-yaml';

/** Reads a text file relative to the catalog; injected so tests and the Forge app need no disk. */
export type ReadRelativeFile = (relativePath: string) => string;

/**
 * Parses catalog text (YAML 1.2 or JSON). YAML anchors and merge keys (`<<: *base`) are allowed so
 * tariffs can share rules; top-level keys starting with `x-` hold such shared fragments and are
 * dropped before validation.
 */
export function parseCatalogText(text: string, readRelativeFile?: ReadRelativeFile): Validated<CompiledCatalog> {
  const parsed = parseYamlText(text, { merge: true });
  if (!parsed.ok) return parsed;
  const value = withoutExtensionKeys(parsed.value);
  const imported = importHolidayFiles(value, readRelativeFile);
  if (imported.length > 0) return { ok: false, issues: imported };
  return parseCatalog(value);
}

/**
 * Appends the holidays of every calendar's `holidayFiles` (iCalendar) to its `holidays`, in place.
 * Recurring yearly events are expanded for the years the catalog's contracts can need.
 */
function importHolidayFiles(catalog: unknown, readRelativeFile: ReadRelativeFile | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const calendars = isRecord(catalog) && isRecord(catalog.calendars) ? catalog.calendars : {};
  for (const [calendarId, calendar] of Object.entries(calendars)) {
    if (!isRecord(calendar) || !Array.isArray(calendar.holidayFiles)) continue;
    const holidays: unknown[] = Array.isArray(calendar.holidays) ? [...calendar.holidays] : [];
    calendar.holidayFiles.forEach((file: unknown, index: number) => {
      const path: Array<string | number> = ['calendars', calendarId, 'holidayFiles', index];
      if (typeof file !== 'string') return;
      if (!readRelativeFile) {
        issues.push({ code: 'file_unreadable', path, message: `cannot read "${file}": holiday files need a catalog read from a file` });
        return;
      }
      let text: string;
      try {
        text = readRelativeFile(file);
      } catch (error) {
        issues.push({ code: 'file_unreadable', path, message: `cannot read holiday file "${file}": ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      const currentYear = new Date().getUTCFullYear();
      const result = parseIcalHolidays(text, file, { fromYear: currentYear - 5, toYear: currentYear + 5 });
      issues.push(...result.errors.map((error) => ({ ...error, path: [...path, ...error.path] })));
      holidays.push(...result.holidays);
    });
    calendar.holidays = holidays;
  }
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutExtensionKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')));
}

/** Reads and validates a catalog file; a missing file is an issue like any other, not an exception. */
export function readCatalogFile(path: string): Validated<CompiledCatalog> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // Checked by `code` alone: errors from another realm (a test sandbox) fail `instanceof Error`.
    const reason = typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT' ? 'file not found' : String(error);
    return { ok: false, issues: [{ code: 'file_unreadable', path: [], message: `cannot read catalog ${path}: ${reason}` }] };
  }
  return parseCatalogText(text, (relativePath) => readFileSync(resolve(dirname(path), relativePath), 'utf8'));
}
