import { z } from 'zod';

const nameMap = z.record(z.string().min(1), z.string().min(1));

/** What a support line needs before an issue may be handed to it (checked by the workflow validator). */
export const lineRequirementSchema = z
  .object({
    /** A comment written since the issue reached its current line: the hand-over note. */
    comment: z.boolean().default(false),
    /** Issue fields that must not be empty, e.g. `assignee`, `priority`, `labels`. */
    fields: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** How one Jira project is served: its contract, and Jira names translated to catalog names. */
export const projectMappingSchema = z
  .object({
    contract: z.string().min(1, { error: 'expected a contract id from the catalog' }),
    /** Jira status name → catalog status name; unmapped statuses keep their Jira name. */
    statuses: nameMap.default({}),
    /** Jira priority name → catalog priority; unmapped priorities fall back to the contract's default. */
    priorities: nameMap.default({}),
    /** Jira issue type name → catalog request type; unmapped types fall back to `defaults.type`. */
    issueTypes: nameMap.default({}),
    /** Jira status name → support line: entering the status records that line (post function). */
    lineStatuses: nameMap.default({}),
    /** Line of a new issue. */
    initialLine: z.string().min(1).default('L1'),
    /** Accounts behind the escalation recipients, e.g. `support_lead: [accountId]`. */
    recipients: z.record(z.string(), z.array(z.string().min(1))).default({}),
  })
  .strict();

/**
 * The Jira side of the configuration, edited by a Jira admin next to the catalog:
 * which project is served under which contract, who counts as support staff, and what each
 * support line needs before an escalation.
 *
 * @example
 * jiraMappingSchema.parse({ projects: { SUP: { contract: 'client-a' } }, agents: { accountIds: ['5b10…'] } });
 */
export const jiraMappingSchema = z
  .object({
    projects: z.record(z.string().regex(/^[A-Z][A-Z0-9_]+$/, { error: 'expected a Jira project key such as "SUP"' }), projectMappingSchema),
    agents: z
      .object({
        /** Accounts of support staff: their first public comment is the response that stops the reaction clock. */
        accountIds: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ accountIds: [] }),
    /** Requirements per support line (key: line name such as `L2`). */
    lineRequirements: z.record(z.string().min(1), lineRequirementSchema).default({}),
    /**
     * Levels that fell due before this instant are recorded as done without acting, so enabling the
     * app on old issues does not flood them with escalations. ISO instant; default: when saved.
     */
    escalateSince: z.iso.datetime({ offset: true, error: 'expected an ISO instant with offset, e.g. "2026-11-01T00:00:00+03:00"' }).optional(),
    /** Language of the SLA field's label in list views and exports. */
    language: z.enum(['en', 'ru']).default('en'),
  })
  .strict();

export type JiraMapping = z.infer<typeof jiraMappingSchema>;
export type ProjectMapping = z.infer<typeof projectMappingSchema>;
export type LineRequirement = z.infer<typeof lineRequirementSchema>;
