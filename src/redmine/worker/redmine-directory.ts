import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import { contractRulesProblems } from '../../core/contracts/check-contract-rules';
import type { Validated, ValidationIssue } from '../../core/errors/validation-issue';
import { workerFieldKeySchema, type WorkerConfig, type WorkerFieldNames } from '../config/worker-config-schema';
import { projectLineage, type ProjectLineage } from '../mapping/contract-attributes';
import type { RedmineApi } from './redmine-api';

export type FieldKey = keyof WorkerFieldNames;
export const FIELD_KEYS: readonly FieldKey[] = workerFieldKeySchema.options;

/**
 * The date fields (format Date): the due day, for Redmine's filters and sorting. They are optional:
 * a Redmine without them (or a key that cannot read field definitions and gives no id) gets the
 * text fields only, and `redmine check` says how to add them.
 */
export const DATE_FIELD_KEYS: ReadonlySet<FieldKey> = new Set<FieldKey>([
  'reactionDueDate',
  'startDueDate',
  'resolutionDueDate',
]);
const TEXT_FIELD_KEYS = FIELD_KEYS.filter((key) => !DATE_FIELD_KEYS.has(key));

/** Custom-field formats that can hold a rating 1–5. */
const RATING_FIELD_FORMATS: readonly string[] = ['list', 'int', 'float'];

/** A synced Redmine project and the contract it belongs to. */
export interface SyncedProject {
  /** As written in the config (identifier or id). */
  key: string;
  id: number;
  identifier: string;
  name: string;
  /** The contract it is bound to; empty for a shared project listed under `contractRules.projects`. */
  contractId: string;
}

/**
 * Redmine's names and ids the worker needs, looked up once at start: statuses, trackers and
 * priorities (ids in journals → catalog names), the worker's custom fields, its own user (to
 * recognise its journals), support staff, line assignees and the synced projects.
 */
export interface RedmineDirectory {
  statuses: ReadonlyMap<number, { name: string; closed: boolean }>;
  trackers: ReadonlyMap<number, string>;
  priorities: ReadonlyMap<number, string>;
  /** Catalog priority → Redmine priority id, for raising priorities. */
  priorityIdByCatalog: ReadonlyMap<string, number>;
  /** 0 for an optional date field this Redmine does not have (never written). */
  fieldIds: Readonly<Record<FieldKey, number>>;
  /** Optional date fields not found, so not written. */
  absentDateFields: readonly FieldKey[];
  fieldKeyById: ReadonlyMap<number, FieldKey>;
  /** The custom field holding the client's satisfaction rating, when configured. */
  ratingFieldId: number | null;
  workerUser: { id: number; name: string };
  staffUserIds: ReadonlySet<number>;
  lineAssignees: ReadonlyMap<string, { id: number; name: string }>;
  projects: readonly SyncedProject[];
  projectsById: ReadonlyMap<number, SyncedProject>;
  /** Every visible project and its parent (`projects.json`), for `subprojectOf` contract rules. */
  projectTree: readonly ProjectNode[];
  /** Each visible project's names and its ancestors' names, from {@link projectTree}. */
  lineage: ProjectLineage;
}

/** One project of the tree: its id, identifier and parent's id. */
export interface ProjectNode {
  id: number;
  identifier: string;
  parentId: number | null;
}

/** The names of every project and its ancestors, from the project tree. */
export function lineageOfTree(tree: readonly ProjectNode[]): ProjectLineage {
  return projectLineage(
    tree.map((node) => ({
      id: node.id,
      identifier: node.identifier,
      name: node.identifier,
      created_on: '',
      updated_on: '',
      ...(node.parentId !== null ? { parent: { id: node.parentId, name: '' } } : {}),
    })),
  );
}

function userName(user: { firstname: string; lastname: string; login?: string }): string {
  return `${user.firstname} ${user.lastname}`.trim() || (user.login ?? '');
}

/**
 * Looks up everything in {@link RedmineDirectory}. Configuration that does not match this Redmine
 * (a missing custom field, an unknown project, group or login) comes back as problems with the
 * config path to fix; failures to reach Redmine are thrown as `RedmineError`.
 *
 * @example
 * const directory = await loadRedmineDirectory(client, config, catalog);
 * if (!directory.ok) console.error(formatIssues(directory.issues));
 */
export async function loadRedmineDirectory(
  api: RedmineApi,
  config: WorkerConfig,
  catalog: CompiledCatalog,
): Promise<Validated<RedmineDirectory>> {
  const problems: ValidationIssue[] = [];
  for (const contractId of Object.keys(config.contracts)) {
    if (!catalog.contract(contractId)) {
      problems.push({
        code: 'unknown_contract',
        path: ['contracts', contractId],
        message: `contract "${contractId}" is not in the catalog: use one of ${catalog
          .contractIds()
          .map((id) => `"${id}"`)
          .join(', ')}`,
      });
    }
  }

  if (config.contractRules) problems.push(...contractRulesProblems(config.contractRules, catalog, ['contractRules']));

  // Field definitions are for administrators only; fields given by id need none.
  const needsDefinitions =
    config.satisfaction !== undefined || TEXT_FIELD_KEYS.some((key) => typeof config.fields[key] === 'string');
  const [statuses, trackers, priorities, customFields, me, projects] = await Promise.all([
    api.listIssueStatuses(),
    api.listTrackers(),
    api.listIssuePriorities(),
    needsDefinitions ? api.listCustomFields() : Promise.resolve([]),
    api.getCurrentUser(),
    api.listProjects(),
  ]);

  const fieldIds: Partial<Record<FieldKey, number>> = {};
  const absentDateFields: FieldKey[] = [];
  for (const key of FIELD_KEYS) {
    const name = config.fields[key];
    if (typeof name === 'number') {
      fieldIds[key] = name;
      continue;
    }
    const field = customFields.find((candidate) => candidate.customized_type === 'issue' && candidate.name === name);
    const isDate = DATE_FIELD_KEYS.has(key);
    if (isDate && !field) {
      absentDateFields.push(key);
      continue;
    }
    if (!field) {
      problems.push({
        code: 'missing_custom_field',
        path: ['fields', key],
        message: `Redmine has no issue custom field named "${name}": create it (Administration → Custom fields → Issues, format Text, for all projects and trackers) or fix the name`,
      });
    } else if (isDate && field.field_format !== 'date') {
      problems.push({
        code: 'custom_field_format',
        path: ['fields', key],
        message: `custom field "${name}" has format "${field.field_format}": the due day needs format Date`,
      });
    } else if (!isDate && field.field_format !== 'string' && field.field_format !== 'text') {
      problems.push({
        code: 'custom_field_format',
        path: ['fields', key],
        message: `custom field "${name}" has format "${field.field_format}": the worker writes text, so it must be of format Text`,
      });
    } else {
      fieldIds[key] = field.id;
    }
  }

  let ratingFieldId: number | null = null;
  if (config.satisfaction) {
    const name = config.satisfaction.field;
    const field = customFields.find((candidate) => candidate.customized_type === 'issue' && candidate.name === name);
    if (!field) {
      problems.push({
        code: 'missing_custom_field',
        path: ['satisfaction', 'field'],
        message: `Redmine has no issue custom field named "${name}": create it (format List with values 1–5, or Integer) or fix the name`,
      });
    } else if (!RATING_FIELD_FORMATS.includes(field.field_format ?? '')) {
      problems.push({
        code: 'custom_field_format',
        path: ['satisfaction', 'field'],
        message: `custom field "${name}" has format "${field.field_format}": a rating needs format List (values 1–5), Integer or Float`,
      });
    } else {
      ratingFieldId = field.id;
    }
  }

  const synced: SyncedProject[] = [];
  for (const [contractId, binding] of Object.entries(config.contracts)) {
    binding.projects.forEach((key, index) => {
      const project = projects.find(
        (candidate) => candidate.identifier === String(key) || candidate.id === Number(key),
      );
      if (!project) {
        problems.push({
          code: 'unknown_project',
          path: ['contracts', contractId, 'projects', index],
          message: `Redmine has no project "${key}" visible to the worker's user: check the identifier and the user's membership`,
        });
        return;
      }
      synced.push({ key: String(key), id: project.id, identifier: project.identifier, name: project.name, contractId });
    });
  }
  // Shared projects bound to no contract: their issues take a contract from the rules alone.
  (config.contractRules?.projects ?? []).forEach((key, index) => {
    const project = projects.find((candidate) => candidate.identifier === String(key) || candidate.id === Number(key));
    if (!project) {
      problems.push({
        code: 'unknown_project',
        path: ['contractRules', 'projects', index],
        message: `Redmine has no project "${key}" visible to the worker's user: check the identifier and the user's membership`,
      });
      return;
    }
    if (synced.some((known) => known.id === project.id)) return;
    const shared = { key: String(key), id: project.id, identifier: project.identifier, name: project.name };
    synced.push({ ...shared, contractId: '' });
  });

  const needsGroups =
    config.staff.groups.length > 0 || Object.values(config.lines).some((assignee) => 'group' in assignee);
  const groups = needsGroups ? await api.listGroups() : [];
  const needsUsers = Object.values(config.lines).some((assignee) => 'login' in assignee);
  const users = needsUsers ? await api.listUsers({ status: 1 }) : [];

  const staffUserIds = new Set<number>(config.staff.users);
  for (const [index, groupName] of config.staff.groups.entries()) {
    const group = groups.find((candidate) => candidate.name === groupName);
    if (!group) {
      problems.push({
        code: 'unknown_group',
        path: ['staff', 'groups', index],
        message: `Redmine has no group "${groupName}": use one of ${groups.map((candidate) => `"${candidate.name}"`).join(', ') || '(none)'}`,
      });
      continue;
    }
    for (const member of await api.listUsers({ status: 1, groupId: group.id })) staffUserIds.add(member.id);
  }

  const lineAssignees = new Map<string, { id: number; name: string }>();
  for (const [line, assignee] of Object.entries(config.lines)) {
    if ('group' in assignee) {
      const group = groups.find((candidate) => candidate.name === assignee.group);
      if (group) lineAssignees.set(line, { id: group.id, name: group.name });
      else
        problems.push({
          code: 'unknown_group',
          path: ['lines', line, 'group'],
          message: `Redmine has no group "${assignee.group}"`,
        });
    } else if ('login' in assignee) {
      const user = users.find((candidate) => candidate.login === assignee.login);
      if (user) lineAssignees.set(line, { id: user.id, name: userName(user) });
      else
        problems.push({
          code: 'unknown_user',
          path: ['lines', line, 'login'],
          message: `Redmine has no active user with login "${assignee.login}"`,
        });
    } else {
      lineAssignees.set(line, { id: assignee.user, name: `user #${assignee.user}` });
    }
  }

  if (problems.length > 0) return { ok: false, issues: problems };

  const projectTree: ProjectNode[] = projects.map((project) => ({
    id: project.id,
    identifier: project.identifier,
    parentId: project.parent?.id ?? null,
  }));
  const priorityIdByCatalog = new Map<string, number>();
  for (const priority of priorities) {
    const catalogName = config.mapping.priorities[priority.name] ?? priority.name;
    if (!priorityIdByCatalog.has(catalogName)) priorityIdByCatalog.set(catalogName, priority.id);
  }
  const complete: Record<FieldKey, number> = {
    state: fieldIds.state ?? 0,
    reactionDue: fieldIds.reactionDue ?? 0,
    startDue: fieldIds.startDue ?? 0,
    resolutionDue: fieldIds.resolutionDue ?? 0,
    tariff: fieldIds.tariff ?? 0,
    line: fieldIds.line ?? 0,
    flags: fieldIds.flags ?? 0,
    reactionDueDate: fieldIds.reactionDueDate ?? 0,
    startDueDate: fieldIds.startDueDate ?? 0,
    resolutionDueDate: fieldIds.resolutionDueDate ?? 0,
  };
  return {
    ok: true,
    value: {
      statuses: new Map(
        statuses.map((status) => [status.id, { name: status.name, closed: status.is_closed === true }]),
      ),
      trackers: new Map(trackers.map((tracker) => [tracker.id, tracker.name])),
      priorities: new Map(priorities.map((priority) => [priority.id, priority.name])),
      priorityIdByCatalog,
      fieldIds: complete,
      fieldKeyById: new Map(FIELD_KEYS.filter((key) => complete[key] !== 0).map((key) => [complete[key], key])),
      absentDateFields,
      ratingFieldId,
      workerUser: { id: me.id, name: userName(me) },
      staffUserIds,
      lineAssignees,
      projects: synced,
      projectsById: new Map(synced.map((project) => [project.id, project])),
      projectTree,
      lineage: lineageOfTree(projectTree),
    },
  };
}
