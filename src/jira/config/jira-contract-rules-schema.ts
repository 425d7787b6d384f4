import { z } from 'zod';
import { contractRuleSchema } from '../../core/contracts/contract-rules-schema';

const CUSTOM_FIELD_ID = /^customfield_\d+$/;

/**
 * The Jira side of contract resolution, next to `projects` in the mapping: which field holds the
 * JSM organizations, and the ordered rules — `project` (key or id), `organization` (JSM organization
 * name or id), `field` + `value` (a custom field by id: select option name or id, or text). The rules
 * come first; then each project's own `contract`; then `default`. An issue none of them gives a
 * contract is not covered (its badge says so, the statements list it).
 *
 * @example
 * jiraContractRulesSchema.parse({
 *   organizationsField: 'customfield_10002',
 *   rules: [{ organization: 'Alfa LLC', contract: 'client-a' }, { field: 'customfield_10050', value: 'Beta', contract: 'client-b' }],
 * });
 */
export const jiraContractRulesSchema = z
  .object({
    /** JSM's "Organizations" field (its id differs per site: see Settings → Issues → Custom fields). */
    organizationsField: z
      .string()
      .regex(CUSTOM_FIELD_ID, { error: 'expected the id of the Organizations field, e.g. "customfield_10002"' })
      .optional(),
    rules: z.array(contractRuleSchema).max(5_000).default([]),
    default: z.string().trim().min(1, { error: 'expected the id of a contract of the catalog' }).optional(),
  })
  .strict()
  .superRefine((config, context) => {
    config.rules.forEach((rule, index) => {
      if (rule.kind === 'organization' && config.organizationsField === undefined)
        context.addIssue({
          code: 'custom',
          path: ['organizationsField'],
          message: `rule ${index + 1} matches a JSM organization: name the Organizations field, e.g. organizationsField: customfield_10002`,
        });
      if (rule.kind === 'field' && !CUSTOM_FIELD_ID.test(rule.field))
        context.addIssue({
          code: 'custom',
          path: ['rules', index, 'field'],
          message: `expected a custom field id such as "customfield_10050", got "${rule.field}"`,
        });
      if (rule.kind === 'subproject')
        context.addIssue({
          code: 'custom',
          path: ['rules', index, 'subprojectOf'],
          message: 'Jira projects have no subprojects: match the project, an organization or a custom field',
        });
    });
  });

export type JiraContractRules = z.infer<typeof jiraContractRulesSchema>;
