import { z } from 'zod';
import type { Recipient } from '../../core/catalog/catalog-schema';
import type { ProjectMapping, RecipientTarget } from '../config/jira-mapping-schema';

/** Who a level's notification goes to, in the form Jira's notify takes; stored with the plan. */
export const notificationRecipientsSchema = z.object({
  users: z.array(z.object({ accountId: z.string() })).default([]),
  groups: z.array(z.union([z.object({ groupId: z.string() }), z.object({ name: z.string() })])).default([]),
  /** The issue's reporter: the client's contact person. */
  reporter: z.boolean().default(false),
  /** The issue's watchers: the client's team. */
  watchers: z.boolean().default(false),
});
export type PlannedRecipients = z.infer<typeof notificationRecipientsSchema>;

/** What the issue itself says about the client's recipients. */
export interface IssueParties {
  readonly hasReporter: boolean;
}

/** The recipients of a level's notify actions, and those with nobody behind them. */
export interface ResolvedRecipients {
  readonly to: PlannedRecipients;
  /** Recipients the level names but nobody stands for: nothing configured in the settings, or no reporter. */
  readonly unresolved: Recipient[];
}

const NO_TARGET: RecipientTarget = { accountIds: [], groupIds: [], groups: [] };

function targetOf(project: ProjectMapping, recipient: Recipient): RecipientTarget {
  return Object.prototype.hasOwnProperty.call(project.recipients, recipient)
    ? project.recipients[recipient]
    : NO_TARGET;
}

/**
 * Maps the catalog's recipients onto Jira: the provider's people (`support_line`, `support_lead`,
 * `account_manager`) are the accounts and groups the settings name for them; `client_contact` is the
 * issue's reporter and `client_team` its watchers. The escalation mode has already dropped the client
 * recipients a tariff keeps out. Accounts and groups named by several recipients are sent to once.
 *
 * @example
 * resolveRecipients(project, ['support_lead', 'client_contact'], { hasReporter: true });
 * // { to: { users: [{ accountId: '5b10…' }], groups: [], reporter: true, watchers: false }, unresolved: [] }
 */
export function resolveRecipients(
  project: ProjectMapping,
  recipients: readonly Recipient[],
  issue: IssueParties,
): ResolvedRecipients {
  const accountIds = new Set<string>();
  const groupIds = new Set<string>();
  const groupNames = new Set<string>();
  let reporter = false;
  let watchers = false;
  const unresolved: Recipient[] = [];
  for (const recipient of new Set(recipients)) {
    switch (recipient) {
      case 'client_contact':
        // Jira refuses a notification to the reporter of an issue that has none.
        if (issue.hasReporter) reporter = true;
        else unresolved.push(recipient);
        break;
      case 'client_team':
        watchers = true;
        break;
      case 'support_line':
      case 'support_lead':
      case 'account_manager': {
        const target = targetOf(project, recipient);
        if (target.accountIds.length + target.groupIds.length + target.groups.length === 0) unresolved.push(recipient);
        target.accountIds.forEach((id) => accountIds.add(id));
        target.groupIds.forEach((id) => groupIds.add(id));
        target.groups.forEach((name) => groupNames.add(name));
        break;
      }
    }
  }
  return {
    to: {
      users: [...accountIds].map((accountId) => ({ accountId })),
      groups: [...[...groupIds].map((groupId) => ({ groupId })), ...[...groupNames].map((name) => ({ name }))],
      reporter,
      watchers,
    },
    unresolved,
  };
}

/** True when the planned recipients name nobody, so there is nothing to send. */
export function isNobody(to: PlannedRecipients): boolean {
  return to.users.length === 0 && to.groups.length === 0 && !to.reporter && !to.watchers;
}
