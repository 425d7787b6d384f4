import { z } from 'zod';

/** Longest list of names one rule may match (projects, organizations, field values). */
export const MAX_RULE_NAMES = 1_000;
/** Most rules one list may hold: a provider with a thousand clients still fits. */
export const MAX_CONTRACT_RULES = 5_000;

const name = z
  .string({ error: 'expected a name or an id (text)' })
  .trim()
  .min(1, { error: 'expected a non-empty name or id' })
  .max(500, { error: 'expected at most 500 characters' });

/** One name, or a list of them; always a list once parsed. */
const oneOrMany = z
  .union([name, z.array(name).min(1, { error: 'list at least one name' }).max(MAX_RULE_NAMES)], {
    error: 'expected a name or a list of names',
  })
  .transform((value): string[] => (typeof value === 'string' ? [value] : value));

const MATCHERS = ['project', 'organization', 'field', 'subprojectOf'] as const;
const MATCHERS_TEXT = 'project, organization, field (with value) or subprojectOf';

/**
 * One rule as written: the contract it gives, and exactly one matcher —
 * `project` (project key, identifier or id), `organization` (a JSM organization's name or id),
 * `field` + `value` (a custom field's id and the value or values that select the contract),
 * `subprojectOf` (a Redmine project identifier: the project itself and every project under it).
 */
const writtenRuleSchema = z
  .object({
    contract: z
      .string({ error: 'expected the id of a contract of the catalog' })
      .trim()
      .min(1, { error: 'expected the id of a contract of the catalog' }),
    project: oneOrMany.optional(),
    organization: oneOrMany.optional(),
    field: name.optional(),
    value: oneOrMany.optional(),
    subprojectOf: name.optional(),
  })
  .strict()
  .superRefine((rule, context) => {
    const given = MATCHERS.filter((matcher) => rule[matcher] !== undefined);
    if (given.length === 0) context.addIssue({ code: 'custom', message: `a rule needs one matcher: ${MATCHERS_TEXT}` });
    if (given.length > 1)
      context.addIssue({
        code: 'custom',
        path: [given[1]],
        message: `a rule matches on one thing only, here ${given.join(' and ')}: write one rule for each (the first that matches wins)`,
      });
    if (rule.field !== undefined && rule.value === undefined)
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'a field rule needs "value": the value (or list of values) of the field that selects this contract',
      });
    if (rule.value !== undefined && rule.field === undefined)
      context.addIssue({ code: 'custom', path: ['field'], message: '"value" belongs to a field rule: add "field"' });
  });

/** A rule once parsed: what it matches on, and the contract it gives. */
export type ContractRule =
  | { kind: 'project'; contract: string; projects: string[] }
  | { kind: 'organization'; contract: string; organizations: string[] }
  | { kind: 'field'; contract: string; field: string; values: string[] }
  | { kind: 'subproject'; contract: string; parent: string };

type WrittenRule = z.infer<typeof writtenRuleSchema>;

function toRule(rule: WrittenRule): ContractRule {
  if (rule.project) return { kind: 'project', contract: rule.contract, projects: rule.project };
  if (rule.organization) return { kind: 'organization', contract: rule.contract, organizations: rule.organization };
  if (rule.field !== undefined)
    return { kind: 'field', contract: rule.contract, field: rule.field, values: rule.value ?? [] };
  return { kind: 'subproject', contract: rule.contract, parent: rule.subprojectOf ?? '' };
}

export const contractRuleSchema = writtenRuleSchema.transform(toRule);

/**
 * The ordered contract rules of one tracker: the first rule that matches an issue's attributes at
 * creation gives its contract; when none matches, `default` does; without a default the issue is
 * not covered by any contract (shown as such, and listed in the statements with the reason).
 *
 * @example
 * contractRulesSchema.parse({
 *   rules: [
 *     { organization: 'Alfa LLC', contract: 'client-a' },
 *     { field: 'customfield_10050', value: ['Beta', 'Beta Group'], contract: 'client-b' },
 *     { subprojectOf: 'gamma', contract: 'client-c' },
 *     { project: 'DELTA', contract: 'client-d' },
 *   ],
 *   default: 'client-x',
 * });
 */
export const contractRulesSchema = z
  .object({
    rules: z
      .array(contractRuleSchema)
      .max(MAX_CONTRACT_RULES, { error: `expected at most ${MAX_CONTRACT_RULES} rules` })
      .default([]),
    /** The contract of an issue no rule matches; without it such an issue is not covered. */
    default: z
      .string({ error: 'expected the id of a contract of the catalog' })
      .trim()
      .min(1, { error: 'expected the id of a contract of the catalog' })
      .optional(),
  })
  .strict();

export type ContractRules = z.infer<typeof contractRulesSchema>;
export type ContractRulesInput = z.input<typeof contractRulesSchema>;
