import { parseYamlText } from '../../parsing/parse-yaml';
import { z } from 'zod';
import {
  holidayFilesSchema,
  enabledSinceAfterSave,
  loadEnabledSince,
  loadHolidayFiles,
  parseSettingsTexts,
  savedTextSchema,
  saveSettingsValues,
  SETTINGS_KEYS,
  storedValueBytes,
  utf8Bytes,
  type HolidayFiles,
  type SettingsProblems,
} from '../config/app-settings';
import { jiraMappingSchema } from '../config/jira-mapping-schema';
import type { KeyValueStore } from '../store/key-value-store';
import type { AdminCheck } from './jira-admin-check';
import type { JiraClient } from '../client/jira-client';
import type { JiraField } from '../client/jira-schemas';
import { JiraError } from '../client/jira-error';
import { catalogJsonSchema } from '../../core/catalog/parse-catalog';
import { fail, ok, type ResolverResult } from './resolver-result';

/** What the admin page resolver needs. */
export interface AdminDeps {
  readonly store: KeyValueStore;
  readonly now: () => number;
  /**
   * Whether the calling user is a Jira administrator, asked of Jira as that user (`ADMINISTER`):
   * the admin page is shown to admins only, but its resolver can be called by anyone who can call the app.
   */
  readonly isJiraAdmin: () => Promise<AdminCheck>;
  /**
   * Jira's projects, users and groups for the page's pickers, asked as the calling admin (what they
   * may see is what they can pick). Without it the pickers answer with nothing and ids are typed.
   */
  readonly directory?: JiraDirectory;
  /** Starting texts when nothing was saved yet (e.g. the example catalog). */
  readonly defaults?: {
    readonly catalogText: string;
    readonly mappingText: string;
    readonly holidayFiles?: HolidayFiles;
  };
}

/** The two texts the admin edits, and their problems if any. */
export interface AdminSettingsView {
  readonly catalogText: string;
  readonly mappingText: string;
  /** iCalendar files the catalog can name in `holidayFiles`, by path. */
  readonly holidayFiles: HolidayFiles;
  readonly savedAtMs: number | null;
  readonly problems: SettingsProblems;
}

/** A saved text, less room for the record around it (`savedAtMs`, `savedBy`) and JSON escapes, within the store's 240 KiB. */
const TEXT_LIMIT_BYTES = 200 * 1024;
const MAPPING_LIMIT_BYTES = 50 * 1024;

export const saveSettingsPayloadSchema = z.object({
  // Limits in bytes, as Forge's store counts them (UTF-8: Cyrillic takes two bytes a letter), with room for the JSON around the text.
  catalogText: z.string().refine((text) => utf8Bytes(text) <= TEXT_LIMIT_BYTES, {
    error: `the catalog is larger than ${TEXT_LIMIT_BYTES / 1024} KiB (UTF-8): split holidays into holiday files or shorten it`,
  }),
  mappingText: z.string().refine((text) => utf8Bytes(text) <= MAPPING_LIMIT_BYTES, {
    error: `the mapping is larger than ${MAPPING_LIMIT_BYTES / 1024} KiB (UTF-8)`,
  }),
  /** The whole set of holiday files to keep; omitted: keep the saved ones. */
  holidayFiles: holidayFilesSchema
    .refine((files) => storedValueBytes(files) <= TEXT_LIMIT_BYTES, {
      error: `the holiday files are larger than ${TEXT_LIMIT_BYTES / 1024} KiB together (UTF-8)`,
    })
    .optional(),
});

const NO_PROBLEMS: SettingsProblems = { catalog: [], mapping: [] };

const UNAVAILABLE_MESSAGES = {
  rate_limited: 'Jira is busy and did not say whether you are a Jira administrator (rate limit); try again in a minute',
  consent_required: 'allow Tariff SLA to act on your behalf (Jira asks for it on the page), then try again',
  jira_error: 'Jira did not answer whether you are a Jira administrator (a Jira error); try again in a minute',
  jira_unreachable: 'Jira could not be reached to check whether you are a Jira administrator; try again in a minute',
} as const;

async function denied<T>(deps: AdminDeps): Promise<ResolverResult<T> | null> {
  const check = await deps.isJiraAdmin();
  if (check.kind === 'admin') return null;
  if (check.kind === 'not_admin') return fail('forbidden', 'only Jira administrators can change Tariff SLA settings');
  // Not a "no": Jira did not answer. The page says which, and that trying again may help.
  const retry =
    check.retryAfterMs === undefined ? '' : ` (Jira asked to wait ${Math.ceil(check.retryAfterMs / 1000)} s)`;
  return fail(
    check.reason === 'consent_required' ? 'consent_required' : 'jira_unavailable',
    `${UNAVAILABLE_MESSAGES[check.reason]}${retry}`,
    [check.reason],
  );
}

/**
 * The saved catalog and mapping texts (or the defaults), with their problems.
 *
 * @example
 * await getAdminSettings(deps); // { ok: true, value: { catalogText: 'version: 1…', mappingText: 'projects: …', problems: { catalog: [], mapping: [] } } }
 */
export async function getAdminSettings(deps: AdminDeps): Promise<ResolverResult<AdminSettingsView>> {
  const refused = await denied<AdminSettingsView>(deps);
  if (refused) return refused;
  const catalog = savedTextSchema.safeParse(await deps.store.get(SETTINGS_KEYS.catalog));
  const mapping = savedTextSchema.safeParse(await deps.store.get(SETTINGS_KEYS.mapping));
  const catalogText = catalog.success ? catalog.data.text : (deps.defaults?.catalogText ?? '');
  const mappingText = mapping.success ? mapping.data.text : (deps.defaults?.mappingText ?? 'projects: {}\n');
  const saved = await loadHolidayFiles(deps.store);
  const holidayFiles = Object.keys(saved).length > 0 || catalog.success ? saved : (deps.defaults?.holidayFiles ?? {});
  const checked = parseSettingsTexts(catalogText, mappingText, deps.now(), holidayFiles);
  return ok({
    catalogText,
    mappingText,
    holidayFiles,
    savedAtMs: mapping.success ? mapping.data.savedAtMs : null,
    problems: checked.ok ? NO_PROBLEMS : checked.problems,
  });
}

function payloadProblems(error: z.ZodError): SettingsProblems {
  const problems: SettingsProblems = { catalog: [], mapping: [] };
  for (const issue of error.issues) {
    const target = issue.path[0] === 'mappingText' ? problems.mapping : problems.catalog;
    target.push({ code: issue.code, path: [], message: issue.message });
  }
  return problems;
}

/**
 * Validates both texts exactly as the app will read them (the catalog through `parseCatalogText`, the
 * mapping through its schema and against the catalog) and saves them only when both are valid.
 * Problems come back with their paths, e.g. `tariffs.basic.targets.reaction: expected minutes > 0`.
 *
 * @example
 * await saveAdminSettings(deps, { catalogText, mappingText }, 'account-1');
 */
export async function saveAdminSettings(
  deps: AdminDeps,
  payload: unknown,
  accountId: string | undefined,
): Promise<ResolverResult<AdminSettingsView>> {
  const refused = await denied<AdminSettingsView>(deps);
  if (refused) return refused;
  const parsed = saveSettingsPayloadSchema.safeParse(payload);
  if (!parsed.success)
    return ok({
      catalogText: '',
      mappingText: '',
      holidayFiles: {},
      savedAtMs: null,
      problems: payloadProblems(parsed.error),
    });
  const savedAtMs = deps.now();
  const { catalogText, mappingText } = parsed.data;
  const holidayFiles = parsed.data.holidayFiles ?? (await loadHolidayFiles(deps.store));
  const checked = parseSettingsTexts(catalogText, mappingText, savedAtMs, holidayFiles);
  if (!checked.ok) return ok({ catalogText, mappingText, holidayFiles, savedAtMs: null, problems: checked.problems });
  const by = accountId === undefined ? {} : { savedBy: accountId };
  // Before the first-enabled instants existed, a project counted from the last save: keep that instant for the projects served then.
  const previousMapping = savedTextSchema.safeParse(await deps.store.get(SETTINGS_KEYS.mapping));
  const previousSince = await loadEnabledSince(deps.store);
  // Files first: the catalog saved next may name them, and a reader never sees a catalog without its files.
  // Sizes are checked in bytes before anything is written, and a failed write puts back what was there.
  const tooBig = await saveSettingsValues(deps.store, [
    { key: SETTINGS_KEYS.holidayFiles, value: { files: holidayFiles, savedAtMs } },
    { key: SETTINGS_KEYS.catalog, value: { text: catalogText, savedAtMs, ...by } },
    { key: SETTINGS_KEYS.mapping, value: { text: mappingText, savedAtMs, ...by } },
  ]);
  if (tooBig.length > 0) {
    const problem = {
      code: 'too_big',
      path: [],
      message: `too large to store (${tooBig.join(', ')}): Forge keeps at most 240 KiB per value, counted in UTF-8 bytes; nothing was saved`,
    };
    return ok({
      catalogText,
      mappingText,
      holidayFiles,
      savedAtMs: null,
      problems: { catalog: [problem], mapping: [] },
    });
  }
  // A project served for the first time starts escalating now; projects served before keep their instant.
  const seeded =
    Object.keys(previousSince).length === 0 && previousMapping.success
      ? seedFromPreviousSave(previousMapping.data)
      : previousSince;
  const enabledSince =
    enabledSinceAfterSave(seeded, checked.settings.mapping, savedAtMs) ?? (seeded === previousSince ? null : seeded);
  if (enabledSince !== null) await deps.store.set(SETTINGS_KEYS.enabledSince, enabledSince);
  return ok({ catalogText, mappingText, holidayFiles, savedAtMs, problems: NO_PROBLEMS });
}

/** The projects of the mapping saved before, as enabled at that save. */
function seedFromPreviousSave(saved: { readonly text: string; readonly savedAtMs: number }): Record<string, number> {
  const document = parseYamlText(saved.text);
  if (!document.ok) return {};
  const mapping = jiraMappingSchema.safeParse(document.value ?? {});
  return mapping.success
    ? Object.fromEntries(Object.keys(mapping.data.projects).map((key) => [key, saved.savedAtMs]))
    : {};
}

/**
 * Checks the texts without saving (the page's "Check" button).
 */
export async function checkAdminSettings(deps: AdminDeps, payload: unknown): Promise<ResolverResult<SettingsProblems>> {
  const refused = await denied<SettingsProblems>(deps);
  if (refused) return refused;
  const parsed = saveSettingsPayloadSchema.safeParse(payload);
  if (!parsed.success) return ok(payloadProblems(parsed.error));
  const holidayFiles = parsed.data.holidayFiles ?? (await loadHolidayFiles(deps.store));
  const checked = parseSettingsTexts(parsed.data.catalogText, parsed.data.mappingText, deps.now(), holidayFiles);
  return ok(checked.ok ? NO_PROBLEMS : checked.problems);
}

/** One thing a picker offers: the value the settings keep (key, account id, group id) and what a person reads. */
export interface DirectoryEntry {
  readonly value: string;
  readonly label: string;
  /** For groups: the name, which the settings may keep instead of the id. */
  readonly name?: string;
}

/** Jira's projects, users, groups and custom fields, searched by a few letters. */
export interface JiraDirectory {
  projects(query: string): Promise<DirectoryEntry[]>;
  users(query: string): Promise<DirectoryEntry[]>;
  groups(query: string): Promise<DirectoryEntry[]>;
  fields(query: string): Promise<DirectoryEntry[]>;
}

/** Answers at most this many entries a search: a picker, not an export. */
const DIRECTORY_LIMIT = 50;

/** A custom field the settings can name (`customfield_10040`), matched by its id or name. */
function customFieldsMatching(fields: readonly JiraField[], query: string): DirectoryEntry[] {
  const wanted = query.toLowerCase();
  return fields
    .filter((field) => field.custom === true && /^customfield_\d+$/.test(field.id))
    .filter((field) => `${field.id} ${field.name}`.toLowerCase().includes(wanted))
    .slice(0, DIRECTORY_LIMIT)
    .map((field) => ({ value: field.id, label: `${field.name} (${field.id})` }));
}

/**
 * The pickers' directory over Jira's REST API (`/project/search`, `/user/search`, `/groups/picker`,
 * `/field`), through a client that calls Jira as the admin. App and customer accounts are left out of
 * users; only custom fields are listed (the settings name those: the CSAT rating, the organizations).
 */
export function jiraDirectoryOf(
  jira: Pick<JiraClient, 'searchProjects' | 'searchUsers' | 'findGroups' | 'listFields'>,
): JiraDirectory {
  return {
    projects: async (query) =>
      (await jira.searchProjects(query, DIRECTORY_LIMIT)).map((project) => ({
        value: project.key,
        label: `${project.name} (${project.key})`,
      })),
    users: async (query) =>
      (await jira.searchUsers(query, DIRECTORY_LIMIT))
        .filter((user) => (user.accountType ?? 'atlassian') === 'atlassian' && user.active !== false)
        .map((user) => ({ value: user.accountId, label: user.displayName ?? user.accountId })),
    groups: async (query) =>
      (await jira.findGroups(query, DIRECTORY_LIMIT)).map((group) => ({
        value: group.groupId ?? group.name,
        label: group.name,
        name: group.name,
      })),
    fields: async (query) => customFieldsMatching(await jira.listFields(), query),
  };
}

export const directoryQuerySchema = z.object({
  kind: z.enum(['projects', 'users', 'groups', 'fields']),
  query: z.string().max(100, { error: 'search with at most 100 characters' }),
});

/**
 * Searches Jira's projects, users or groups for the admin page's pickers (`{ kind, query }`).
 *
 * @example
 * await findJiraNames(deps, { kind: 'projects', query: 'SU' }); // { ok: true, value: [{ value: 'SUP', label: 'Support (SUP)' }] }
 */
export async function findJiraNames(deps: AdminDeps, payload: unknown): Promise<ResolverResult<DirectoryEntry[]>> {
  const refused = await denied<DirectoryEntry[]>(deps);
  if (refused) return refused;
  const parsed = directoryQuerySchema.safeParse(payload);
  if (!parsed.success) return fail('bad_request', parsed.error.issues[0]?.message ?? 'bad request');
  if (deps.directory === undefined) return ok([]);
  try {
    return ok(await deps.directory[parsed.data.kind](parsed.data.query.trim()));
  } catch (error) {
    if (error instanceof JiraError)
      return fail(
        'jira_unavailable',
        `Jira did not list the ${parsed.data.kind} (${error.message}); type the id instead`,
      );
    throw error;
  }
}

/** The JSON Schemas of the two texts, for the page's YAML editors (completion, hover). */
export interface SettingsSchemas {
  readonly catalog: Record<string, unknown>;
  readonly mapping: Record<string, unknown>;
}

/**
 * JSON Schemas of the catalog (the one the `schema` command writes) and of the Jira mapping.
 */
export async function getSettingsSchemas(deps: AdminDeps): Promise<ResolverResult<SettingsSchemas>> {
  const refused = await denied<SettingsSchemas>(deps);
  if (refused) return refused;
  return ok({
    catalog: catalogJsonSchema(),
    mapping: z.toJSONSchema(jiraMappingSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
  });
}
