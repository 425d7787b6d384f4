import { join } from 'node:path';
import { readCatalogFile } from '../../src/catalog/read-catalog';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog';
import { formatIssues } from '../../src/core/errors/validation-issue';

/** Path of the seed catalog shipped with the project. */
export const SEED_CATALOG_PATH = join(__dirname, '..', '..', 'examples', 'catalog.yml');

/** examples/catalog.yml, read the way the CLI reads it. */
export function seedCatalog(): CompiledCatalog {
  const result = readCatalogFile(SEED_CATALOG_PATH);
  if (!result.ok) throw new Error(`examples/catalog.yml does not validate:\n${formatIssues(result.issues)}`);
  return result.value;
}
