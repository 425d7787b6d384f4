/**
 * Cuts the official Jira Cloud platform OpenAPI description down to the operations
 * this app calls, so contract tests run against a small, committed file instead of
 * the 2.4 MB description that lives outside the repository.
 *
 * Build with `npm run build`, then:
 *
 * ```sh
 * node dist/scripts/trim-jira-openapi.js \
 *   [--source ../shared/contracts/jira-platform-rest-v3.openapi.json] \
 *   [--out test/jira/contract/jira-openapi.trimmed.json]
 * ```
 *
 * Relative paths are taken from the repository root, whatever the working directory.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** One HTTP operation of the Jira REST API, as written in the OpenAPI `paths` object. */
export interface KeptJiraOperation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** Why an SLA app needs it; kept here so the list is reviewed, not grown by habit. */
  readonly why: string;
}

/**
 * Every Jira operation the app (Forge app and its tests) is allowed to call.
 *
 * Deliberately absent: group members (a group is named in the notification and Jira expands it;
 * the admin page's pickers search users and groups by name only, as the admin), operations no code path calls (transitions, priority
 * search, `/myself`, reading or deleting a property, bulk app-field writes), issue create/delete (the app reacts
 * to issues, it does not own them), webhooks (Forge events replace them), and the old
 * `/search` (answers 410 Gone since its removal).
 *
 * @example
 * ```ts
 * KEPT_JIRA_OPERATIONS.map((op) => `${op.method} ${op.path}`);
 * // ['GET /rest/api/3/search/jql', 'POST /rest/api/3/search/jql', ...]
 * ```
 */
export const KEPT_JIRA_OPERATIONS: readonly KeptJiraOperation[] = [
  {
    method: 'GET',
    path: '/rest/api/3/search/jql',
    why: 'find the issues of tariff projects changed since the last sync',
  },
  { method: 'POST', path: '/rest/api/3/search/jql', why: 'same search when the JQL (key lists) is too long for a URL' },
  {
    method: 'POST',
    path: '/rest/api/3/changelog/bulkfetch',
    why: 'status/priority/type history of up to 1000 issues, to replay SLA clocks',
  },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}', why: 'refresh one issue when an event arrives' },
  {
    method: 'PUT',
    path: '/rest/api/3/issue/{issueIdOrKey}',
    why: 'escalation actions: raise priority, reassign, label',
  },
  {
    method: 'GET',
    path: '/rest/api/3/issue/{issueIdOrKey}/comment',
    why: 'check whether an escalation notice was already posted',
  },
  {
    method: 'POST',
    path: '/rest/api/3/issue/{issueIdOrKey}/comment',
    why: 'post escalation and breach notices (public, role-restricted or service desk internal)',
  },
  {
    method: 'POST',
    path: '/rest/api/3/issue/{issueIdOrKey}/notify',
    why: "send an escalation level's e-mail notification to the support staff, the reporter or the watchers",
  },
  {
    method: 'PUT',
    path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    why: 'store the SLA state on the issue (indexed for JQL)',
  },
  {
    method: 'PUT',
    path: '/rest/api/3/app/field/{fieldIdOrKey}/value',
    why: 'write the app-owned SLA field (time left, breach state)',
  },
  { method: 'GET', path: '/rest/api/3/worklog/updated', why: 'ids of worklogs changed since the last ledger sync' },
  { method: 'POST', path: '/rest/api/3/worklog/list', why: 'the worklogs behind those ids, for the hour ledger' },
  {
    method: 'GET',
    path: '/rest/api/3/issue/{issueIdOrKey}/worklog',
    why: 'all worklogs of one issue when rebuilding its ledger',
  },
  { method: 'GET', path: '/rest/api/3/mypermissions', why: 'check the app may edit and comment before escalating' },
  {
    method: 'GET',
    path: '/rest/api/3/serverInfo',
    why: "the site's base URL, for the issue link in messenger notifications (no configuration needed)",
  },
  { method: 'GET', path: '/rest/api/3/field', why: 'find the id of the app-owned SLA field' },
  { method: 'GET', path: '/rest/api/3/status', why: 'map statuses onto SLA pause/stop rules by status category' },
  {
    method: 'POST',
    path: '/rest/api/3/permissions/check',
    why: "which of a project's issues the viewer of the project page may browse (issue security), in bulk",
  },
  {
    method: 'GET',
    path: '/rest/api/3/user/bulk',
    why: 'display names of the people the ledger, the CSV and the explain text name',
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/search',
    why: 'the project picker of the admin page (project → contract mapping), asked as the admin',
  },
  {
    method: 'GET',
    path: '/rest/api/3/user/search',
    why: 'the user picker of the admin page (support staff, escalation recipients), asked as the admin',
  },
  {
    method: 'GET',
    path: '/rest/api/3/groups/picker',
    why: 'the group picker of the admin page (escalation recipients by group id), asked as the admin',
  },
  {
    method: 'PUT',
    path: '/rest/forge/1/app/properties/{propertyKey}',
    why: 'the served projects, read by the display conditions of the issue panel and the project page',
  },
];

/** A problem found while trimming: data, not a thrown string. */
export interface TrimProblem {
  readonly code: 'spec_invalid' | 'spec_operation_missing' | 'spec_ref_unresolved' | 'cli_usage';
  readonly path: string;
  readonly message: string;
}

/** Thrown by {@link trimJiraOpenApi} and the command line when the source cannot be trimmed. */
export class TrimError extends Error {
  readonly code: TrimProblem['code'];
  readonly path: string;
  constructor(problem: TrimProblem) {
    super(problem.message);
    this.name = 'TrimError';
    this.code = problem.code;
    this.path = problem.path;
  }
}

type JsonObject = { [key: string]: unknown };

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SourceSpecSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ version: z.string(), title: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({
    schemas: z.record(z.string(), z.unknown()).optional(),
    securitySchemes: z.record(z.string(), z.unknown()).optional(),
  }),
});

const LOCAL_REF = /^#\/components\/([A-Za-z0-9_.-]+)\/([^/]+)$/;

function collectRefs(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
    return;
  }
  if (!isJsonObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') found.add(value);
    else collectRefs(value, found);
  }
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isJsonObject(value)) return value;
  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep(value[key]);
  return sorted;
}

function scopeNamesOf(operation: JsonObject): Set<string> {
  const scopes = new Set<string>();
  const security = operation.security;
  if (Array.isArray(security)) {
    for (const requirement of security) {
      if (!isJsonObject(requirement)) continue;
      for (const list of Object.values(requirement)) {
        if (Array.isArray(list)) for (const scope of list) if (typeof scope === 'string') scopes.add(scope);
      }
    }
  }
  const declared = operation['x-atlassian-oauth2-scopes'];
  if (Array.isArray(declared)) {
    for (const entry of declared) {
      if (isJsonObject(entry) && Array.isArray(entry.scopes)) {
        for (const scope of entry.scopes) if (typeof scope === 'string') scopes.add(scope);
      }
    }
  }
  return scopes;
}

function schemeNamesOf(operation: JsonObject): Set<string> {
  const names = new Set<string>();
  if (Array.isArray(operation.security)) {
    for (const requirement of operation.security) {
      if (isJsonObject(requirement)) for (const name of Object.keys(requirement)) names.add(name);
    }
  }
  return names;
}

/** OAuth2 scheme descriptions list every scope of Jira; keep only those the kept operations name. */
function trimSecurityScheme(scheme: unknown, scopes: Set<string>): unknown {
  if (!isJsonObject(scheme) || !isJsonObject(scheme.flows)) return scheme;
  const flows: JsonObject = {};
  for (const [flowName, flow] of Object.entries(scheme.flows)) {
    if (!isJsonObject(flow) || !isJsonObject(flow.scopes)) {
      flows[flowName] = flow;
      continue;
    }
    const kept: JsonObject = {};
    for (const [scope, text] of Object.entries(flow.scopes)) if (scopes.has(scope)) kept[scope] = text;
    flows[flowName] = { ...flow, scopes: kept };
  }
  return { ...scheme, flows };
}

/**
 * Returns a copy of `source` holding only `operations` and the components they reach
 * through `$ref`, transitively. The result is key-sorted so that regenerating it from
 * the same source gives the same bytes.
 *
 * @example
 * ```ts
 * const trimmed = trimJiraOpenApi(JSON.parse(readFileSync(src, 'utf8')));
 * trimmed.info['x-trimmed-from-version']; // '1001.0.0-SNAPSHOT-…'
 * ```
 */
export function trimJiraOpenApi(
  source: unknown,
  operations: readonly KeptJiraOperation[] = KEPT_JIRA_OPERATIONS,
): JsonObject & { info: JsonObject } {
  const parsed = SourceSpecSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TrimError({
      code: 'spec_invalid',
      path: issue ? issue.path.join('.') : '',
      message: issue?.message ?? 'not an OpenAPI 3 document',
    });
  }
  const spec = parsed.data;
  const components: Record<string, unknown> = spec.components;

  const paths: Record<string, JsonObject> = {};
  const scopes = new Set<string>();
  const schemeNames = new Set<string>();
  const tags = new Set<string>();
  const pending = new Set<string>();

  for (const op of operations) {
    const pathItem = spec.paths[op.path];
    const operation = pathItem?.[op.method.toLowerCase()];
    if (!pathItem || !isJsonObject(operation)) {
      throw new TrimError({
        code: 'spec_operation_missing',
        path: `paths.${op.path}.${op.method.toLowerCase()}`,
        message: `${op.method} ${op.path} is not in the source description`,
      });
    }
    const keptItem = (paths[op.path] ??= {});
    // Path-level entries (shared parameters, summary) apply to every method under the path.
    for (const [key, value] of Object.entries(pathItem)) {
      if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(key)) keptItem[key] = value;
    }
    keptItem[op.method.toLowerCase()] = operation;
    collectRefs(operation, pending);
    collectRefs(pathItem.parameters, pending);
    for (const scope of scopeNamesOf(operation)) scopes.add(scope);
    for (const name of schemeNamesOf(operation)) schemeNames.add(name);
    if (Array.isArray(operation.tags)) for (const tag of operation.tags) if (typeof tag === 'string') tags.add(tag);
  }

  const keptComponents: Record<string, JsonObject> = {};
  const visited = new Set<string>();
  while (pending.size > 0) {
    const [ref] = pending;
    pending.delete(ref);
    if (visited.has(ref)) continue;
    visited.add(ref);
    const match = LOCAL_REF.exec(ref);
    const section = match ? components[match[1]] : undefined;
    const target = match && isJsonObject(section) ? section[match[2]] : undefined;
    if (!match || target === undefined) {
      throw new TrimError({
        code: 'spec_ref_unresolved',
        path: ref,
        message: `$ref ${ref} does not point into components`,
      });
    }
    (keptComponents[match[1]] ??= {})[match[2]] = target;
    collectRefs(target, pending);
  }

  const securitySchemes: JsonObject = {};
  for (const name of schemeNames) {
    const scheme = spec.components.securitySchemes?.[name];
    if (scheme !== undefined) securitySchemes[name] = trimSecurityScheme(scheme, scopes);
  }
  if (Object.keys(securitySchemes).length > 0) keptComponents.securitySchemes = securitySchemes;

  const keptTags = Array.isArray(spec.tags)
    ? spec.tags.filter((tag) => isJsonObject(tag) && typeof tag.name === 'string' && tags.has(tag.name))
    : undefined;

  const info = {
    ...spec.info,
    'x-trimmed-from-version': spec.info.version,
    'x-trimmed-by': 'scripts/trim-jira-openapi.ts',
    'x-trimmed-operations': operations.map((op) => `${op.method} ${op.path}`),
  };

  const trimmed: JsonObject = {
    openapi: spec.openapi,
    info,
    servers: spec.servers,
    externalDocs: spec.externalDocs,
    tags: keptTags,
    paths,
    components: keptComponents,
  };
  for (const key of Object.keys(trimmed)) if (trimmed[key] === undefined) delete trimmed[key];
  const sorted = sortKeysDeep(trimmed);
  if (!isJsonObject(sorted) || !isJsonObject(sorted.info))
    throw new TrimError({ code: 'spec_invalid', path: 'info', message: 'info lost while sorting' });
  return { ...sorted, info: sorted.info };
}

/** Repository root: the nearest folder above this file holding the project's package.json. */
function findRepoRoot(start: string): string {
  let dir = start;
  for (let depth = 0; depth < 10; depth++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && /"name"\s*:\s*"tariff-sla"/.test(readFileSync(candidate, 'utf8'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return process.cwd();
}

/** Parses `--source X --out Y`; anything else is a usage error. */
export function parseTrimArgs(argv: readonly string[], repoRoot: string): { source: string; out: string } {
  const options = {
    source: '../shared/contracts/jira-platform-rest-v3.openapi.json',
    out: 'test/jira/contract/jira-openapi.trimmed.json',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag !== '--source' && flag !== '--out') || value === undefined) {
      throw new TrimError({
        code: 'cli_usage',
        path: `argv[${i}]`,
        message: 'usage: trim-jira-openapi [--source FILE] [--out FILE]',
      });
    }
    options[flag === '--source' ? 'source' : 'out'] = value;
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(repoRoot, p));
  return { source: abs(options.source), out: abs(options.out) };
}

/** Serialises the way the committed file is written: two-space indent, trailing newline. */
export function renderTrimmedSpec(trimmed: unknown): string {
  return `${JSON.stringify(trimmed, null, 2)}\n`;
}

function main(): void {
  try {
    const { source, out } = parseTrimArgs(process.argv.slice(2), findRepoRoot(__dirname));
    const trimmed = trimJiraOpenApi(JSON.parse(readFileSync(source, 'utf8')));
    writeFileSync(out, renderTrimmedSpec(trimmed));
    const schemaCount =
      isJsonObject(trimmed.components) && isJsonObject(trimmed.components.schemas)
        ? Object.keys(trimmed.components.schemas).length
        : 0;
    console.log(
      `trimmed ${KEPT_JIRA_OPERATIONS.length} operations and ${schemaCount} schemas from Jira spec ${String(trimmed.info['x-trimmed-from-version'])} into ${out}`,
    );
  } catch (error) {
    const problem =
      error instanceof TrimError
        ? { code: error.code, path: error.path, message: error.message }
        : { code: 'io_error', path: '', message: error instanceof Error ? error.message : String(error) };
    console.error(JSON.stringify(problem));
    process.exitCode = 1;
  }
}

if (require.main === module) main();
