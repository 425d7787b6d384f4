/**
 * `npm run preview`: serves the Forge app's Custom UI pages on 127.0.0.1 with @forge/bridge swapped
 * for a stand-in that calls the app's real resolvers here, backed by the engine and
 * examples/catalog.yml + examples/issues.json, so anyone can look at the report without a Jira site.
 *
 *   node dist/scripts/preview.js [--port 4173] [--now 2026-11-20T15:00:00+03:00]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseIssueHistories, type IssueHistory } from '../src/core/history/issue-history';
import type { AdminDeps, JiraDirectory } from '../src/jira/app/admin-resolver';
import { gadgetResolvers } from '../src/jira/app/gadget-resolver';
import type { ReportDeps } from '../src/jira/app/project-report-resolver';
import { adminResolvers, projectReportResolvers, type ResolverTable } from '../src/jira/app/resolver-tables';
import { SETTINGS_KEYS } from '../src/jira/config/app-settings';
import { StaticIssueSource } from '../src/jira/report/project-issue-source';
import { MemoryKeyValueStore } from '../src/jira/store/memory-key-value-store';
import { buildStaticPages, CUSTOM_UI_PAGES, repoRoot, type CustomUiPage } from './build-static';

export interface PreviewOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** The instant the preview pretends it is (the examples describe November 2026). */
  readonly nowMs?: number;
  /** Whether the preview user passes the admin check. */
  readonly isAdmin?: boolean;
  /**
   * Adds the shared desk DESK of the README's contract-rules example (examples/shared-desk-issues.json):
   * no contract of its own, the mapping's contract rules give each request its client by JSM organization
   * or the "Client" field (customfield_10050 here), and one request is covered by none.
   */
  readonly sharedDesk?: boolean;
}

/** The shared desk's project key, and the field id its "Client" field has in the preview. */
export const SHARED_DESK = 'DESK';
const CLIENT_FIELD = 'customfield_10050';

const SHARED_DESK_MAPPING = [
  `  ${SHARED_DESK}: {}`,
  'contractRules:',
  '  organizationsField: customfield_10002',
  '  rules:',
  '    - { organization: "ООО «Альфа»", contract: client-a }',
  '    - { organization: "АО «Бета Логистика»", contract: client-b }',
  `    - { field: ${CLIENT_FIELD}, value: [Alfa, Альфа], contract: client-a }`,
];

/** The shared desk's requests, their "Client" field under the preview's custom field id. */
function sharedDeskIssues(root: string): IssueHistory[] {
  const parsed = parseIssueHistories(
    JSON.parse(readFileSync(join(root, 'examples', 'shared-desk-issues.json'), 'utf8')),
  );
  return parsed.issues.map((issue) => {
    const attributes = issue.contractAttributes;
    if (attributes?.fields === undefined) return issue;
    const fields = Object.fromEntries(
      Object.entries(attributes.fields).map(([field, values]) => [field === 'client' ? CLIENT_FIELD : field, values]),
    );
    return { ...issue, contractAttributes: { ...attributes, fields } };
  });
}

export interface PreviewServer {
  readonly url: string;
  /** Project keys of the example contracts, e.g. ALFA → client-a. */
  readonly projects: Readonly<Record<string, string>>;
  readonly store: MemoryKeyValueStore;
  close(): Promise<void>;
}

/** The instant the examples are evaluated at in the project's README and CLI. */
export const EXAMPLES_NOW = '2026-11-20T15:00:00+03:00';

const invokeSchema = z.object({
  page: z.enum(CUSTOM_UI_PAGES),
  functionKey: z.string(),
  payload: z.unknown(),
  context: z
    .object({ extension: z.object({ project: z.object({ key: z.string() }).optional() }).optional() })
    .optional(),
});

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const FILES = new Set(['index.html', 'app.js', 'app.css', 'style.css']);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) reject(new Error('request too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

/** Example project keys from the issue keys (ALFA-101 → ALFA), with their contracts. */
function exampleProjects(issues: ReadonlyArray<{ key: string; contractId: string }>): Record<string, string> {
  const projects: Record<string, string> = {};
  for (const issue of issues) projects[issue.key.split('-')[0]] = issue.contractId;
  return projects;
}

function mappingText(projects: Readonly<Record<string, string>>, sharedDesk: boolean): string {
  const lines = ['# Preview mapping: the example issues already use catalog names.', 'projects:'];
  for (const [key, contract] of Object.entries(projects))
    if (key !== SHARED_DESK) lines.push(`  ${key}: { contract: ${contract} }`);
  if (sharedDesk) lines.push(...SHARED_DESK_MAPPING);
  lines.push(
    'agents:',
    '  accountIds: [petrov, sidorova]',
    'lineRequirements:',
    '  L2: { comment: true, fields: [assignee] }',
    'language: ru',
    '',
  );
  return lines.join('\n');
}

/** What Jira would list in the admin page's pickers: the example projects, a few people and groups. */
export const PREVIEW_PEOPLE = [
  { value: 'petrov', label: 'Иван Петров' },
  { value: 'sidorova', label: 'Анна Сидорова' },
  { value: 'lead-kuznetsov', label: 'Олег Кузнецов' },
  { value: 'am-volkova', label: 'Мария Волкова' },
] as const;
export const PREVIEW_GROUPS = [
  { value: '6f1c2a40-0000-4000-8000-000000000001', label: 'support-l1', name: 'support-l1' },
  { value: '6f1c2a40-0000-4000-8000-000000000002', label: 'support-l2', name: 'support-l2' },
  { value: '6f1c2a40-0000-4000-8000-000000000003', label: 'account-managers', name: 'account-managers' },
] as const;

/** Custom fields the preview's Jira has: JSM's satisfaction and organizations, a "Client" select. */
export const PREVIEW_FIELDS = [
  { value: 'customfield_10002', label: 'Organizations (customfield_10002)' },
  { value: 'customfield_10040', label: 'Satisfaction (customfield_10040)' },
  { value: 'customfield_10041', label: 'Satisfaction date (customfield_10041)' },
  { value: 'customfield_10050', label: 'Client (customfield_10050)' },
] as const;

function previewDirectory(projects: Readonly<Record<string, string>>): JiraDirectory {
  const matches = (query: string) => (entry: { value: string; label: string }) =>
    `${entry.value} ${entry.label}`.toLowerCase().includes(query.toLowerCase());
  const projectEntries = [...Object.keys(projects), 'SUP', 'OPS']
    .sort()
    .map((key) => ({ value: key, label: `${key.charAt(0)}${key.slice(1).toLowerCase()} support (${key})` }));
  return {
    projects: async (query) => projectEntries.filter(matches(query)),
    users: async (query) => PREVIEW_PEOPLE.filter(matches(query)),
    groups: async (query) => PREVIEW_GROUPS.filter(matches(query)),
    fields: async (query) => PREVIEW_FIELDS.filter(matches(query)),
  };
}

function indexPage(url: string, projects: Readonly<Record<string, string>>): string {
  const links = Object.entries(projects)
    .map(
      ([key, contract]) =>
        `<li><a href="/project-report/?project=${key}&lang=ru">${key}</a> (${contract}) · <a href="/project-report/?project=${key}&lang=en">en</a></li>`,
    )
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tariff SLA preview</title></head><body style="font-family:sans-serif;padding:16px 24px"><h1>Tariff SLA — preview</h1><p>Served from ${url} with the example catalog and issues.</p><h2>Project pages</h2><ul>${links}</ul><h2>Dashboard gadget</h2><p><a href="/dashboard-gadget/?lang=en">Tariff SLA gadget</a> · <a href="/dashboard-gadget/?lang=ru&amp;theme=dark">ru, dark</a></p><h2>Admin page</h2><p><a href="/admin-page/?lang=en">Tariff SLA settings</a> · <a href="/admin-page/?lang=ru">ru</a></p></body></html>`;
}

/**
 * Builds the pages with the bridge stand-in and serves them on 127.0.0.1.
 *
 * @example
 * const preview = await startPreviewServer({ port: 0 });
 * console.log(`${preview.url}/project-report/?project=ALFA`);
 * await preview.close();
 */
export async function startPreviewServer(options: PreviewOptions = {}): Promise<PreviewServer> {
  const root = repoRoot();
  const buildDir = mkdtempSync(join(tmpdir(), 'tariff-sla-preview-'));
  const dirs = new Map<CustomUiPage, string>();
  await buildStaticPages({ bridge: 'preview', outDir: (page) => join(buildDir, page), minify: false });
  for (const page of CUSTOM_UI_PAGES) dirs.set(page, join(buildDir, page));
  // Code-split pages load chunks on demand (chunk-<hash>.js), listed once from what the build wrote.
  const builtChunks = new Map(
    [...dirs.values()].map((dir) => [dir, new Set(readdirSync(dir).filter((name) => /^chunk-[\w-]+\.js$/.test(name)))]),
  );

  const nowMs = options.nowMs ?? DateTime.fromISO(EXAMPLES_NOW, { setZone: true }).toMillis();
  const now = () => nowMs;
  const catalogText = readFileSync(join(root, 'examples', 'catalog.yml'), 'utf8');
  const parsed = parseIssueHistories(JSON.parse(readFileSync(join(root, 'examples', 'issues.json'), 'utf8')));
  const deskIssues = options.sharedDesk === true ? sharedDeskIssues(root) : [];
  const projects = {
    ...exampleProjects(parsed.issues),
    ...(options.sharedDesk === true ? { [SHARED_DESK]: '' } : {}),
  };
  const store = new MemoryKeyValueStore(now);
  await store.set(SETTINGS_KEYS.catalog, { text: catalogText, savedAtMs: nowMs });
  await store.set(SETTINGS_KEYS.mapping, {
    text: mappingText(projects, options.sharedDesk === true),
    savedAtMs: nowMs,
  });
  // The iCalendar files the example catalog names, as an admin would upload them on the settings page.
  const holidays = join(root, 'examples', 'holidays');
  const files = Object.fromEntries(
    readdirSync(holidays).map((name) => [`holidays/${name}`, readFileSync(join(holidays, name), 'utf8')]),
  );
  await store.set(SETTINGS_KEYS.holidayFiles, { files, savedAtMs: nowMs });

  const reportDeps: ReportDeps = {
    store,
    now,
    source: () => new StaticIssueSource([...parsed.issues, ...deskIssues], projects),
  };
  const adminDeps: AdminDeps = {
    store,
    now,
    isJiraAdmin: async () => ((options.isAdmin ?? true) ? { kind: 'admin' } : { kind: 'not_admin' }),
    directory: previewDirectory(projects),
  };
  const tables: Record<CustomUiPage, ResolverTable> = {
    'project-report': projectReportResolvers(reportDeps),
    'admin-page': adminResolvers(() => adminDeps),
    'dashboard-gadget': gadgetResolvers(reportDeps),
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method === 'POST' && url.pathname === '/__invoke') {
        const call = invokeSchema.safeParse(JSON.parse(await readBody(request)));
        if (!call.success)
          return send(
            response,
            400,
            'application/json',
            JSON.stringify({ error: call.error.issues[0]?.message ?? 'bad request' }),
          );
        const run = tables[call.data.page][call.data.functionKey];
        if (!run)
          return send(
            response,
            404,
            'application/json',
            JSON.stringify({ error: `no resolver ${call.data.functionKey}` }),
          );
        const projectKey = call.data.context?.extension?.project?.key;
        const answer = await run({
          payload: call.data.payload,
          context: { accountId: 'preview-user', ...(projectKey ? { projectKey } : {}) },
        });
        return send(response, 200, 'application/json; charset=utf-8', JSON.stringify(answer));
      }
      if (request.method !== 'GET') return send(response, 405, 'text/plain', 'method not allowed');
      if (url.pathname === '/') return send(response, 200, TYPES['.html'], indexPage(address(), projects));
      // Browsers ask for it unprompted; a 404 would be a console error on every page.
      if (url.pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
      const [page, file = 'index.html'] = url.pathname.split('/').filter(Boolean);
      const known = CUSTOM_UI_PAGES.find((candidate) => candidate === page);
      const dir = known === undefined ? undefined : dirs.get(known);
      // Only the files a known page's build wrote are served: no path from the URL reaches the file system.
      if (dir === undefined || !(FILES.has(file) || builtChunks.get(dir)?.has(file)))
        return send(response, 404, 'text/plain', 'not found');
      return send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(join(dir, file)));
    })().catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, 'text/plain', error instanceof Error ? error.message : String(error));
    });
  });
  // Loopback only: the preview serves example data, never to the network.
  await new Promise<void>((resolve) => server.listen(options.port ?? 4173, '127.0.0.1', resolve));
  const address = () => {
    const info = server.address();
    return `http://127.0.0.1:${typeof info === 'object' && info !== null ? info.port : 0}`;
  };
  return {
    url: address(),
    projects,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(buildDir, { recursive: true, force: true });
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const nowText = option('--now');
  const nowMs = nowText === undefined ? undefined : DateTime.fromISO(nowText, { setZone: true }).toMillis();
  startPreviewServer({ port: Number(option('--port') ?? 4173), nowMs, sharedDesk: true }).then(
    (preview) => {
      console.log(`Tariff SLA preview on ${preview.url}/`);
      for (const key of Object.keys(preview.projects))
        console.log(`  project page ${key}: ${preview.url}/project-report/?project=${key}&lang=ru`);
      console.log(`  admin page:        ${preview.url}/admin-page/?lang=en`);
      console.log('Ctrl+C stops it.');
      process.on('SIGINT', () => void preview.close().then(() => process.exit(0)));
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
