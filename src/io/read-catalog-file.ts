import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CompiledCatalog } from '../core/catalog/compiled-catalog';
import type { Validated } from '../core/errors/validation-issue';
import { parseCatalogText, type HolidayYears } from '../parsing/parse-catalog-text';
import { readTextFile } from './read-text-file';

/**
 * Reads and validates a catalog file; its `holidayFiles` are read relative to it. A missing file is
 * a problem like any other, not an exception.
 *
 * @example
 * const result = readCatalogFile('examples/catalog.yml', holidayYearsAround(io.nowMs()));
 */
export function readCatalogFile(path: string, holidayYears: HolidayYears): Validated<CompiledCatalog> {
  const read = readTextFile(path, 'catalog');
  if (!read.ok) return { ok: false, issues: [read.issue] };
  return parseCatalogText(read.text, {
    holidayYears,
    readRelativeFile: (relativePath) => readFileSync(resolve(dirname(path), relativePath), 'utf8'),
  });
}
