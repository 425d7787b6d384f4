import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { PropertyAlias } from './jql-subset';

const entityPropertySchema = z.object({
  modules: z
    .object({
      'jira:entityProperty': z.array(
        z
          .object({
            propertyKey: z.string(),
            values: z.array(
              z.object({
                path: z.string(),
                type: z.enum(['string', 'date', 'number', 'text', 'user']),
                searchAlias: z.string(),
              }),
            ),
          })
          .loose(),
      ),
    })
    .loose(),
});

/** The repository's manifest, found upwards from here: from test/ under ts-jest, from dist/test/ in the built benchmarks. */
function nearestManifest(fromDirectory: string): string {
  for (let directory = fromDirectory; ; directory = dirname(directory)) {
    const candidate = join(directory, 'manifest.yml');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) throw new Error(`no manifest.yml above ${fromDirectory}`);
  }
}

/** The search aliases the app's manifest declares, as Jira indexes them once the app is installed. */
export function manifestPropertyAliases(manifestPath = nearestManifest(__dirname)): Record<string, PropertyAlias> {
  const manifest = entityPropertySchema.parse(parse(readFileSync(manifestPath, 'utf8')));
  const aliases: Record<string, PropertyAlias> = {};
  for (const module of manifest.modules['jira:entityProperty']) {
    for (const value of module.values)
      aliases[value.searchAlias] = { propertyKey: module.propertyKey, path: value.path, type: value.type };
  }
  return aliases;
}
