import { contractRulesProblems } from '../../core/contracts/check-contract-rules';
import { hasEntry } from '../../core/errors/safe-record';
import { z } from 'zod';
import type { CompiledCatalog, CompiledContract } from '../../core/catalog/compiled-catalog';
import { issuesFromZodError, type ValidationIssue } from '../../core/errors/validation-issue';
import { holidayYearsAround, parseCatalogText } from '../../parsing/parse-catalog-text';
import { parseYamlText } from '../../parsing/parse-yaml';
import type { KeyValueStore } from '../store/key-value-store';
import { jiraMappingSchema, type JiraMapping, type ProjectMapping } from './jira-mapping-schema';

/** Storage keys of the admin's texts. */
export const SETTINGS_KEYS = {
  catalog: 'settings:catalog',
  mapping: 'settings:mapping',
  holidayFiles: 'settings:holidayFiles',
  enabledSince: 'settings:enabledSince',
} as const;

/** When each project was first served (saved in the mapping), by project key; kept across saves. */
export const enabledSinceSchema = z.record(z.string(), z.number());
export type EnabledSince = z.infer<typeof enabledSinceSchema>;

/** Forge's key-value store takes at most 240 KiB per value, counted in bytes of its JSON, not characters. */
export const MAX_STORED_VALUE_BYTES = 240 * 1024;

/** Bytes of a value as the store counts them: its JSON in UTF-8 (a Cyrillic letter is two bytes). */
export function storedValueBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** UTF-8 bytes of a text. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Writes several settings values so that a failed save changes nothing: every value is checked
 * against the store's byte limit before anything is written, and when a write still fails the
 * values written before it are put back as they were (or removed when they were absent).
 * Resolves to the keys over the limit (nothing written), or an empty list when all were saved.
 */
export async function saveSettingsValues(
  store: KeyValueStore,
  entries: ReadonlyArray<{ key: string; value: unknown }>,
): Promise<string[]> {
  const tooBig = entries
    .filter((entry) => storedValueBytes(entry.value) > MAX_STORED_VALUE_BYTES)
    .map((entry) => entry.key);
  if (tooBig.length > 0) return tooBig;
  const previous = await Promise.all(entries.map((entry) => store.get(entry.key)));
  let written = 0;
  try {
    for (const entry of entries) {
      await store.set(entry.key, entry.value);
      written++;
    }
  } catch (error) {
    for (let index = written - 1; index >= 0; index--) {
      const before = previous[index];
      if (before === undefined) await store.delete(entries[index].key);
      else await store.set(entries[index].key, before);
    }
    throw error;
  }
  return [];
}

/** What the admin saved: the texts exactly as typed, so the editor shows them back unchanged. */
export const savedTextSchema = z.object({ text: z.string(), savedAtMs: z.number(), savedBy: z.string().optional() });
export type SavedText = z.infer<typeof savedTextSchema>;

/**
 * iCalendar files a catalog names in `holidayFiles`, by the path the catalog uses
 * (`holidays/ru-2026.ics`). The app has no disk: the admin uploads them on the settings page.
 */
export const holidayFilesSchema = z.record(z.string().min(1), z.string());
export type HolidayFiles = z.infer<typeof holidayFilesSchema>;
export const savedHolidayFilesSchema = z.object({ files: holidayFilesSchema, savedAtMs: z.number() });

/** Reads `holidayFiles` from the uploaded files; a missing one is reported with the catalog's path. */
export function holidayFileReader(files: Readonly<HolidayFiles>): (relativePath: string) => string {
  return (relativePath) => {
    if (!Object.prototype.hasOwnProperty.call(files, relativePath))
      throw new Error(`no file "${relativePath}" was uploaded: add it under "Holiday files" on the settings page`);
    return files[relativePath];
  };
}

/** The catalog and the Jira mapping, validated against each other. */
export interface AppSettings {
  readonly catalog: CompiledCatalog;
  readonly mapping: JiraMapping;
  /** Levels due before this instant are recorded without acting (the mapping's `escalateSince`, else when the settings were saved). */
  readonly escalateSinceMs: number;
  /** When each project was first enabled: without an explicit `escalateSince`, its levels due before this are recorded without acting. */
  readonly enabledSinceMs?: Readonly<EnabledSince>;
}

/**
 * The instant before which an escalation level of the project is recorded without acting: the mapping's
 * `escalateSince` when given, else when the project was first enabled — set once and kept across saves, so a
 * later save never skips levels that fell due in between.
 */
export function escalateSinceOf(settings: AppSettings, projectKey: string): number {
  if (settings.mapping.escalateSince !== undefined) return settings.escalateSinceMs;
  return settings.enabledSinceMs?.[projectKey] ?? settings.escalateSinceMs;
}

/** Records the save instant for projects the mapping serves for the first time; returns the map to store, or null when nothing is new. */
export function enabledSinceAfterSave(
  previous: Readonly<EnabledSince>,
  mapping: JiraMapping,
  savedAtMs: number,
): EnabledSince | null {
  const added = Object.keys(mapping.projects).filter((key) => !Object.prototype.hasOwnProperty.call(previous, key));
  if (added.length === 0) return null;
  return { ...previous, ...Object.fromEntries(added.map((key) => [key, savedAtMs])) };
}

/** The stored first-enabled instants, or none. */
export async function loadEnabledSince(store: KeyValueStore): Promise<EnabledSince> {
  const parsed = enabledSinceSchema.safeParse(await store.get(SETTINGS_KEYS.enabledSince));
  return parsed.success ? parsed.data : {};
}

/** Problems of the two texts, kept apart so the admin page can show each under its editor. */
export interface SettingsProblems {
  readonly catalog: ValidationIssue[];
  readonly mapping: ValidationIssue[];
}

export type SettingsResult = { ok: true; settings: AppSettings } | { ok: false; problems: SettingsProblems };

function parseMappingText(text: string): { ok: true; mapping: JiraMapping } | { ok: false; issues: ValidationIssue[] } {
  const yaml = parseYamlText(text);
  if (!yaml.ok) return { ok: false, issues: yaml.issues };
  const parsed = jiraMappingSchema.safeParse(yaml.value ?? {});
  return parsed.success ? { ok: true, mapping: parsed.data } : { ok: false, issues: issuesFromZodError(parsed.error) };
}

function quoted(names: Iterable<string>): string {
  const list = [...names].map((name) => `"${name}"`);
  return list.length === 0 ? '(none defined)' : list.join(', ');
}

/** Support lines any tariff of the contract knows. */
export function contractLines(contract: CompiledContract): string[] {
  const lines: string[] = [];
  for (const term of contract.tariffs)
    for (const line of term.tariff.supportLines) if (!lines.includes(line)) lines.push(line);
  return lines;
}

/** Checks the mapping against the catalog: contracts, priorities, request types and lines must exist there. */
export function crossCheckMapping(catalog: CompiledCatalog, mapping: JiraMapping): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const known = catalog.catalog;
  for (const [projectKey, project] of Object.entries(mapping.projects)) {
    const base = ['projects', projectKey];
    const contract = catalog.contract(project.contract);
    // A shared project without a contract of its own (the contract rules choose one per issue) has no
    // contract to check, nor the lines of one.
    const shared = project.contract === '';
    if (!contract && !shared) {
      issues.push({
        code: 'unknown_contract',
        path: [...base, 'contract'],
        message: `unknown contract "${project.contract}": use one of ${quoted(catalog.contractIds())}`,
      });
      continue;
    }
    for (const [jiraName, priority] of Object.entries(project.priorities)) {
      if (!known.priorities.includes(priority))
        issues.push({
          code: 'unknown_priority',
          path: [...base, 'priorities', jiraName],
          message: `unknown priority "${priority}": use one of ${quoted(known.priorities)}`,
        });
    }
    for (const [jiraName, type] of Object.entries(project.issueTypes)) {
      if (!hasEntry(known.requestTypes, type))
        issues.push({
          code: 'unknown_request_type',
          path: [...base, 'issueTypes', jiraName],
          message: `unknown request type "${type}": use one of ${quoted(Object.keys(known.requestTypes))}`,
        });
    }
    if (!contract) continue;
    const lines = contractLines(contract);
    const checkLine = (path: Array<string | number>, line: string) => {
      if (!lines.includes(line))
        issues.push({
          code: 'unknown_line',
          path,
          message: `unknown support line "${line}": the tariffs of "${project.contract}" have ${quoted(lines)}`,
        });
    };
    checkLine([...base, 'initialLine'], project.initialLine);
    for (const [status, line] of Object.entries(project.lineStatuses))
      checkLine([...base, 'lineStatuses', status], line);
  }
  if (mapping.contractRules) issues.push(...contractRulesProblems(mapping.contractRules, catalog, ['contractRules']));
  return issues;
}

/**
 * Validates the catalog text and the mapping text together. Recurring holidays are expanded for the
 * years around `savedAtMs` (see `holidayYearsAround`): parsing reads no clock, and saving the
 * settings again renews the window.
 *
 * @example
 * const result = parseSettingsTexts(catalogYaml, 'projects: { SUP: { contract: client-a } }', Date.now(), { 'holidays/ru-2026.ics': icsText });
 * if (!result.ok) show(result.problems.catalog); // e.g. tariffs.basic.targets.reaction: expected minutes > 0
 */
export function parseSettingsTexts(
  catalogText: string,
  mappingText: string,
  savedAtMs: number,
  holidayFiles: Readonly<HolidayFiles> = {},
): SettingsResult {
  const catalog = parseCatalogText(catalogText, {
    holidayYears: holidayYearsAround(savedAtMs),
    readRelativeFile: holidayFileReader(holidayFiles),
  });
  const mapping = parseMappingText(mappingText);
  const problems: SettingsProblems = {
    catalog: catalog.ok ? [] : catalog.issues,
    mapping: mapping.ok ? [] : mapping.issues,
  };
  if (catalog.ok && mapping.ok) problems.mapping.push(...crossCheckMapping(catalog.value, mapping.mapping));
  if (!catalog.ok || !mapping.ok || problems.mapping.length > 0) return { ok: false, problems };
  const since = mapping.mapping.escalateSince === undefined ? savedAtMs : Date.parse(mapping.mapping.escalateSince);
  return { ok: true, settings: { catalog: catalog.value, mapping: mapping.mapping, escalateSinceMs: since } };
}

let memo: {
  catalogText: string;
  mappingText: string;
  filesJson: string;
  savedAtMs: number;
  result: SettingsResult;
} | null = null;

/** The uploaded holiday files, or none. */
export async function loadHolidayFiles(store: KeyValueStore): Promise<HolidayFiles> {
  const saved = savedHolidayFilesSchema.safeParse(await store.get(SETTINGS_KEYS.holidayFiles));
  return saved.success ? saved.data.files : {};
}

/**
 * Loads and validates the saved settings; null when the admin has not saved both yet. The last
 * result is kept per container, since Forge reuses warm containers and the catalog rarely changes.
 */
export async function loadAppSettings(store: KeyValueStore): Promise<SettingsResult | null> {
  const catalog = savedTextSchema.safeParse(await store.get(SETTINGS_KEYS.catalog));
  const mapping = savedTextSchema.safeParse(await store.get(SETTINGS_KEYS.mapping));
  if (!catalog.success || !mapping.success) return null;
  const savedAtMs = mapping.data.savedAtMs;
  const files = await loadHolidayFiles(store);
  const enabledSinceMs = await loadEnabledSince(store);
  const filesJson = JSON.stringify([files, enabledSinceMs]);
  if (
    memo &&
    memo.catalogText === catalog.data.text &&
    memo.mappingText === mapping.data.text &&
    memo.filesJson === filesJson &&
    memo.savedAtMs === savedAtMs
  )
    return memo.result;
  const parsed = parseSettingsTexts(catalog.data.text, mapping.data.text, savedAtMs, files);
  const result: SettingsResult = parsed.ok ? { ok: true, settings: { ...parsed.settings, enabledSinceMs } } : parsed;
  memo = { catalogText: catalog.data.text, mappingText: mapping.data.text, filesJson, savedAtMs, result };
  return result;
}

/** The mapping of one project, or undefined when the project is not served. */
export function projectMapping(settings: AppSettings, projectKey: string): ProjectMapping | undefined {
  return Object.prototype.hasOwnProperty.call(settings.mapping.projects, projectKey)
    ? settings.mapping.projects[projectKey]
    : undefined;
}
