import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import type { RedmineClient } from '../client';
import type { WorkerConfig } from '../config/worker-config-schema';
import { RedmineError } from '../errors';
import type {
  RedmineCustomField,
  RedmineGroup,
  RedmineIssue,
  RedmineProjectSetup,
  RedmineTracker,
  RedmineUser,
} from '../schemas';
import { missingRight } from '../worker/missing-right';
import { DATE_FIELD_KEYS, FIELD_KEYS } from '../worker/redmine-directory';
import { checkWikiAttachments, type WikiAttachmentCheckApi } from './check-wiki-attachments';
import { customFieldRuby, ruleFieldRuby, rubyArray, runnerLine } from './setup-runner-script';

/** The Redmine calls the doctor makes: reads, and one probe upload it deletes again. */
export type SetupCheckApi = WikiAttachmentCheckApi &
  Pick<
    RedmineClient,
    | 'eachIssuePage'
    | 'getCurrentUser'
    | 'listCustomFields'
    | 'listIssueStatuses'
    | 'listTrackers'
    | 'listIssuePriorities'
    | 'listGroups'
    | 'listUsers'
    | 'getProjectSetup'
    | 'listProjects'
  >;

/** One thing that keeps the worker from running well, where it is, and the exact fix. */
export interface SetupProblem {
  code:
    | 'key_rejected'
    | 'not_admin'
    | 'missing_custom_field'
    | 'custom_field_format'
    | 'custom_field_trackers'
    | 'custom_field_not_in_project'
    | 'unknown_project'
    | 'unknown_rule_value'
    | 'wiki_module_off'
    | 'wiki_attachment_rights'
    | 'attachment_too_large'
    | 'attachment_refused'
    | 'attachment_probe_left'
    | 'unmapped_status'
    | 'unmapped_tracker'
    | 'unmapped_priority'
    | 'unknown_group'
    | 'unknown_user';
  /** Config path the problem is about. */
  path: Array<string | number>;
  message: string;
  /** A Rails runner line, or a config line to add. */
  fix: string;
}

/** What the doctor found: facts that are fine, and problems with their fixes. */
export interface SetupReport {
  ok: string[];
  problems: SetupProblem[];
}

const RAILS = 'Rails runner: ';
const CONFIG = 'config: ';

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof RedmineError && error.code === 'redmine_auth' && error.status === 403) return null;
    throw error;
  }
}

function yamlKey(text: string): string {
  return /^[A-Za-z0-9_ -]+$/.test(text) && !/^\s|\s$/.test(text) ? text : JSON.stringify(text);
}

/**
 * `tariff-sla redmine check`: verifies everything the worker needs from a Redmine — the key and
 * its rights, the seven custom fields (existence, format, trackers, projects), the status, tracker
 * and priority mapping against the catalog, the support groups and users, the Wiki module where
 * statements go, and the rights and size limit its attachments need — in the bound projects and in
 * those reached only through the contract rules (the shared projects under `contractRules.projects`,
 * and with `sync.includeSubprojects` every project under a synced one), with the custom fields the
 * rules read ("Client") and their values — and gives for each problem the exact fix: the Rails runner
 * line to run on the Redmine server, or the config line to add. Only reads, except one probe upload of
 * 1 MiB, unattached and deleted at once.
 *
 * @example
 * const report = await checkRedmineSetup(client, config, catalog);
 * for (const problem of report.problems) console.log(`${problem.message}\n  fix: ${problem.fix}`);
 */
export async function checkRedmineSetup(
  api: SetupCheckApi,
  config: WorkerConfig,
  catalog: CompiledCatalog,
): Promise<SetupReport> {
  const report: SetupReport = { ok: [], problems: [] };
  let me: RedmineUser;
  try {
    me = await api.getCurrentUser();
  } catch (error) {
    if (!(error instanceof RedmineError) || error.code !== 'redmine_auth') throw error;
    report.problems.push({
      code: 'key_rejected',
      path: ['redmine', 'apiKey'],
      message: missingRight(error.toJSON()).message,
      fix: `${RAILS}${runnerLine("Setting.rest_api_enabled = '1'")}  (and check the key under My account → API access key)`,
    });
    return report;
  }
  report.ok.push(`key accepted: user ${me.login ?? me.id} (#${me.id})${me.admin ? ', administrator' : ''}`);

  const [statuses, trackers, priorities, customFields, groups, users] = await Promise.all([
    api.listIssueStatuses(),
    api.listTrackers(),
    api.listIssuePriorities(),
    orNull(api.listCustomFields()),
    orNull(api.listGroups()),
    orNull(api.listUsers({ status: 1 })),
  ]);
  if (customFields === null || groups === null || users === null) {
    report.problems.push({
      code: 'not_admin',
      path: ['redmine', 'apiKey'],
      message: `user ${me.login ?? me.id} may not read custom field definitions, groups or users (administrators only): the checks that need them are skipped`,
      fix: `${RAILS}${runnerLine(`User.find(${me.id}).update!(admin: true)`)}  — or give field ids (fields.state: 12) and users by id (staff.users, lines.<line>: {user: 12})`,
    });
  }
  const { found: projects, wikiProjects } = await checkProjects(api, config, report);
  const samples = await sampleIssues(api, projects);
  checkFields(config, customFields, trackers, projects, samples, report);
  checkRuleFields(config, customFields, projects, samples, report);
  checkMapping(
    config,
    catalog,
    statuses.map((status) => status.name),
    trackersInUse(trackers, projects),
    priorities.map((priority) => priority.name),
    report,
  );
  if (groups !== null && users !== null) checkPeople(config, groups, users, report);
  if (config.statements.enabled)
    report.problems.push(...(await checkWikiAttachments(api, me, wikiProjects, report.ok)));
  return report;
}

async function checkProjects(
  api: SetupCheckApi,
  config: WorkerConfig,
  report: SetupReport,
): Promise<{ found: RedmineProjectSetup[]; wikiProjects: RedmineProjectSetup[] }> {
  const found: RedmineProjectSetup[] = [];
  const wikiProjects: RedmineProjectSetup[] = [];
  for (const [contractId, binding] of Object.entries(config.contracts)) {
    const wikiProject = String(binding.wikiProject ?? binding.projects[0]);
    for (const [index, key] of binding.projects.entries()) {
      const project = await api.getProjectSetup(key);
      if (!project) {
        report.problems.push({
          code: 'unknown_project',
          path: ['contracts', contractId, 'projects', index],
          message: `Redmine has no project "${key}" visible to the worker's user`,
          fix: `${RAILS}${runnerLine(`Project.create!(identifier: ${JSON.stringify(String(key))}, name: ${JSON.stringify(String(key))}, tracker_ids: Tracker.pluck(:id), enabled_module_names: %w[issue_tracking time_tracking wiki])`)}  — or fix the identifier, or add the worker's user as a member`,
        });
        continue;
      }
      found.push(project);
      report.ok.push(`project ${project.identifier} (#${project.id}) → contract ${contractId}`);
      const wikiOn = project.enabled_modules.some((module) => module.name === 'wiki');
      const receivesStatements = String(key) === wikiProject || String(project.id) === wikiProject;
      if (receivesStatements && wikiOn && !wikiProjects.some((known) => known.id === project.id))
        wikiProjects.push(project);
      if (config.statements.enabled && receivesStatements && !wikiOn) {
        report.problems.push({
          code: 'wiki_module_off',
          path: ['contracts', contractId, 'wikiProject'],
          message: `project ${project.identifier} receives the statements but its Wiki module is off`,
          fix: `${RAILS}${runnerLine(`Project.find(${project.id}).tap { |p| p.enabled_module_names |= ['wiki'] }`)}`,
        });
      }
    }
  }
  await checkSharedProjects(api, config, report, found, wikiProjects);
  if (config.sync.includeSubprojects) await addSubprojects(api, report, found);
  return { found, wikiProjects };
}

/** Contracts the rules name (or default to) that no `contracts` binding places: their pages go to a shared project's wiki. */
function ruleOnlyContracts(config: WorkerConfig): string[] {
  const rules = config.contractRules;
  if (rules === undefined) return [];
  const named = [...rules.rules.map((rule) => rule.contract), ...(rules.default !== undefined ? [rules.default] : [])];
  return [...new Set(named)].filter((contractId) => config.contracts[contractId] === undefined);
}

/**
 * The shared projects under `contractRules.projects`: they must exist, and — when a contract is reached
 * only through the rules and statements are on — have the Wiki module, since its page goes to the wiki
 * of the first shared project holding one of its issues.
 */
async function checkSharedProjects(
  api: SetupCheckApi,
  config: WorkerConfig,
  report: SetupReport,
  found: RedmineProjectSetup[],
  wikiProjects: RedmineProjectSetup[],
): Promise<void> {
  const shared = config.contractRules?.projects ?? [];
  const pagesHere = config.statements.enabled ? ruleOnlyContracts(config) : [];
  for (const [index, key] of shared.entries()) {
    const project = await api.getProjectSetup(key);
    if (!project) {
      report.problems.push({
        code: 'unknown_project',
        path: ['contractRules', 'projects', index],
        message: `Redmine has no shared project "${key}" visible to the worker's user`,
        fix: `${RAILS}${runnerLine(`Project.create!(identifier: ${JSON.stringify(String(key))}, name: ${JSON.stringify(String(key))}, tracker_ids: Tracker.pluck(:id), enabled_module_names: %w[issue_tracking time_tracking wiki])`)}  — or fix the identifier, or add the worker's user as a member`,
      });
      continue;
    }
    if (!found.some((known) => known.id === project.id)) found.push(project);
    report.ok.push(`project ${project.identifier} (#${project.id}) → shared: contract by the rules`);
    const wikiOn = project.enabled_modules.some((module) => module.name === 'wiki');
    if (pagesHere.length > 0 && wikiOn && !wikiProjects.some((known) => known.id === project.id))
      wikiProjects.push(project);
    if (pagesHere.length > 0 && !wikiOn)
      report.problems.push({
        code: 'wiki_module_off',
        path: ['contractRules', 'projects', index],
        message: `shared project ${project.identifier} may receive the statements of ${pagesHere.join(', ')} (contracts reached only through the rules) but its Wiki module is off`,
        fix: `${RAILS}${runnerLine(`Project.find(${project.id}).tap { |p| p.enabled_module_names |= ['wiki'] }`)}`,
      });
  }
}

/** With `sync.includeSubprojects`, every project under a synced one is synced too: its fields and trackers count. */
async function addSubprojects(api: SetupCheckApi, report: SetupReport, found: RedmineProjectSetup[]): Promise<void> {
  const all = await api.listProjects();
  const synced = new Set(found.map((project) => project.id));
  const under = (projectId: number): boolean => {
    const seen = new Set<number>();
    let parent = all.find((project) => project.id === projectId)?.parent?.id;
    while (parent !== undefined && !seen.has(parent)) {
      if (synced.has(parent)) return true;
      seen.add(parent);
      parent = all.find((project) => project.id === parent)?.parent?.id;
    }
    return false;
  };
  for (const candidate of all) {
    if (synced.has(candidate.id) || !under(candidate.id)) continue;
    const project = await api.getProjectSetup(candidate.id);
    if (!project) continue;
    found.push(project);
    report.ok.push(
      `subproject ${project.identifier} (#${project.id}) of ${candidate.parent?.name ?? 'a synced project'}: synced`,
    );
  }
}

/** Whether a project's issues offer a custom field (enabled for the project, or for all projects as a sample shows). */
function fieldInProject(
  project: RedmineProjectSetup,
  fieldId: number,
  samples: ReadonlyMap<number, RedmineIssue>,
): boolean {
  const sample = samples.get(project.id);
  return (
    project.issue_custom_fields.some((candidate) => candidate.id === fieldId) ||
    (sample?.custom_fields.some((candidate) => candidate.id === fieldId) ?? true)
  );
}

/**
 * The custom fields the contract rules read ("Client"): each must exist, be offered in every synced
 * project (a request whose field the project hides is not covered), and — for a list — hold the values
 * the rules name. The fix creates the list with those values, for all projects and trackers.
 */
function checkRuleFields(
  config: WorkerConfig,
  customFields: RedmineCustomField[] | null,
  projects: RedmineProjectSetup[],
  samples: ReadonlyMap<number, RedmineIssue>,
  report: SetupReport,
): void {
  const rules = config.contractRules?.rules ?? [];
  const reported = new Set<string>();
  rules.forEach((rule, index) => {
    if (rule.kind !== 'field' || customFields === null) return;
    const field = customFields.find(
      (candidate) =>
        candidate.customized_type === 'issue' && (candidate.name === rule.field || String(candidate.id) === rule.field),
    );
    const path = ['contractRules', 'rules', index, 'field'];
    if (!field) {
      if (reported.has(rule.field)) return;
      reported.add(rule.field);
      const values = [
        ...new Set(
          rules.flatMap((other) => (other.kind === 'field' && other.field === rule.field ? other.values : [])),
        ),
      ];
      report.problems.push({
        code: 'missing_custom_field',
        path,
        message: `the contract rules read the issue custom field "${rule.field}", which Redmine does not have`,
        fix: /^\d+$/.test(rule.field)
          ? `${CONFIG}contractRules.rules[${index}].field: <the field's name or id>`
          : `${RAILS}${runnerLine(ruleFieldRuby(rule.field, values))}`,
      });
      return;
    }
    for (const project of projects)
      if (!fieldInProject(project, field.id, samples) && !reported.has(`${field.id}:${project.id}`)) {
        reported.add(`${field.id}:${project.id}`);
        report.problems.push({
          code: 'custom_field_not_in_project',
          path,
          message: `custom field "${field.name}" (#${field.id}), read by the contract rules, is not enabled in project ${project.identifier}: its requests would be not covered`,
          fix: `${RAILS}${runnerLine(`IssueCustomField.find(${field.id}).update!(is_for_all: true)`)}`,
        });
      }
    const known = field.possible_values?.map((option) => option.value);
    const unknown = known === undefined ? [] : rule.values.filter((value) => !known.includes(value));
    if (unknown.length > 0)
      report.problems.push({
        code: 'unknown_rule_value',
        path: ['contractRules', 'rules', index, 'value'],
        message: `list field "${field.name}" has no value ${unknown.map((value) => `"${value}"`).join(', ')} (it offers ${(known ?? []).map((value) => `"${value}"`).join(', ')}): the rule for ${rule.contract} can never match it`,
        fix: `${RAILS}${runnerLine(`IssueCustomField.find(${field.id}).tap { |cf| cf.possible_values |= ${rubyArray(unknown)}; cf.save! }`)}  — or correct the value in the rule`,
      });
    else report.ok.push(`contract rule ${index + 1}: field "${field.name}" (#${field.id}) → ${rule.contract}`);
  });
}

function checkFields(
  config: WorkerConfig,
  customFields: RedmineCustomField[] | null,
  trackers: RedmineTracker[],
  projects: RedmineProjectSetup[],
  samples: ReadonlyMap<number, RedmineIssue>,
  report: SetupReport,
): void {
  for (const key of FIELD_KEYS) {
    const ref = config.fields[key];
    const isDate = DATE_FIELD_KEYS.has(key);
    const field = customFields?.find(
      (candidate) =>
        candidate.customized_type === 'issue' &&
        (typeof ref === 'number' ? candidate.id === ref : candidate.name === ref),
    );
    const label = typeof ref === 'number' ? `#${ref}` : `"${ref}"`;
    if (customFields !== null && !field) {
      report.problems.push({
        code: 'missing_custom_field',
        path: ['fields', key],
        message: `Redmine has no issue custom field ${label}`,
        fix:
          typeof ref === 'number'
            ? `${CONFIG}fields.${key}: <the field's name or id>`
            : `${RAILS}${runnerLine(customFieldRuby(ref, isDate ? 'date' : 'string'))}`,
      });
      continue;
    }
    if (field && isDate && field.field_format !== 'date') {
      report.problems.push({
        code: 'custom_field_format',
        path: ['fields', key],
        message: `custom field ${label} has format "${field.field_format}"; the due day needs format Date`,
        fix: `${RAILS}${runnerLine(customFieldRuby(`${ref} (date)`, 'date'))}  — then set fields.${key}: "${ref} (date)"`,
      });
    } else if (field && !isDate && field.field_format !== 'string' && field.field_format !== 'text') {
      report.problems.push({
        code: 'custom_field_format',
        path: ['fields', key],
        message: `custom field ${label} has format "${field.field_format}"; the worker writes text`,
        fix: `${RAILS}${runnerLine(`IssueCustomField.find(${field.id}).update_column(:field_format, 'string')`)}  — or name another field of format Text under fields.${key}`,
      });
    }
    if (field?.trackers) {
      const enabled = new Set(field.trackers.map((tracker) => tracker.id));
      const missing = trackers.filter((tracker) => !enabled.has(tracker.id));
      if (missing.length > 0) {
        report.problems.push({
          code: 'custom_field_trackers',
          path: ['fields', key],
          message: `custom field ${label} is not enabled for tracker${missing.length > 1 ? 's' : ''} ${missing.map((tracker) => tracker.name).join(', ')}: Redmine drops its values on those issues`,
          fix: `${RAILS}${runnerLine(`IssueCustomField.find(${field.id}).update!(tracker_ids: Tracker.pluck(:id))`)}`,
        });
      }
    }
    const id = field?.id ?? (typeof ref === 'number' ? ref : undefined);
    for (const project of projects) {
      // Redmine lists a project's explicitly enabled fields only; a field "for all projects" shows on its issues.
      const sample = samples.get(project.id);
      if (id !== undefined && !fieldInProject(project, id, samples)) {
        report.problems.push({
          code: 'custom_field_not_in_project',
          path: ['fields', key],
          message: `custom field ${label} is not enabled in project ${project.identifier} (issue #${sample?.id} does not offer it)`,
          fix: `${RAILS}${runnerLine(`IssueCustomField.find(${id}).update!(is_for_all: true)`)}`,
        });
      }
    }
    if (field || typeof ref === 'number')
      report.ok.push(`custom field ${key}: ${label}${field ? ` (#${field.id}, ${field.field_format})` : ''}`);
  }
}

class FirstPageRead extends Error {}

/** One issue per project (the first listed), to see which custom fields its issues offer. */
async function sampleIssues(api: SetupCheckApi, projects: RedmineProjectSetup[]): Promise<Map<number, RedmineIssue>> {
  const samples = new Map<number, RedmineIssue>();
  for (const project of projects) {
    try {
      await api.eachIssuePage({ projectId: project.id, statusId: '*', filters: { subproject_id: '!*' } }, (items) => {
        if (items[0]) samples.set(project.id, items[0]);
        throw new FirstPageRead();
      });
    } catch (error) {
      if (!(error instanceof FirstPageRead)) throw error;
    }
  }
  return samples;
}

function trackersInUse(trackers: RedmineTracker[], projects: RedmineProjectSetup[]): string[] {
  const used = new Set(projects.flatMap((project) => project.trackers.map((tracker) => tracker.id)));
  return trackers.filter((tracker) => used.size === 0 || used.has(tracker.id)).map((tracker) => tracker.name);
}

function checkMapping(
  config: WorkerConfig,
  catalog: CompiledCatalog,
  statusNames: string[],
  trackerNames: string[],
  priorityNames: string[],
  report: SetupReport,
): void {
  const mappedStatuses = new Set(statusNames.map((name) => config.mapping.statuses[name] ?? name));
  // Catalog status → where it is used ("paused in client-a"), each reported once.
  const wanted = new Map<string, string[]>();
  for (const contractId of Object.keys(config.contracts)) {
    const sets = catalog.contract(contractId)?.statuses;
    if (!sets) continue;
    const named: Array<[string, string]> = [
      ['initial', sets.initial],
      ...(['paused', 'working', 'done'] as const).flatMap((set) =>
        [...sets[set]].map((name): [string, string] => [set, name]),
      ),
    ];
    for (const [set, name] of named) wanted.set(name, [...(wanted.get(name) ?? []), `${set} in ${contractId}`]);
  }
  for (const [name, uses] of wanted) {
    if (mappedStatuses.has(name)) continue;
    report.problems.push({
      code: 'unmapped_status',
      path: ['mapping', 'statuses'],
      message: `catalog status "${name}" (${uses.join(', ')}) matches no Redmine status (${statusNames.join(', ')})`,
      fix: `${CONFIG}mapping.statuses: { "<the Redmine status meaning ${name}>": ${yamlKey(name)} }  — or ${RAILS}${runnerLine(`IssueStatus.find_or_create_by!(name: ${JSON.stringify(name)})`)}`,
    });
  }
  const types = Object.keys(catalog.catalog.requestTypes);
  for (const tracker of trackerNames) {
    const type = config.mapping.trackers[tracker] ?? tracker;
    if (types.includes(type)) continue;
    report.problems.push({
      code: 'unmapped_tracker',
      path: ['mapping', 'trackers', tracker],
      message: `Redmine tracker "${tracker}" maps to no request type of the catalog (${types.join(', ')})`,
      fix: `${CONFIG}mapping.trackers: { ${yamlKey(tracker)}: ${types[0] ?? 'incident'} }`,
    });
  }
  const levels = catalog.catalog.priorities;
  for (const priority of priorityNames) {
    const mapped = config.mapping.priorities[priority] ?? priority;
    if (levels.includes(mapped)) continue;
    report.problems.push({
      code: 'unmapped_priority',
      path: ['mapping', 'priorities', priority],
      message: `Redmine priority "${priority}" maps to no catalog priority (${levels.join(', ')})`,
      fix: `${CONFIG}mapping.priorities: { ${yamlKey(priority)}: ${levels[Math.min(1, levels.length - 1)] ?? 'normal'} }`,
    });
  }
  if (report.problems.every((problem) => !problem.code.startsWith('unmapped_')))
    report.ok.push('statuses, trackers and priorities all map to the catalog');
}

function checkPeople(config: WorkerConfig, groups: RedmineGroup[], users: RedmineUser[], report: SetupReport): void {
  const groupFix = (name: string): string =>
    `${RAILS}${runnerLine(`Group.find_or_create_by!(lastname: ${JSON.stringify(name)})`)}  (then add its members and make it a member of the synced projects)`;
  config.staff.groups.forEach((name, index) => {
    if (groups.some((group) => group.name === name)) report.ok.push(`support group "${name}"`);
    else
      report.problems.push({
        code: 'unknown_group',
        path: ['staff', 'groups', index],
        message: `Redmine has no group "${name}"`,
        fix: groupFix(name),
      });
  });
  config.staff.users.forEach((id, index) => {
    if (!users.some((user) => user.id === id))
      report.problems.push({
        code: 'unknown_user',
        path: ['staff', 'users', index],
        message: `Redmine has no active user #${id}`,
        fix: `${CONFIG}staff.users: [<an active user's id>]`,
      });
  });
  for (const [line, assignee] of Object.entries(config.lines)) {
    if ('group' in assignee && !groups.some((group) => group.name === assignee.group)) {
      report.problems.push({
        code: 'unknown_group',
        path: ['lines', line, 'group'],
        message: `support line ${line}: Redmine has no group "${assignee.group}"`,
        fix: groupFix(assignee.group),
      });
    } else if ('login' in assignee && !users.some((user) => user.login === assignee.login)) {
      report.problems.push({
        code: 'unknown_user',
        path: ['lines', line, 'login'],
        message: `support line ${line}: Redmine has no active user "${assignee.login}"`,
        fix: `${CONFIG}lines.${line}: { login: <an active user's login> }`,
      });
    } else if ('user' in assignee && !users.some((user) => user.id === assignee.user)) {
      report.problems.push({
        code: 'unknown_user',
        path: ['lines', line, 'user'],
        message: `support line ${line}: Redmine has no active user #${assignee.user}`,
        fix: `${CONFIG}lines.${line}: { user: <an active user's id> }`,
      });
    } else {
      report.ok.push(`support line ${line} → ${JSON.stringify(assignee)}`);
    }
  }
}

/** The doctor's report as text for people: ✓ lines, then each problem with its fix. */
export function formatSetupReport(report: SetupReport, redmineUrl: string): string {
  const lines = [`Redmine ${redmineUrl}`, ...report.ok.map((text) => `  ✓ ${text}`)];
  for (const problem of report.problems) {
    lines.push(`  ✗ ${problem.path.join('.')}: ${problem.message}`, `      fix: ${problem.fix}`);
  }
  lines.push(
    report.problems.length === 0
      ? 'All is well: the worker can sync this Redmine.'
      : `${report.problems.length} problem${report.problems.length > 1 ? 's' : ''} to fix (Rails runner lines run from Redmine's directory on its server).`,
  );
  return lines.join('\n');
}
