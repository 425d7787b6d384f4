import type { ContractRule, ContractRules } from '../../core/contracts/contract-rules-schema';
import type { ContractAttributes } from '../../core/contracts/resolve-contract';
import { valuesAtCreation, type AttributeChange } from '../../core/contracts/value-at-creation';
import type { WorkerConfig } from '../config/worker-config-schema';
import type { RedmineIssue, RedmineJournal, RedmineProject } from '../schemas';

/** Each project's names (identifier and id) and its ancestors' names, nearest parent first. */
export type ProjectLineage = ReadonlyMap<number, { names: string[]; ancestors: string[][] }>;

/** Deepest project tree followed; a loop or a deeper tree stops there. */
const MAX_DEPTH = 100;

/**
 * The project tree as `projects.json` gives it (each project's `parent`): for every project its names
 * and those of its ancestors, so a `subprojectOf` rule covers the project and all below it. A parent
 * the worker's user cannot see is named by its id alone, and the walk stops there.
 *
 * @example
 * projectLineage(await api.listProjects()).get(9); // { names: ['gamma-kiosk', '9'], ancestors: [['gamma-retail', '8'], ['gamma', '7']] }
 */
export function projectLineage(projects: readonly RedmineProject[]): ProjectLineage {
  const byId = new Map(projects.map((project) => [project.id, project]));
  const namesOf = (id: number): string[] => {
    const project = byId.get(id);
    return project === undefined ? [String(id)] : [project.identifier, String(project.id)];
  };
  const lineage = new Map<number, { names: string[]; ancestors: string[][] }>();
  for (const project of projects) {
    const ancestors: string[][] = [];
    const seen = new Set([project.id]);
    let parentId = project.parent?.id;
    while (parentId !== undefined && !seen.has(parentId) && ancestors.length < MAX_DEPTH) {
      seen.add(parentId);
      ancestors.push(namesOf(parentId));
      parentId = byId.get(parentId)?.parent?.id;
    }
    lineage.set(project.id, { names: namesOf(project.id), ancestors });
  }
  return lineage;
}

function sortedJournals(issue: RedmineIssue): RedmineJournal[] {
  return [...(issue.journals ?? [])].sort((a, b) => Date.parse(a.created_on) - Date.parse(b.created_on) || a.id - b.id);
}

const textList = (value: string | null | undefined): string[] =>
  value === null || value === undefined || value.trim() === '' ? [] : [value.trim()];

/**
 * A custom field's changes, one per journal: Redmine writes one detail per value added or removed
 * (a multiple-value list), so a journal's details are folded into the values before and after.
 */
function fieldChanges(journals: readonly RedmineJournal[], fieldId: number): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const journal of journals) {
    const details = journal.details.filter((detail) => detail.property === 'cf' && detail.name === String(fieldId));
    if (details.length === 0) continue;
    changes.push({
      from: details.flatMap((detail) => textList(detail.old_value)),
      to: details.flatMap((detail) => textList(detail.new_value)),
    });
  }
  return changes;
}

/** The id of the project the issue was created in: the old value of its first move, else its project. */
function projectIdAtCreation(issue: RedmineIssue, journals: readonly RedmineJournal[]): number {
  for (const journal of journals)
    for (const detail of journal.details)
      if (detail.property === 'attr' && detail.name === 'project_id') {
        const id = Number(detail.old_value);
        return Number.isInteger(id) && id > 0 ? id : issue.project.id;
      }
  return issue.project.id;
}

/**
 * What Redmine tells the contract rules about an issue, as it was **at creation** (from its journals):
 * its project (identifier and id; the first project of a moved issue) and that project's ancestors,
 * and the values of every issue custom field, under both the field's name and its id. A field set
 * empty at creation takes the first value it was given (see `valuesAtCreation`).
 *
 * @example
 * redmineContractAttributes(await client.getIssue(42, { include: ['journals'] }), lineage);
 * // { project: ['desk', '3'], projectAncestors: [], fields: { Client: ['Alfa'], '12': ['Alfa'] } }
 */
export function redmineContractAttributes(issue: RedmineIssue, lineage: ProjectLineage): ContractAttributes {
  const journals = sortedJournals(issue);
  const projectId = projectIdAtCreation(issue, journals);
  const project = lineage.get(projectId) ?? { names: [String(projectId)], ancestors: [] };
  const fields: Record<string, string[]> = {};
  for (const field of issue.custom_fields) {
    const current = Array.isArray(field.value) ? field.value.flatMap(textList) : textList(field.value);
    const values = [...valuesAtCreation(fieldChanges(journals, field.id), current)];
    fields[field.name] = values;
    fields[String(field.id)] = values;
  }
  return { project: project.names, projectAncestors: project.ancestors, fields };
}

/**
 * The worker's rule list: `contractRules` first, then the projects bound under `contracts` (and,
 * with `sync.includeSubprojects`, everything under them), then the default. Null without
 * `contractRules`: each issue then takes the contract its project is bound to, as before.
 *
 * @example
 * redmineContractRules(config); // { rules: [...config.contractRules.rules, { kind: 'project', projects: ['alfa'], contract: 'client-a' }], default }
 */
export function redmineContractRules(config: WorkerConfig): ContractRules | null {
  if (config.contractRules === undefined) return null;
  const bound: ContractRule[] = [];
  for (const [contract, binding] of Object.entries(config.contracts)) {
    const projects = binding.projects.map(String);
    bound.push({ kind: 'project', contract, projects });
    if (config.sync.includeSubprojects)
      for (const parent of projects) bound.push({ kind: 'subproject', contract, parent });
  }
  return {
    rules: [...config.contractRules.rules, ...bound],
    ...(config.contractRules.default !== undefined ? { default: config.contractRules.default } : {}),
  };
}
