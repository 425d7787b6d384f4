import { projectMappingSchema } from '../../../../src/jira/config/jira-mapping-schema';
import { isNobody, resolveRecipients } from '../../../../src/jira/escalation/escalation-notice';

const project = projectMappingSchema.parse({
  contract: 'client-a',
  recipients: {
    support_line: { groupIds: ['g-l1'] },
    support_lead: ['lead-1'],
    account_manager: { accountIds: ['manager-1', 'lead-1'], groups: ['account-managers'] },
  },
});

describe('resolveRecipients', () => {
  it("maps the provider's recipients to the configured accounts and groups, each named once", () => {
    expect(
      resolveRecipients(project, ['support_line', 'support_lead', 'account_manager'], { hasReporter: true }),
    ).toEqual({
      to: {
        users: [{ accountId: 'lead-1' }, { accountId: 'manager-1' }],
        groups: [{ groupId: 'g-l1' }, { name: 'account-managers' }],
        reporter: false,
        watchers: false,
      },
      unresolved: [],
    });
  });

  it("maps the client's contact to the reporter and the client's team to the watchers", () => {
    expect(resolveRecipients(project, ['client_contact', 'client_team'], { hasReporter: true }).to).toEqual({
      users: [],
      groups: [],
      reporter: true,
      watchers: true,
    });
  });

  it('names the recipients nobody stands for: nothing configured, or an issue without a reporter', () => {
    const bare = projectMappingSchema.parse({ contract: 'client-a' });
    const resolved = resolveRecipients(bare, ['support_lead', 'client_contact'], { hasReporter: false });
    expect(resolved).toEqual({
      to: { users: [], groups: [], reporter: false, watchers: false },
      unresolved: ['support_lead', 'client_contact'],
    });
    expect(isNobody(resolved.to)).toBe(true);
  });
});
