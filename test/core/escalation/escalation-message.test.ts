import { channelPayload, TELEGRAM_TEXT_LIMIT } from '../../../src/core/escalation/channel-payload';
import {
  escalationMessage,
  formatWorkingMinutes,
  type MessageFacts,
} from '../../../src/core/escalation/escalation-message';

const FACTS: MessageFacts = {
  language: 'en',
  issueKey: 'SUP-7',
  issueUrl: 'https://alfa.atlassian.net/browse/SUP-7',
  intent: {
    identity: { cycle: 0, clock: 'resolution', level: 2 },
    line: 'L2',
    priority: 'high',
    priorityBefore: 'normal',
    comments: ['Deadline passed: the second line takes over.'],
    recipients: ['support_lead', 'client_contact'],
  },
  remainingMinutes: -95,
  reachedAtMs: Date.parse('2026-11-20T09:00:00Z'),
  timeZone: 'Europe/Moscow',
};

describe('escalationMessage', () => {
  it('says in English which level, how far over, when, what changed, who acts, and links the request', () => {
    expect(escalationMessage(FACTS).text).toBe(
      [
        'SLA escalation, level 2: SUP-7',
        'The resolution clock is 1 h 35 min of working time over its target.',
        'Level reached at 2026-11-20 12:00 (+03:00).',
        'Handed to support line L2.',
        'Priority raised from normal to high.',
        'Deadline passed: the second line takes over.',
        "Attention: support lead, client's contact person.",
        'https://alfa.atlassian.net/browse/SUP-7',
      ].join('\n'),
    );
  });

  it('says it in Russian, with the time left before a deadline', () => {
    const message = escalationMessage({
      ...FACTS,
      language: 'ru',
      remainingMinutes: 45,
      intent: {
        ...FACTS.intent,
        identity: { cycle: 0, clock: 'reaction', level: 1 },
        line: null,
        priority: null,
        comments: [],
      },
    });
    expect(message.text).toBe(
      [
        'Эскалация SLA, уровень 1: SUP-7',
        'До срока «реакция» осталось 45 мин рабочего времени.',
        'Уровень достигнут 2026-11-20 12:00 (+03:00).',
        'Внимание: руководитель поддержки, контактное лицо клиента.',
        'https://alfa.atlassian.net/browse/SUP-7',
      ].join('\n'),
    );
  });

  it('leaves the time out for a clock without a target and the link out when there is none', () => {
    const message = escalationMessage({ ...FACTS, remainingMinutes: null, issueUrl: null });
    expect(message.lines[0]).toBe('The resolution clock reached its escalation level.');
    expect(message.text).not.toContain('http');
  });

  it('writes working minutes as hours and minutes', () => {
    expect(formatWorkingMinutes(0, 'en')).toBe('0 min');
    expect(formatWorkingMinutes(-120, 'en')).toBe('2 h');
    expect(formatWorkingMinutes(61, 'ru')).toBe('1 ч 1 мин');
  });
});

describe('channelPayload', () => {
  const message = escalationMessage(FACTS);

  it('builds Telegram sendMessage JSON in plain text for the catalog chat and topic', () => {
    const payload = channelPayload(message, {
      kind: 'telegram',
      botToken: { source: 'env', name: 'TELEGRAM_BOT_TOKEN' },
      chatId: '-1001234567890',
      threadId: 12,
    });
    expect(payload).toEqual({
      kind: 'telegram',
      body: {
        chat_id: '-1001234567890',
        text: message.text,
        message_thread_id: 12,
        link_preview_options: { is_disabled: true },
      },
    });
  });

  it('cuts a Telegram text to the Bot API limit', () => {
    const long = escalationMessage({ ...FACTS, intent: { ...FACTS.intent, comments: ['x'.repeat(5000)] } });
    const payload = channelPayload(long, { kind: 'telegram', botToken: { source: 'env', name: 'T' }, chatId: '1' });
    const text = payload.kind === 'telegram' ? payload.body.text : '';
    expect([...text]).toHaveLength(TELEGRAM_TEXT_LIMIT);
    expect(text.endsWith('…')).toBe(true);
  });

  it('builds a Slack {text, blocks} with mrkdwn escaped and the link', () => {
    const tricky = escalationMessage({ ...FACTS, intent: { ...FACTS.intent, comments: ['<!channel> & co'] } });
    const payload = channelPayload(tricky, { kind: 'slack', webhookUrl: { source: 'env', name: 'S' } });
    expect(payload.kind).toBe('slack');
    const body = payload.body as {
      text: string;
      blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    };
    expect(body.text).toBe('SLA escalation, level 2: SUP-7 https://alfa.atlassian.net/browse/SUP-7');
    expect(body.blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    expect(body.blocks[1].text?.text).toContain('&lt;!channel&gt; &amp; co');
    expect(body.blocks[2].elements?.[0].text).toBe('Open the request: <https://alfa.atlassian.net/browse/SUP-7|SUP-7>');
  });

  it('builds a Teams Adaptive Card message, or a legacy MessageCard', () => {
    const adaptive = channelPayload(message, {
      kind: 'teams',
      webhookUrl: { source: 'env', name: 'T' },
      card: 'adaptive',
    });
    expect(adaptive.body).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: expect.arrayContaining([
              expect.objectContaining({ text: 'SLA escalation, level 2: SUP-7', weight: 'Bolder' }),
            ]),
            actions: [
              { type: 'Action.OpenUrl', title: 'Open the request', url: 'https://alfa.atlassian.net/browse/SUP-7' },
            ],
          },
        },
      ],
    });
    const legacy = channelPayload(message, {
      kind: 'teams',
      webhookUrl: { source: 'env', name: 'T' },
      card: 'messageCard',
    });
    expect(legacy.body).toMatchObject({
      '@type': 'MessageCard',
      title: 'SLA escalation, level 2: SUP-7',
      potentialAction: [
        { '@type': 'OpenUri', targets: [{ os: 'default', uri: 'https://alfa.atlassian.net/browse/SUP-7' }] },
      ],
    });
  });
});
