import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The search aliases the app's manifest declares, as Jira indexes them once the app is installed. */
export function manifestPropertyAliases(
  manifestPath = join(__dirname, '..', '..', '..', 'manifest.yml'),
): Record<string, PropertyAlias> {
  const manifest = entityPropertySchema.parse(parse(readFileSync(manifestPath, 'utf8')));
  const aliases: Record<string, PropertyAlias> = {};
  for (const module of manifest.modules['jira:entityProperty']) {
    for (const value of module.values)
      aliases[value.searchAlias] = { propertyKey: module.propertyKey, path: value.path, type: value.type };
  }
  return aliases;
}
