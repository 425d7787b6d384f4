import { STAND_IN_SITE_URL } from '../stand-in/jira-stand-in-routes';
import { parse, stringify } from 'yaml';
import type { AppDeps } from '../../../src/jira/app/app-deps';
import { runSweep, type SweepResult } from '../../../src/jira/app/sweep';
import { SITE_URL_KEY } from '../../../src/jira/app/site-url';
import { SETTINGS_KEYS } from '../../../src/jira/config/app-settings';
import { readEscalationRecord } from '../../../src/jira/escalation/escalation-runner';
import { startMessengerReceiver, type MessengerReceiver, type PostedMessage } from '../../notify/messenger-receiver';
import { receiverSender, SLACK_PATH, TEAMS_PATH } from '../../notify/sender-fixtures';
import { AGENT, appComments, EXAMPLE_CATALOG, msk, startAppHarness, type AppHarness } from './jira-app-harness';

const SITE = 'https://alfa-support.atlassian.net';

/**
 * The example catalog with messengers for client-a: the lead's Telegram chat (and e-mail) for levels
 * that notify the support lead, the client's Slack for levels that notify its contact person, and
 * Teams for levels that put the request on L2.
 */
function catalogWithMessengers(): string {
  const document: Record<string, unknown> & { contracts: Record<string, Record<string, unknown>> } =
    parse(EXAMPLE_CATALOG);
  document.notificationChannels = {
    'lead-telegram': { kind: 'telegram', botToken: 'env:TELEGRAM_BOT_TOKEN', chatId: '-1001234567890' },
    'alfa-slack': { kind: 'slack', webhookUrl: 'env:ALFA_SLACK_WEBHOOK' },
    'alfa-teams': { kind: 'teams', webhookUrl: 'env:ALFA_TEAMS_WEBHOOK' },
    mail: { kind: 'email' },
  };
  document.contracts['client-a'].notify = [
    { channels: ['lead-telegram', 'mail'], recipients: ['support_lead'] },
    { channels: ['alfa-slack'], recipients: ['client_contact'] },
    { channels: ['alfa-teams'], lines: ['L2'] },
  ];
  return stringify(document);
}

/** Created Monday 10:00, answered 10:30; by Tuesday 11:00 resolution levels 1 (80 %) and 2 (100 %) are due. */
function breachedIssue(app: AppHarness): { id: string; key: string } {
  const issue = app.standIn.seedIssue({
    project: 'SUP',
    created: msk('2026-11-09T10:00'),
    priority: 'Medium',
    status: 'Open',
  });
  app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T10:30'), status: 'In Progress', author: AGENT });
  app.setNow('2026-11-10T11:00');
  return issue;
}

/** The app's dependencies as one Forge invocation builds them, with messengers aimed at the receiver. */
function invocationDeps(app: AppHarness, receiver: MessengerReceiver, retries = 4): AppDeps {
  return { ...app.deps, messengers: { sender: receiverSender(receiver, { retries }).sender, siteUrl: SITE } };
}

function sweep(deps: AppDeps, runId: string): Promise<SweepResult> {
  return runSweep(deps, { runId, budgetMs: 60_000, enqueue: async () => undefined });
}

/** `telegram level 1`, `slack level 2`…: what was posted, by messenger and level. */
function postedLevels(posted: readonly PostedMessage[]): string[] {
  return posted
    .map((message) => `${message.route} level ${/level (\d)/.exec(JSON.stringify(message.body))?.[1] ?? '?'}`)
    .sort();
}

const EXPECTED = ['slack level 2', 'teams level 2', 'telegram level 1', 'telegram level 2'];

describe("the Jira app's escalations reach messengers exactly once", () => {
  let app: AppHarness;
  let receiver: MessengerReceiver;

  beforeEach(async () => {
    app = await startAppHarness('2026-11-09T10:00');
    await app.store.set(SETTINGS_KEYS.catalog, { text: catalogWithMessengers(), savedAtMs: app.nowMs() });
    receiver = await startMessengerReceiver();
  });

  afterEach(async () => {
    expect(app.standIn.violations()).toEqual([]);
    await receiver.close();
    await app.close();
  });

  it('posts each level once per channel through 429s and 5xx, and a second sweep posts nothing', async () => {
    const issue = breachedIssue(app);
    receiver.script('telegram', { status: 429, retryAfterSeconds: 2, via: 'telegram' }, { status: 500 });
    receiver.script(SLACK_PATH, { status: 502 });
    receiver.script(TEAMS_PATH, { status: 429, retryAfterSeconds: 1 }, { status: 503 });

    const first = await sweep(invocationDeps(app, receiver), 'sweep-1');

    expect(first.escalations).toBe(2);
    expect(postedLevels(receiver.posted)).toEqual(EXPECTED);
    const telegram = receiver.posted.find((message) => message.route === 'telegram');
    expect(telegram?.body).toMatchObject({ chat_id: '-1001234567890' });
    expect(String(telegram?.body.text)).toContain(`SLA escalation, level 1: ${issue.key}`);
    expect(String(telegram?.body.text)).toContain('The resolution clock is 2 h of working time over its target.');
    expect(String(telegram?.body.text)).toContain(`${SITE}/browse/${issue.key}`);

    await sweep(invocationDeps(app, receiver), 'sweep-2');
    expect(postedLevels(receiver.posted)).toEqual(EXPECTED);
    const record = await readEscalationRecord(app.deps, issue.id);
    expect(record.done.sort()).toEqual(['0:resolution:1', '0:resolution:2']);
  });

  it("links the issue with the site's base URL from Jira (serverInfo) when no override is set, asking Jira once", async () => {
    const issue = breachedIssue(app);
    const deps: AppDeps = { ...app.deps, messengers: { sender: receiverSender(receiver).sender, siteUrl: null } };

    await sweep(deps, 'sweep-1');

    expect(postedLevels(receiver.posted)).toEqual(EXPECTED);
    for (const message of receiver.posted)
      expect(JSON.stringify(message.body)).toContain(`${STAND_IN_SITE_URL}/browse/${issue.key}`);
    const asked = () =>
      app.standIn.requests().filter((entry) => entry.path.startsWith('/rest/api/3/serverInfo')).length;
    // Two levels, one question: the answer is kept in app storage for the next.
    expect(asked()).toBe(1);
    expect(await app.store.get(SITE_URL_KEY)).toEqual({ baseUrl: STAND_IN_SITE_URL, readAtMs: app.nowMs() });
  });

  it('holds a level whose message the messenger did not take, and the next invocation sends only that message', async () => {
    const issue = breachedIssue(app);
    receiver.script('telegram', { status: 503 }, { status: 503 }, { status: 503 });

    const first = await sweep(invocationDeps(app, receiver, 2), 'sweep-1');
    expect(first.escalations).toBe(0);
    expect(receiver.posted).toEqual([]);

    // A new invocation (fresh deps, the same storage), then a duplicate one.
    await sweep(invocationDeps(app, receiver), 'sweep-2');
    await sweep(invocationDeps(app, receiver), 'sweep-3');

    expect(postedLevels(receiver.posted)).toEqual(EXPECTED);
    expect(appComments(app, issue.key).filter((body) => body.includes('Срок по SLA истёк'))).toHaveLength(1);
  });

  it('posts once when two sweeps overlap', async () => {
    breachedIssue(app);

    await Promise.all([
      sweep(invocationDeps(app, receiver), 'sweep-a'),
      sweep(invocationDeps(app, receiver), 'sweep-b'),
    ]);
    await sweep(invocationDeps(app, receiver), 'sweep-c');

    expect(postedLevels(receiver.posted)).toEqual(EXPECTED);
  });
});
