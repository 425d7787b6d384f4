import type { ContractRule, ContractRules } from './contract-rules-schema';

/**
 * What the rules look at, as the issue was **at creation** (the adapters read the creation-time
 * values from the changelog or the journals): a request that later moves to another client keeps
 * the contract it was created under.
 */
export interface ContractAttributes {
  /** The names the project goes by: Jira key and id, Redmine identifier and id. */
  project: readonly string[];
  /** The project's ancestors, nearest parent first, each by its names (Redmine subprojects). */
  projectAncestors?: ReadonlyArray<readonly string[]>;
  /** JSM organizations of the request: names and ids. */
  organizations?: readonly string[];
  /** Custom field id (or name) → the values it held: option names and option ids. */
  fields?: Readonly<Record<string, readonly string[]>>;
}

/** The contract an issue falls under, and why; or why it falls under none. */
export type ContractResolution =
  | {
      covered: true;
      contractId: string;
      /** Position of the rule that matched in the list, or `default`. */
      rule: number | 'default';
      reason: string;
    }
  | { covered: false; reason: string };

function quoted(names: readonly string[]): string {
  return names.map((text) => `"${text}"`).join(', ');
}

function fieldValues(attributes: ContractAttributes, field: string): readonly string[] {
  const fields = attributes.fields;
  return fields !== undefined && Object.prototype.hasOwnProperty.call(fields, field) ? (fields[field] ?? []) : [];
}

/** The names of the first match, or null: the rule's names that the attributes hold. */
function matchOf(rule: ContractRule, attributes: ContractAttributes): string | null {
  switch (rule.kind) {
    case 'project':
      return rule.projects.find((name) => attributes.project.includes(name)) ?? null;
    case 'organization':
      return rule.organizations.find((name) => attributes.organizations?.includes(name) === true) ?? null;
    case 'field': {
      const values = fieldValues(attributes, rule.field);
      return rule.values.find((value) => values.includes(value)) ?? null;
    }
    case 'subproject': {
      if (attributes.project.includes(rule.parent)) return rule.parent;
      const ancestors = attributes.projectAncestors ?? [];
      return ancestors.some((names) => names.includes(rule.parent)) ? rule.parent : null;
    }
  }
}

function describeMatch(rule: ContractRule, index: number, matched: string): string {
  const what =
    rule.kind === 'project'
      ? `project "${matched}"`
      : rule.kind === 'organization'
        ? `organization "${matched}"`
        : rule.kind === 'field'
          ? `field ${rule.field} = "${matched}"`
          : `project under "${matched}"`;
  return `contract rule ${index + 1} (${what}) gives contract "${rule.contract}"`;
}

/** What the issue looked like to the rules, for the reason of a "not covered". */
export function describeAttributes(attributes: ContractAttributes): string {
  const parts = [`project ${quoted(attributes.project)}`];
  const ancestors = attributes.projectAncestors ?? [];
  if (ancestors.length > 0) parts.push(`under ${ancestors.map((names) => quoted(names)).join(' < ')}`);
  const organizations = attributes.organizations ?? [];
  parts.push(organizations.length > 0 ? `organizations ${quoted(organizations)}` : 'no organization');
  for (const [field, values] of Object.entries(attributes.fields ?? {}))
    parts.push(values.length > 0 ? `${field} = ${quoted(values)}` : `${field} empty`);
  return parts.join(', ');
}

/**
 * The contract an issue falls under: the first rule (in list order) that matches its attributes at
 * creation, else the rules' default, else none — "not covered", with what was seen, so a reader knows
 * which rule to add. Pure and deterministic: the same rules and attributes give the same answer.
 *
 * - `project` matches when the issue's project goes by one of the names (key, identifier or id);
 * - `organization` when one of the request's organizations is named (name or id);
 * - `field` when the field held one of the values at creation (option name or id);
 * - `subproject` when the project is the parent or any project under it (inheritance).
 *
 * @example
 * resolveContract(rules, { project: ['SUP', '10001'], organizations: ['Alfa LLC'] });
 * // { covered: true, contractId: 'client-a', rule: 0, reason: 'contract rule 1 (organization "Alfa LLC") gives contract "client-a"' }
 */
export function resolveContract(rules: ContractRules, attributes: ContractAttributes): ContractResolution {
  for (let index = 0; index < rules.rules.length; index++) {
    const rule = rules.rules[index];
    const matched = matchOf(rule, attributes);
    if (matched !== null)
      return { covered: true, contractId: rule.contract, rule: index, reason: describeMatch(rule, index, matched) };
  }
  if (rules.default !== undefined)
    return {
      covered: true,
      contractId: rules.default,
      rule: 'default',
      reason: `no contract rule matched (${describeAttributes(attributes)}): the default contract "${rules.default}"`,
    };
  return {
    covered: false,
    reason: `not covered: no contract rule matched ${describeAttributes(attributes)}, and the rules name no default contract`,
  };
}
