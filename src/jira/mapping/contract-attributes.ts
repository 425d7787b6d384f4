import type { ContractRule, ContractRules } from '../../core/contracts/contract-rules-schema';
import type { ContractAttributes } from '../../core/contracts/resolve-contract';
import { valuesAtCreation, type AttributeChange } from '../../core/contracts/value-at-creation';
import { SLA_ISSUE_FIELDS, type JiraChangeHistory, type JiraChangeItem, type JiraIssue } from '../client/jira-schemas';
import { HISTORY_FIELD_IDS } from './jira-issue-history';
import type { JiraMapping } from '../config/jira-mapping-schema';

/**
 * The rule list of a Jira site: the mapping's `contractRules` first, then each project's own
 * contract (a project rule), then the default. Null when the mapping has no `contractRules`: every
 * issue then takes its project's contract, as before.
 *
 * @example
 * const rules = jiraContractRules(settings.mapping); // { rules: [...contractRules.rules, { kind: 'project', projects: ['SUP'], … }], default }
 */
export function jiraContractRules(mapping: JiraMapping): ContractRules | null {
  if (mapping.contractRules === undefined) return null;
  const projectRules: ContractRule[] = Object.entries(mapping.projects)
    .filter(([, project]) => project.contract !== '')
    .map(([key, project]) => ({ kind: 'project', contract: project.contract, projects: [key] }));
  return {
    rules: [...mapping.contractRules.rules, ...projectRules],
    ...(mapping.contractRules.default !== undefined ? { default: mapping.contractRules.default } : {}),
  };
}

/** The fields whose values (and changelog) the contract rules read: the Organizations field and each rule's field. */
export function contractFieldIds(mapping: JiraMapping): string[] {
  const config = mapping.contractRules;
  if (config === undefined) return [];
  const ids = new Set<string>();
  if (config.organizationsField !== undefined && config.rules.some((rule) => rule.kind === 'organization'))
    ids.add(config.organizationsField);
  for (const rule of config.rules) if (rule.kind === 'field') ids.add(rule.field);
  return [...ids];
}

/** Changelog fields of an issue's move between projects: its project id and its key. */
export const MOVE_FIELD_IDS: readonly string[] = ['project', 'Key'];

function ownString(item: JiraChangeItem, name: 'from' | 'to' | 'fromString' | 'toString'): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(item, name)) return undefined;
  const value: unknown = item[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The names in one side of a changelog item: Jira writes a multi-valued field as `[a, b]` or `a, b`
 * (and one value as itself). The whole text is kept too, so a name holding a comma still matches.
 */
function namesOfText(text: string | undefined): string[] {
  if (text === undefined) return [];
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1).trim() : text;
  if (inner === '') return [];
  const parts = inner
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return [...new Set([inner, ...parts])];
}

/** The names and ids a field's value holds: options (`{value, id}`), organizations (`{name, id}`), text, numbers, lists. */
export function namesOfFieldValue(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (typeof value === 'number' && Number.isFinite(value)) return [String(value)];
  if (Array.isArray(value)) return [...new Set(value.flatMap(namesOfFieldValue))];
  if (typeof value !== 'object') return [];
  const names: string[] = [];
  if ('value' in value) names.push(...namesOfFieldValue(value.value));
  if ('name' in value) names.push(...namesOfFieldValue(value.name));
  if ('id' in value) names.push(...namesOfFieldValue(value.id));
  // A cascading select's chosen child option counts as well.
  if ('child' in value) names.push(...namesOfFieldValue(value.child));
  return [...new Set(names)];
}

function changesOf(histories: readonly JiraChangeHistory[], fieldId: string): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const history of histories)
    for (const item of history.items) {
      if ((item.fieldId ?? item.field) !== fieldId) continue;
      changes.push({
        from: [...new Set([...namesOfText(ownString(item, 'fromString')), ...namesOfText(ownString(item, 'from'))])],
        to: [...new Set([...namesOfText(ownString(item, 'toString')), ...namesOfText(ownString(item, 'to'))])],
      });
    }
  return changes;
}

function fieldValue(issue: JiraIssue, fieldId: string): unknown {
  const fields: Record<string, unknown> = issue.fields;
  return Object.prototype.hasOwnProperty.call(fields, fieldId) ? fields[fieldId] : undefined;
}

/** The project the issue was created in: its key and id, from the first move in the changelog if it was moved. */
function projectAtCreation(issue: JiraIssue, histories: readonly JiraChangeHistory[]): string[] {
  const current = [issue.fields.project?.key ?? issue.key.split('-')[0], issue.fields.project?.id].filter(
    (name): name is string => name !== undefined && name !== '',
  );
  let id: string | undefined;
  let key: string | undefined;
  for (const history of histories)
    for (const item of history.items) {
      const field = item.fieldId ?? item.field;
      if (field === 'project' && id === undefined) id = ownString(item, 'from') ?? '';
      if (field === 'Key' && key === undefined) key = ownString(item, 'fromString')?.split('-')[0] ?? '';
    }
  if (id === undefined && key === undefined) return current;
  return [key, id].filter((name): name is string => name !== undefined && name !== '');
}

/**
 * What Jira tells the contract rules about an issue, as it was **at creation**: its project (key and
 * id; the first project of a moved issue), its JSM organizations (names and ids) and the values of the
 * rules' custom fields (option names and ids). Creation values come from the changelog (the `from`
 * of a field's first change); a field created empty takes the first value it was given (see
 * `valuesAtCreation`).
 *
 * @example
 * jiraContractAttributes({ issue, histories }, mapping);
 * // { project: ['SUP', '10001'], organizations: ['Alfa LLC', '1'], fields: { customfield_10050: ['Beta', '10101'] } }
 */
export function jiraContractAttributes(
  data: { readonly issue: JiraIssue; readonly histories: readonly JiraChangeHistory[] },
  mapping: JiraMapping,
): ContractAttributes {
  const { issue, histories } = data;
  const config = mapping.contractRules;
  const attributes: ContractAttributes = { project: projectAtCreation(issue, histories) };
  if (config === undefined) return attributes;
  const atCreation = (fieldId: string): string[] => [
    ...valuesAtCreation(changesOf(histories, fieldId), namesOfFieldValue(fieldValue(issue, fieldId))),
  ];
  const organizationsField = config.organizationsField;
  const organizations =
    organizationsField !== undefined && contractFieldIds(mapping).includes(organizationsField)
      ? atCreation(organizationsField)
      : [];
  const fields: Record<string, string[]> = {};
  for (const rule of config.rules) if (rule.kind === 'field') fields[rule.field] ??= atCreation(rule.field);
  return { ...attributes, organizations, fields };
}

/** Most field ids one changelog request may filter by (Jira's bulk changelog limit). */
const CHANGELOG_FILTER_LIMIT = 10;

/**
 * What to ask Jira for so the contract rules see their fields: the issue fields to search (undefined:
 * the client's default, when there are no rules) and the changelog filter (the history fields plus
 * the rules' fields and moves; no filter when that is more than Jira takes in one request).
 *
 * @example
 * const reads = contractReads(settings.mapping);
 * await jira.bulkFetchChangelogs(ids, { ...reads.changelog, maxResults: 10_000 });
 */
export function contractReads(
  mapping: JiraMapping,
  baseFields: readonly string[] = SLA_ISSUE_FIELDS,
): { issueFields: string[] | undefined; changelog: { fieldIds?: readonly string[] } } {
  const extra = contractFieldIds(mapping);
  if (mapping.contractRules === undefined)
    return { issueFields: undefined, changelog: { fieldIds: HISTORY_FIELD_IDS } };
  const fieldIds = [...HISTORY_FIELD_IDS, ...extra, ...MOVE_FIELD_IDS];
  return {
    issueFields: [...baseFields, ...extra],
    changelog: fieldIds.length <= CHANGELOG_FILTER_LIMIT ? { fieldIds } : {},
  };
}
