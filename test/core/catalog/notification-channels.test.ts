import { catalogProblems, buildCatalog } from '../../helpers/catalog-builder';

const CHANNELS = {
  'lead-telegram': { kind: 'telegram', botToken: 'env:TELEGRAM_BOT_TOKEN', chatId: -1001234567890 },
  'alfa-slack': { kind: 'slack', webhookUrl: 'secret:alfa-slack-webhook' },
  'alfa-teams': { kind: 'teams', webhookUrl: 'env:ALFA_TEAMS_WEBHOOK' },
  mail: { kind: 'email' },
};

describe('notification channels in the catalog', () => {
  it('reads secret references by source and name, chat ids as text, Teams cards as adaptive by default', () => {
    const catalog = buildCatalog({
      notificationChannels: CHANNELS,
      contracts: { acme: { notify: [{ channels: ['lead-telegram', 'mail'], recipients: ['support_lead'] }] } },
    });
    expect(catalog.catalog.notificationChannels['lead-telegram']).toEqual({
      kind: 'telegram',
      botToken: { source: 'env', name: 'TELEGRAM_BOT_TOKEN' },
      chatId: '-1001234567890',
    });
    expect(catalog.catalog.notificationChannels['alfa-slack']).toEqual({
      kind: 'slack',
      webhookUrl: { source: 'secret', name: 'alfa-slack-webhook' },
    });
    expect(catalog.catalog.notificationChannels['alfa-teams']).toMatchObject({ card: 'adaptive' });
    expect(catalog.contract('acme')?.contract.notify).toEqual([
      { channels: ['lead-telegram', 'mail'], recipients: ['support_lead'] },
    ]);
  });

  it('refuses a token or a webhook URL written into the catalog, without repeating it', () => {
    const token = '7001234567:AAHk3Ssecret-token-value_abcdefghijklmn';
    const url = 'https://hooks.slack.com/services/T000/B000/SECRETPART';
    const problems = catalogProblems({
      notificationChannels: {
        bot: { kind: 'telegram', botToken: token, chatId: 1 },
        hook: { kind: 'slack', webhookUrl: url },
      },
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^notificationChannels\.bot\.botToken: expected a secret reference such as "env:TELEGRAM_BOT_TOKEN"/,
      ),
      expect.stringMatching(/^notificationChannels\.hook\.webhookUrl: expected a secret reference/),
    ]);
    expect(problems.join('\n')).not.toContain('SECRETPART');
    expect(problems.join('\n')).not.toContain('AAHk3S');
  });

  it('names an unknown channel of a route with the ones defined', () => {
    expect(
      catalogProblems({
        notificationChannels: CHANNELS,
        contracts: { acme: { notify: [{ channels: ['ops-telegram'] }] } },
      }),
    ).toEqual([
      'contracts.acme.notify[0].channels[0]: unknown notification channel "ops-telegram": define it under "notificationChannels" or use one of "lead-telegram", "alfa-slack", "alfa-teams", "mail"',
    ]);
  });

  it('refuses a chat id that is neither a number nor an @channel name, and an unknown kind', () => {
    expect(
      catalogProblems({
        notificationChannels: {
          a: { kind: 'telegram', botToken: 'env:T', chatId: 'general chat' },
          b: { kind: 'whatsapp' },
        },
      }),
    ).toEqual([
      'notificationChannels.a.chatId: expected a Telegram chat id such as -1001234567890 or "@channel_name"',
      'notificationChannels.b.kind: expected a channel with "kind" one of telegram, slack, teams, email (field "kind")',
    ]);
  });
});
