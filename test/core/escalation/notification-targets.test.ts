import type { EscalationIntent } from '../../../src/core/escalation/escalation-intents';
import { notificationTargets } from '../../../src/core/escalation/notification-targets';
import { buildCatalog } from '../../helpers/catalog-builder';

const CHANNELS = {
  'lead-telegram': { kind: 'telegram', botToken: 'env:TELEGRAM_BOT_TOKEN', chatId: 1 },
  'client-slack': { kind: 'slack', webhookUrl: 'env:CLIENT_SLACK' },
  'l3-teams': { kind: 'teams', webhookUrl: 'env:L3_TEAMS' },
  mail: { kind: 'email' },
};

const routed = buildCatalog({
  notificationChannels: CHANNELS,
  contracts: {
    acme: {
      notify: [
        { channels: ['lead-telegram', 'mail'], recipients: ['support_lead'] },
        { channels: ['client-slack', 'lead-telegram'], recipients: ['client_contact', 'client_team'] },
        { channels: ['l3-teams'], lines: ['L3'] },
      ],
    },
  },
});

function intent(overrides: Partial<EscalationIntent> = {}): EscalationIntent {
  return {
    identity: { cycle: 0, clock: 'resolution', level: 2 },
    key: '0:resolution:2',
    dueAtMs: 0,
    decision: 'act',
    skipReason: null,
    line: null,
    lineBefore: 'L1',
    priority: null,
    priorityBefore: 'normal',
    comments: [],
    recipients: ['support_lead'],
    visibleToClient: false,
    subject: '',
    note: '',
    ...overrides,
  };
}

const ids = (targets: ReturnType<typeof notificationTargets>) => targets.channels.map((target) => target.channelId);

describe('notificationTargets', () => {
  it('keeps the tracker e-mail alone for a contract without routes', () => {
    expect(notificationTargets(intent(), buildCatalog().contract('acme'))).toEqual({
      trackerEmail: true,
      channels: [],
    });
  });

  it('sends nowhere a level that is skipped or notifies nobody', () => {
    const contract = routed.contract('acme');
    expect(notificationTargets(intent({ decision: 'skip', skipReason: 'issue_done' }), contract)).toEqual({
      trackerEmail: false,
      channels: [],
    });
    expect(notificationTargets(intent({ recipients: [] }), contract)).toEqual({ trackerEmail: false, channels: [] });
  });

  it('matches routes by recipient, each channel once, e-mail only where a route names it', () => {
    const contract = routed.contract('acme');
    const lead = notificationTargets(intent(), contract);
    expect(lead.trackerEmail).toBe(true);
    expect(ids(lead)).toEqual(['lead-telegram']);
    const client = notificationTargets(intent({ recipients: ['client_team', 'support_lead'] }), contract);
    expect(ids(client)).toEqual(['lead-telegram', 'client-slack']);
    const clientOnly = notificationTargets(intent({ recipients: ['client_team'] }), contract);
    expect(clientOnly.trackerEmail).toBe(false);
  });

  it('matches a line route on the line the level moves the issue to, else the line it is on', () => {
    const contract = routed.contract('acme');
    expect(ids(notificationTargets(intent({ recipients: ['account_manager'], line: 'L3' }), contract))).toEqual([
      'l3-teams',
    ]);
    expect(ids(notificationTargets(intent({ recipients: ['account_manager'], lineBefore: 'L3' }), contract))).toEqual([
      'l3-teams',
    ]);
    expect(
      ids(notificationTargets(intent({ recipients: ['account_manager'], line: 'L2', lineBefore: 'L1' }), contract)),
    ).toEqual([]);
  });
});
