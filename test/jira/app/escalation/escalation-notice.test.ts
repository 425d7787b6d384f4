import { projectMappingSchema } from '../../../../src/jira/config/jira-mapping-schema';
import { isNobody, noticeText, resolveRecipients, type NoticeFacts } from '../../../../src/jira/escalation/escalation-notice';

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
    expect(resolveRecipients(project, ['support_line', 'support_lead', 'account_manager'], { hasReporter: true })).toEqual({
      to: { users: [{ accountId: 'lead-1' }, { accountId: 'manager-1' }], groups: [{ groupId: 'g-l1' }, { name: 'account-managers' }], reporter: false, watchers: false },
      unresolved: [],
    });
  });

  it("maps the client's contact to the reporter and the client's team to the watchers", () => {
    expect(resolveRecipients(project, ['client_contact', 'client_team'], { hasReporter: true }).to).toEqual({ users: [], groups: [], reporter: true, watchers: true });
  });

  it('names the recipients nobody stands for: nothing configured, or an issue without a reporter', () => {
    const bare = projectMappingSchema.parse({ contract: 'client-a' });
    const resolved = resolveRecipients(bare, ['support_lead', 'client_contact'], { hasReporter: false });
    expect(resolved).toEqual({ to: { users: [], groups: [], reporter: false, watchers: false }, unresolved: ['support_lead', 'client_contact'] });
    expect(isNobody(resolved.to)).toBe(true);
  });
});

describe('noticeText', () => {
  const facts: Omit<NoticeFacts, 'language'> = { issueKey: 'SUP-7', clock: 'resolution', level: 2, dueAtMs: Date.parse('2026-11-10T07:00:00Z'), timeZone: 'Europe/Moscow', line: 'L2', ref: 'sla-esc-10000-0-resolution-2' };

  it('says which clock reached which level when, what the level did, and carries the reference', () => {
    expect(noticeText({ ...facts, language: 'en' })).toEqual({
      subject: '[Tariff SLA] SUP-7: resolution escalation, level 2',
      textBody: 'SUP-7 reached escalation level 2 of its resolution SLA clock at 2026-11-10 10:00 (+03:00).\nThe request is handed to L2.\n\n[Tariff SLA · resolution · level 2 · sla-esc-10000-0-resolution-2]',
    });
  });

  it("speaks the settings' language", () => {
    const text = noticeText({ ...facts, priority: 'High', language: 'ru' });
    expect(text.subject).toBe('[Tariff SLA] SUP-7: эскалация по SLA (решение), уровень 2');
    expect(text.textBody.split('\n').slice(0, 3)).toEqual(['SUP-7: достигнут уровень эскалации 2 по сроку «решение» в 2026-11-10 10:00 (+03:00).', 'Обращение передано на линию L2.', 'Приоритет повышен до High.']);
  });
});
