import { z } from 'zod';
import { contractRuleSchema } from '../../core/contracts/contract-rules-schema';

/** Redmine ids may be written as numbers; the rules compare names and ids as text. */
function idsAsText(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(idsAsText);
  return value;
}

const redmineRuleSchema = z.preprocess((rule) => {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return rule;
  return Object.fromEntries(
    Object.entries(rule).map(([key, value]) => [key, key === 'contract' ? value : idsAsText(value)]),
  );
}, contractRuleSchema);

/**
 * The worker's contract rules, beside `contracts`: `project` (identifier or id), `subprojectOf` (a
 * project identifier or id: the project and every project under it, by Redmine's `parent`), `field` +
 * `value` (an issue custom field by name or id, and the value or values that select the contract).
 * The rules come first; then the projects bound under `contracts` (with their subprojects when
 * `sync.includeSubprojects`); then `default`. An issue none of them gives a contract is not covered.
 *
 * @example
 * redmineContractRulesSchema.parse({
 *   projects: ['desk'],
 *   rules: [{ subprojectOf: 'gamma', contract: 'client-c' }, { field: 'Client', value: 'Alfa', contract: 'client-a' }],
 * });
 */
export const redmineContractRulesSchema = z
  .object({
    rules: z.array(redmineRuleSchema).max(5_000).default([]),
    default: z.string().trim().min(1, { error: 'expected the id of a contract of the catalog' }).optional(),
    /**
     * Shared projects bound to no contract (identifiers or ids): synced too, each issue's contract
     * comes from the rules or the default alone; one none gives a contract is not covered.
     */
    projects: z
      .array(z.union([z.string().min(1), z.number().int().positive()]))
      .max(1_000)
      .default([]),
  })
  .strict()
  .superRefine((config, context) => {
    config.rules.forEach((rule, index) => {
      if (rule.kind === 'organization')
        context.addIssue({
          code: 'custom',
          path: ['rules', index, 'organization'],
          message:
            'Redmine has no organizations: match the project, a subproject (subprojectOf) or a custom field (field, value)',
        });
    });
  });

export type RedmineContractRules = z.infer<typeof redmineContractRulesSchema>;
