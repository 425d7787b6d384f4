import { z } from 'zod';
import { issuesFromZodError, type Validated } from '../errors/validation-issue';
import { catalogSchema } from './catalog-schema';
import { catalogWarnings, defaultTimeZone } from './catalog-warnings';
import { CompiledCatalog } from './compiled-catalog';
import { reservedKeyIssues } from '../errors/reserved-keys';

/**
 * Validates a catalog document (already read from YAML or JSON) and compiles it.
 * Every problem comes back as data with its path, e.g.
 * `tariffs.basic.targets.reaction: expected minutes > 0`.
 *
 * @example
 * const result = parseCatalog(YAML.parse(text));
 * if (!result.ok) console.error(formatIssues(result.issues));
 * else evaluatePortfolio(result.value, issues, Date.now());
 */
export function parseCatalog(document: unknown): Validated<CompiledCatalog> {
  const reserved = reservedKeyIssues(document);
  const parsed = catalogSchema.safeParse(document);
  if (!parsed.success || reserved.length > 0)
    return { ok: false, issues: [...reserved, ...(parsed.success ? [] : issuesFromZodError(parsed.error))] };
  const catalog = parsed.data;
  const warnings = catalogWarnings(catalog);
  const zone = defaultTimeZone(document, catalog);
  if (zone.warning) warnings.push(zone.warning);
  return { ok: true, value: new CompiledCatalog({ ...catalog, timeZone: zone.timeZone }, warnings) };
}

/** JSON Schema of the catalog file, for editors' completion and validation. */
export function catalogJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(catalogSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    // Top-level `x-` keys hold shared YAML fragments (anchors); the reader drops them before validation.
    patternProperties: { '^x-': {} },
    title: 'Tariff SLA catalog',
    description: 'Calendars, tariffs, escalation policies and contracts of an IT-support provider.',
  };
}
