import { namedRecord } from '../../core/errors/safe-record';
import { z } from 'zod';
import { jiraContractRulesSchema } from './jira-contract-rules-schema';

const nameMap = namedRecord(z.string().min(1), z.string().min(1));

/**
 * The escalation recipients the settings name people for. The client's recipients come from the issue:
 * `client_contact` is its reporter, `client_team` its watchers.
 */
export const PROVIDER_RECIPIENTS = ['support_line', 'support_lead', 'account_manager'] as const;
export type ProviderRecipient = (typeof PROVIDER_RECIPIENTS)[number];

function isProviderRecipient(name: string): name is ProviderRecipient {
  return PROVIDER_RECIPIENTS.some((recipient) => recipient === name);
}

/**
 * The people behind one recipient: accounts and Jira groups (by group id, which survives a rename,
 * or by name). A bare list is a list of account ids, the form of earlier settings.
 */
export const recipientTargetSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { accountIds: value } : value),
  z
    .object({
      accountIds: z.array(z.string().min(1)).default([]),
      groupIds: z.array(z.string().min(1)).default([]),
      groups: z.array(z.string().min(1)).default([]),
    })
    .strict(),
);
export type RecipientTarget = z.infer<typeof recipientTargetSchema>;

const recipientsSchema = z.record(z.string(), recipientTargetSchema).superRefine((recipients, context) => {
  for (const name of Object.keys(recipients)) {
    if (isProviderRecipient(name)) continue;
    const hint =
      name === 'client_contact'
        ? " (client_contact means the issue's reporter)"
        : name === 'client_team'
          ? " (client_team means the issue's watchers)"
          : '';
    context.addIssue({
      code: 'custom',
      path: [name],
      message: `unknown recipient "${name}"${hint}: name people for ${PROVIDER_RECIPIENTS.join(', ')}`,
    });
  }
});

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
    /**
     * The project's contract. In a shared service desk it may be left out: `contractRules` then give
     * each issue its contract (an issue they do not cover is "not covered").
     */
    contract: z.string().min(1, { error: 'expected a contract id from the catalog' }).default(''),
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
    /**
     * Who the provider's escalation recipients are, e.g. `support_lead: [accountId]` or
     * `support_line: { groupIds: [id], accountIds: [accountId] }`.
     */
    recipients: recipientsSchema.default({}),
    /**
     * Project role that may read the escalation comments kept from the client (`without_client` mode).
     * In a Jira Service Management project they are internal notes instead, which no customer sees.
     */
    internalCommentRole: z
      .string()
      .trim()
      .min(1, { error: 'expected the name of a project role, e.g. "Administrators"' })
      .default('Administrators'),
    /**
     * Who sees hours, charges, the hour burn-down and the accounting CSV on the project page:
     * `project_admins` (those who administer the project, the default) or `everyone` who may open it.
     * SLA figures are shown to everyone, counting only the issues each viewer may browse.
     */
    showHoursTo: z.enum(['project_admins', 'everyone']).default('project_admins'),
    /**
     * Where the client's satisfaction rating (CSAT, 1–5) is: JSM's request-feedback field
     * ("Satisfaction") or a number or select custom field, by field id; optionally the field dating it
     * (JSM's "Satisfaction date").
     */
    satisfaction: z
      .object({
        field: z
          .string()
          .regex(/^customfield_\d+$/, { error: 'expected a custom field id such as "customfield_10040"' }),
        dateField: z
          .string()
          .regex(/^customfield_\d+$/, { error: 'expected a custom field id such as "customfield_10041"' })
          .optional(),
      })
      .strict()
      .optional(),
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
    projects: z.record(
      z.string().regex(/^[A-Z][A-Z0-9_]+$/, { error: 'expected a Jira project key such as "SUP"' }),
      projectMappingSchema,
    ),
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
    escalateSince: z.iso
      .datetime({ offset: true, error: 'expected an ISO instant with offset, e.g. "2026-11-01T00:00:00+03:00"' })
      .optional(),
    /** Rules choosing the contract of each issue (shared service desks): see `jiraContractRulesSchema`. */
    contractRules: jiraContractRulesSchema.optional(),
    /** Language of the SLA field's label in list views and exports. */
    language: z.enum(['en', 'ru']).default('en'),
  })
  .strict()
  .superRefine((mapping, context) => {
    for (const [key, project] of Object.entries(mapping.projects))
      if (project.contract === '' && mapping.contractRules === undefined)
        context.addIssue({
          code: 'custom',
          path: ['projects', key, 'contract'],
          message: 'name the contract of this project, or add "contractRules" choosing the contract of its issues',
        });
  });

export type JiraMapping = z.infer<typeof jiraMappingSchema>;
export type ProjectMapping = z.infer<typeof projectMappingSchema>;
export type LineRequirement = z.infer<typeof lineRequirementSchema>;
