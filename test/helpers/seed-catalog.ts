import { join } from 'node:path';
import { readCatalogFile } from '../../src/io/read-catalog-file';
import { holidayYearsAround } from '../../src/parsing/parse-catalog-text';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog';
import { formatIssues } from '../../src/core/errors/validation-issue';

/** Path of the seed catalog shipped with the project. */
export const SEED_CATALOG_PATH = join(__dirname, '..', '..', 'examples', 'catalog.yml');

/** examples/catalog.yml, read the way the CLI reads it, with recurring holidays around 2026. */
export function seedCatalog(): CompiledCatalog {
  const result = readCatalogFile(SEED_CATALOG_PATH, holidayYearsAround(Date.parse('2026-11-20T12:00:00Z')));
  if (!result.ok) throw new Error(`examples/catalog.yml does not validate:\n${formatIssues(result.issues)}`);
  return result.value;
}
