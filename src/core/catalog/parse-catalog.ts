import { z } from 'zod';
import { issuesFromZodError, type Validated, type ValidationIssue } from '../errors/validation-issue';
import { catalogReferenceIssues, catalogSchema } from './catalog-schema';
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
  if (!parsed.success || reserved.length > 0) {
    const structural = parsed.success ? [] : issuesFromZodError(parsed.error);
    return { ok: false, issues: [...reserved, ...withReferenceIssues(structural, document)] };
  }
  const catalog = parsed.data;
  const warnings = catalogWarnings(catalog);
  const zone = defaultTimeZone(document, catalog);
  if (zone.warning) warnings.push(zone.warning);
  return { ok: true, value: new CompiledCatalog({ ...catalog, timeZone: zone.timeZone }, warnings) };
}

/**
 * Structural problems and cross-reference problems together: zod skips the catalog's cross-reference
 * checks once a part is malformed, so they run again on the well-formed parts, each problem once.
 */
function withReferenceIssues(structural: ValidationIssue[], document: unknown): ValidationIssue[] {
  const seen = new Set(structural.map((issue) => `${JSON.stringify(issue.path)} ${issue.message}`));
  const references = catalogReferenceIssues(document)
    .map(({ code, path, message }) => ({ code, path, message }))
    .filter((issue) => !seen.has(`${JSON.stringify(issue.path)} ${issue.message}`));
  return [...structural, ...references];
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
