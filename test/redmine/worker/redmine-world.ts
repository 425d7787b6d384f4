import { execFile } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { RedmineClient } from '../../../src/redmine/client';
import { testCatalogDocument } from './worker-fixtures';

const ROOT = resolve(__dirname, '../../..');

/** Set TARIFF_SLA_SKIP_REDMINE=1 to leave out the tests that need a real Redmine. */
export const skipRedmine = process.env.TARIFF_SLA_SKIP_REDMINE === '1';

const MISSING =
  'REDMINE_URL and REDMINE_API_KEY are not set. Start the local Redmine with `bash scripts/redmine-local.sh start`, ' +
  'then `eval "$(bash scripts/redmine-local.sh env)"` before running jest (or set TARIFF_SLA_SKIP_REDMINE=1 to skip these tests).';

/** The local Redmine's URL and admin key, or a failure telling how to start it. */
export function requireRedmine(): { url: string; apiKey: string } {
  const url = process.env.REDMINE_URL;
  const apiKey = process.env.REDMINE_API_KEY;
  if (!url || !apiKey) throw new Error(MISSING);
  return { url, apiKey };
}

/** The local Redmine's port (each port is its own instance of scripts/redmine-local.sh). */
export function redminePort(url = process.env.REDMINE_URL ?? ''): string {
  try {
    return new URL(url).port || '3300';
  } catch {
    return '3300';
  }
}

const LOCK_PATH = join(ROOT, '.tmp', `redmine-worker-tests-${redminePort()}.lock`);

function lockHolderAlive(): boolean {
  try {
    const pid = Number(readFileSync(LOCK_PATH, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the lock that runs the worker's Redmine test files one after the other. Redmine on SQLite
 * cannot take two writers at once (the second gets "database is locked", a 500), and jest runs
 * test files in parallel. Waits at most `timeoutMs`; a lock left by a dead process is taken over.
 * Returns the release function, for `afterAll`.
 */
export async function lockRedmineForWorkerTests(timeoutMs = 1_200_000): Promise<() => void> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(LOCK_PATH, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(LOCK_PATH, { force: true });
    } catch {
      if (!lockHolderAlive()) {
        rmSync(LOCK_PATH, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`another Redmine worker test file held ${LOCK_PATH} for ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** A short id unique to this test run, for project identifiers, logins and group names. */
export function uniqueId(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}

/**
 * Runs Ruby in the local Redmine (`bash scripts/redmine-local.sh runner`) and parses the JSON it
 * prints on its last line. Each call boots Rails (≈5 s): fixtures are created in one call.
 */
export function runRails(ruby: string, timeoutMs = 360_000): Promise<unknown> {
  return new Promise((done, fail) => {
    const env = { ...process.env, REDMINE_PORT: redminePort() };
    execFile(
      'bash',
      [join(ROOT, 'scripts/redmine-local.sh'), 'runner', ruby],
      { cwd: ROOT, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          fail(new Error(`redmine-local.sh runner failed: ${error.message}\n${stderr.slice(-2000)}`));
          return;
        }
        const lines = stdout.trim().split('\n');
        try {
          done(JSON.parse(lines[lines.length - 1]));
        } catch {
          fail(new Error(`runner printed no JSON: ${stdout.slice(-2000)}`));
        }
      },
    );
  });
}

const userSchema = z.object({ id: z.number(), login: z.string(), key: z.string() });
const worldSchema = z.object({
  staff: userSchema,
  lead: userSchema,
  client: userSchema,
  groups: z.object({
    l1: z.object({ id: z.number(), name: z.string() }),
    l2: z.object({ id: z.number(), name: z.string() }),
  }),
  projects: z.array(z.object({ id: z.number(), identifier: z.string() })),
  issues: z.record(z.string(), z.array(z.number())),
});

/** Users, groups and projects made for one test file; everything is named with `uid`. */
export type RedmineWorld = z.infer<typeof worldSchema> & { uid: string; url: string; adminKey: string };

/**
 * Creates, in one Rails runner call: a support staff member in group "L1 <uid>", a lead in group
 * "L2 <uid>", a client user (Reporter), one project per name (issue tracking, time tracking, wiki;
 * both groups and the client as members) and, per project, `issuesPerProject[name]` issues of
 * tracker Support created now by the client (`issues[name]`), and `closedPerProject[name]` more
 * closed by the staff member a second later (`issues["name-closed"]`). Assigning issues to groups is switched on.
 */
export async function createRedmineWorld(
  projectNames: readonly string[],
  issuesPerProject: Record<string, number> = {},
  closedPerProject: Record<string, number> = {},
): Promise<RedmineWorld> {
  const { url, apiKey } = requireRedmine();
  const uid = uniqueId();
  const projects = projectNames.map((name) => ({
    name,
    identifier: `${name}-${uid}`,
    issues: issuesPerProject[name] ?? 0,
    closed: closedPerProject[name] ?? 0,
  }));
  const ruby = `
    uid = ${JSON.stringify(uid)}
    specs = JSON.parse(${JSON.stringify(JSON.stringify(projects))})
    Setting.issue_group_assignment = '1'
    developer = Role.find_by(name: 'Developer') || Role.givable.first
    reporter = Role.find_by(name: 'Reporter') || developer
    make_user = lambda do |login, first, last|
      User.find_by(login: login) || User.create!(login: login, firstname: first, lastname: last, mail: "#{login}@example.net", password: 'fixture-pass-1', status: 1)
    end
    staff = make_user.call("staff-#{uid}", 'Sam', 'Support')
    lead = make_user.call("lead-#{uid}", 'Lea', 'Lead')
    client = make_user.call("client-#{uid}", 'Cli', 'Ent')
    l1 = Group.create!(lastname: "L1 #{uid}")
    l1.users << staff
    l2 = Group.create!(lastname: "L2 #{uid}")
    l2.users << lead
    support = Tracker.find_by!(name: 'Support')
    normal = IssuePriority.find_by!(name: 'Normal')
    closed_status = IssueStatus.find_by!(name: 'Closed')
    created = {}
    out_projects = specs.map do |spec|
      p = Project.create!(identifier: spec['identifier'], name: spec['identifier'], is_public: false, tracker_ids: Tracker.pluck(:id), enabled_module_names: %w[issue_tracking time_tracking wiki])
      [l1, l2].each { |g| Member.create!(project: p, principal: g, role_ids: [developer.id]) }
      Member.create!(project: p, principal: client, role_ids: [reporter.id])
      User.current = client
      created[spec['name']] = (1..spec['issues']).map do |n|
        Issue.create!(project: p, tracker: support, priority: normal, author: client, subject: "Fixture issue #{n}").id
      end
      # Closed by the staff member through a journal, one second after creation, so the worker
      # reads their journals.
      created["#{spec['name']}-closed"] = (1..spec['closed']).map do |n|
        issue = Issue.create!(project: p, tracker: support, priority: normal, author: client, subject: "Closed fixture issue #{n}")
        issue.reload
        issue.init_journal(staff, 'Done, closing.')
        issue.status = closed_status
        issue.save!
        issue.update_columns(updated_on: issue.created_on + 1)
        issue.journals.update_all(created_on: issue.created_on + 1)
        issue.id
      end
      { id: p.id, identifier: p.identifier }
    end
    key = ->(u) { { id: u.id, login: u.login, key: u.api_key } }
    puts JSON.generate({ staff: key.call(staff), lead: key.call(lead), client: key.call(client),
      groups: { l1: { id: l1.id, name: l1.lastname }, l2: { id: l2.id, name: l2.lastname } },
      projects: out_projects, issues: created })
  `;
  const world = worldSchema.parse(await runRails(ruby));
  return { ...world, uid, url, adminKey: apiKey };
}

/** A REST client acting as one of the world's users (or the admin), with quick retries. */
export function clientAs(world: RedmineWorld, who: 'staff' | 'lead' | 'client' | 'admin'): RedmineClient {
  const apiKey = who === 'admin' ? world.adminKey : world[who].key;
  return new RedmineClient({ baseUrl: world.url, apiKey, retries: 2, baseDelayMs: 200 });
}

const workerDirs: string[] = [];

/** Removes the folders {@link writeWorkerFiles} made in this test file; for `afterAll`. */
export function removeWorkerFiles(): void {
  for (const dir of workerDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Options of the worker files written for a test. */
export interface WorkerFilesOptions {
  /** Contract id → project identifier, one project per contract. */
  contracts: Record<string, string>;
  /** Redmine URL the worker talks to (a proxy in fault tests). */
  url?: string;
  /** Config sections merged over the defaults, one level deep (`{ sync: { concurrency: 1 } }`). */
  config?: Record<string, Record<string, unknown>>;
  /** First day of the contracts' term. */
  termFrom?: string;
}

/**
 * Writes a catalog (the test catalog: 24/7 UTC, reaction 30 min) and a worker config for the
 * world's projects into a fresh temporary folder; the state file lives there too.
 */
export function writeWorkerFiles(
  world: RedmineWorld,
  options: WorkerFilesOptions,
): { dir: string; configPath: string; statePath: string } {
  const dir = mkdtempSync(join(tmpdir(), `tsla-worker-${world.uid}-`));
  workerDirs.push(dir);
  const termFrom = options.termFrom ?? `${new Date().toISOString().slice(0, 7)}-01`;
  const catalog = testCatalogDocument(Object.fromEntries(Object.keys(options.contracts).map((id) => [id, termFrom])));
  writeFileSync(join(dir, 'catalog.yml'), stringify(catalog));
  const defaults: Record<string, unknown> = {
    version: 1,
    redmine: {
      url: options.url ?? world.url,
      apiKey: { env: 'REDMINE_API_KEY' },
      textFormatting: 'textile',
      retries: 3,
      timeoutSeconds: 20,
    },
    catalog: 'catalog.yml',
    stateFile: 'state.json',
    contracts: Object.fromEntries(
      Object.entries(options.contracts).map(([id, project]) => [id, { projects: [project] }]),
    ),
    mapping: {
      trackers: { Bug: 'bug', Feature: 'enhancement', Support: 'incident' },
      priorities: { Low: 'low', Normal: 'normal', High: 'high', Urgent: 'urgent', Immediate: 'critical' },
    },
    staff: { groups: [world.groups.l1.name] },
    lines: { L2: { group: world.groups.l2.name } },
    escalation: { mentions: { support_lead: [world.lead.login] } },
    sync: { concurrency: 4, overlapSeconds: 120 },
    statements: { enabled: false, language: 'en' },
  };
  const config: Record<string, unknown> = { ...defaults };
  for (const [section, values] of Object.entries(options.config ?? {})) {
    const base = defaults[section];
    config[section] = typeof base === 'object' && base !== null ? { ...base, ...values } : values;
  }
  const configPath = join(dir, 'worker.yml');
  writeFileSync(configPath, stringify(config));
  return { dir, configPath, statePath: join(dir, 'state.json') };
}
