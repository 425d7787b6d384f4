import { parseCatalog } from '../../../src/core/catalog/parse-catalog';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog';
import type { ChannelSenderDeps } from '../../../src/notify/channel-sender';
import { RedmineSyncWorker } from '../../../src/redmine/worker/redmine-sync-worker';
import { emptyWorkerState, type WorkerState } from '../../../src/redmine/worker/worker-state-schema';
import { startMessengerReceiver, type MessengerReceiver } from '../../notify/messenger-receiver';
import { receiverSender, SLACK_PATH, TEAMS_PATH } from '../../notify/sender-fixtures';
import { journal, redmineIssue, ScriptedRedmineApi, STAFF_USER, WORKER_USER } from './scripted-redmine-api';
import type { RedmineIssue } from '../../../src/redmine/schemas';
import { memoryLog, testCatalogDocument, testConfig } from './worker-fixtures';

const CREATED = '2026-11-20T07:00:00Z';
const at = (minutesAfterCreation: number): number => Date.parse(CREATED) + minutesAfterCreation * 60_000;
const RUNNING = {
  'SLA state': 'running',
  'SLA reaction due': '2026-11-20T07:30:00+00:00',
  'SLA resolution due': '2026-11-20T11:00:00+00:00',
  'SLA tariff': 'test',
};
const ESCALATED = { ...RUNNING, 'SLA state': 'breached', 'Support line': 'L2', 'SLA flags': 'esc:reaction:L1:c0' };

/**
 * The worker's test catalog with the three messengers: the lead's Telegram chat for every level, the
 * client's Slack for levels that reach L2, Teams for L3 only (so it never fires here), and e-mail.
 */
function catalogWithChannels(options: { mail?: boolean } = {}): CompiledCatalog {
  const document = testCatalogDocument();
  const parsed = parseCatalog({
    ...document,
    notificationChannels: {
      'lead-telegram': { kind: 'telegram', botToken: 'env:TELEGRAM_BOT_TOKEN', chatId: -1001234567890 },
      'alfa-slack': { kind: 'slack', webhookUrl: 'env:ALFA_SLACK_WEBHOOK' },
      'alfa-teams': { kind: 'teams', webhookUrl: 'env:ALFA_TEAMS_WEBHOOK', card: 'messageCard' },
      mail: { kind: 'email' },
    },
    contracts: {
      alpha: {
        name: 'Client alpha',
        terms: [{ tariff: 'test', from: '2026-01-01' }],
        notify: [
          {
            channels: options.mail === false ? ['lead-telegram'] : ['lead-telegram', 'mail'],
            recipients: ['support_lead'],
          },
          { channels: ['alfa-slack'], lines: ['L2'] },
          { channels: ['alfa-teams'], lines: ['L3'] },
        ],
      },
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function afterWrite(fields: Record<string, string>, updatedOn: string): RedmineIssue {
  return redmineIssue(102, {
    fields,
    updated_on: updatedOn,
    journals: [journal(902, updatedOn, WORKER_USER, { details: [] })],
    ...(fields['Support line'] === 'L2' ? { assigned_to: { id: 51, name: 'Support L2' } } : {}),
  });
}

interface World {
  api: ScriptedRedmineApi;
  state: WorkerState;
  receiver: MessengerReceiver;
  /** A worker as a fresh process would build it: new instance, the same state. */
  worker(sender?: ChannelSenderDeps): RedmineSyncWorker;
  events: () => Array<Record<string, unknown>>;
  lines: string[];
}

async function world(options: { mail?: boolean } = {}): Promise<World> {
  const receiver = await startMessengerReceiver();
  const api = new ScriptedRedmineApi();
  const state = emptyWorkerState('http://127.0.0.1:3300');
  const catalog = catalogWithChannels(options);
  const { log, events, lines } = memoryLog();
  const worker = (sender: ChannelSenderDeps = receiverSender(receiver).sender) =>
    new RedmineSyncWorker({
      api,
      config: testConfig(),
      catalog,
      state,
      saveState: () => undefined,
      log,
      clock: () => at(0),
      notifier: { sender },
    });
  return { api, state, receiver, worker, events, lines };
}

/** Cycle 1 writes the new issue's fields; the next cycle (at 31 min) is the one that escalates. */
async function firstCycle(w: World, worker: RedmineSyncWorker): Promise<void> {
  w.api.issuePages.push({ value: [redmineIssue(102)] });
  w.api.issues.push({ value: afterWrite(RUNNING, '2026-11-20T07:05:01Z') });
  await worker.runCycle({ nowMs: at(5) });
}

/** Scripts Redmine for the escalating cycle: the read before acting, then the re-read after the write. */
function scriptEscalation(w: World): void {
  w.api.issuePages.push({ value: [] });
  w.api.issues.push({ value: afterWrite(RUNNING, '2026-11-20T07:05:01Z') });
  w.api.issues.push({ value: afterWrite(ESCALATED, '2026-11-20T07:31:02Z') });
}

describe('the Redmine worker sends escalation messages to messengers exactly once', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(async () => {
    await w.receiver.close();
  });

  it('posts one message per channel through 429s and 5xx, and duplicate cycles post nothing more', async () => {
    const worker = w.worker();
    await firstCycle(w, worker);
    scriptEscalation(w);
    w.receiver.script('telegram', { status: 429, retryAfterSeconds: 2 }, { status: 502 });
    w.receiver.script(SLACK_PATH, { status: 500 }, { status: 429, retryAfterSeconds: 1 });

    const escalating = await worker.runCycle({ nowMs: at(31) });

    expect(escalating).toMatchObject({ escalations: 1, notifications: { sent: 2, failed: 0, pending: 0 } });
    expect(w.receiver.posted.map((message) => message.route)).toEqual(['telegram', 'slack']);
    const telegram = w.receiver.posted[0].body;
    expect(telegram).toMatchObject({ chat_id: '-1001234567890' });
    expect(telegram.text).toContain('SLA escalation, level 1: #102');
    expect(telegram.text).toContain('The reaction clock is 1 min of working time over its target.');
    expect(telegram.text).toContain('http://127.0.0.1:3300/issues/102');
    // The route with the mail channel matched: the lead is still @mentioned (Redmine e-mails them).
    expect(w.api.sentUpdates[1].update.notes).toContain('@lead');

    for (const minutes of [45, 60]) {
      w.api.issuePages.push({ value: [] });
      await worker.runCycle({ nowMs: at(minutes) });
    }
    expect(w.receiver.posted).toHaveLength(2);
    expect(w.receiver.requests.filter((request) => request.route === 'teams')).toHaveLength(0);
  });

  it('keeps a message the messenger did not take for the next cycle, and a restarted worker sends it once', async () => {
    const worker = w.worker(receiverSender(w.receiver, { retries: 1 }).sender);
    await firstCycle(w, worker);
    scriptEscalation(w);
    w.receiver.script('telegram', { status: 503 }, { status: 503 });

    const escalating = await worker.runCycle({ nowMs: at(31) });
    expect(escalating.notifications).toEqual({ sent: 1, failed: 0, pending: 1, unconfirmed: 0 });
    expect(w.receiver.posted.map((message) => message.route)).toEqual(['slack']);
    expect(
      Object.values(w.state.notifications)
        .map((record) => record.state)
        .sort(),
    ).toEqual(['pending', 'sent']);

    // A new process with the same state file, and two cycles running back to back.
    const restarted = w.worker();
    for (const minutes of [40, 41]) {
      w.api.issuePages.push({ value: [] });
      await restarted.runCycle({ nowMs: at(minutes) });
    }
    expect(w.receiver.posted.map((message) => message.route)).toEqual(['slack', 'telegram']);
    expect(w.api.sentUpdates.filter((sent) => sent.update.notes !== undefined)).toHaveLength(1);
  });

  it('never sends again a message whose answer was lost, and logs it as unconfirmed', async () => {
    const worker = w.worker();
    await firstCycle(w, worker);
    scriptEscalation(w);
    w.receiver.script('telegram', { drop: true, afterPosting: true });

    await worker.runCycle({ nowMs: at(31) });
    const restarted = w.worker();
    w.api.issuePages.push({ value: [] });
    await restarted.runCycle({ nowMs: at(40) });

    expect(w.receiver.posted.filter((message) => message.route === 'telegram')).toHaveLength(1);
    expect(w.events().filter((event) => event.event === 'notification_unconfirmed')).toHaveLength(1);
  });

  it('treats a claim left by a crash mid-send as possibly sent: a restart does not post it', async () => {
    const worker = w.worker();
    await firstCycle(w, worker);
    scriptEscalation(w);
    // The messengers are unreachable during the escalating cycle (a closed port): the messages stay owed.
    const closed = await startMessengerReceiver();
    await closed.close();
    const unreachable = receiverSender(closed, {
      env: { TELEGRAM_BOT_TOKEN: 'x', ALFA_SLACK_WEBHOOK: `${closed.url}/${SLACK_PATH}` },
    });
    const offline = w.worker(unreachable.sender);
    await offline.runCycle({ nowMs: at(31) });
    expect(Object.values(w.state.notifications).map((record) => record.state)).toEqual(['pending', 'pending']);

    // The process stopped right after claiming the Telegram message (the claim is on disk).
    const [telegramKey] = Object.keys(w.state.notifications).filter((key) => key.endsWith('/lead-telegram'));
    w.state.notifications[telegramKey] = { ...w.state.notifications[telegramKey], state: 'sending' };
    w.api.issuePages.push({ value: [] });
    await w.worker().runCycle({ nowMs: at(40) });

    expect(w.receiver.posted.map((message) => message.route)).toEqual(['slack']);
    expect(w.state.notifications[telegramKey].state).toBe('unconfirmed');
  });

  it('keeps tokens and webhook URLs out of the log when a channel refuses the message', async () => {
    const worker = w.worker();
    await firstCycle(w, worker);
    scriptEscalation(w);
    w.receiver.script('telegram', { status: 403, body: `Forbidden: bot ${w.receiver.telegramToken} was kicked` });
    w.receiver.script(SLACK_PATH, { status: 410, body: 'channel_is_archived' });

    const report = await worker.runCycle({ nowMs: at(31) });

    expect(report.notifications).toMatchObject({ sent: 0, failed: 2 });
    const failures = w.events().filter((event) => event.event === 'notification_failed');
    expect(failures.map((event) => event.code)).toEqual(['notify_unauthorized', 'notify_not_found']);
    const log = w.lines.join('\n');
    expect(log).not.toContain(w.receiver.telegramToken);
    expect(log).not.toContain('s3cr3tSlackPart');
    expect(log).not.toContain(TEAMS_PATH);
  });

  it('announces nothing for a level whose write failed and that is recorded without acting once the issue is resolved', async () => {
    const worker = w.worker();
    await firstCycle(w, worker);
    w.api.issuePages.push({ value: [] });
    w.api.issues.push({ value: afterWrite(RUNNING, '2026-11-20T07:05:01Z') });
    w.api.updates.push({ error: { code: 'redmine_unreachable', status: 0 } });
    await worker.runCycle({ nowMs: at(31) });
    expect(Object.values(w.state.notifications).map((record) => record.state)).toEqual(['pending', 'pending']);

    // Resolved before the escalation got through: the level is recorded as skipped, its messages dropped.
    const resolved = redmineIssue(102, {
      status: { id: 4, name: 'Resolved', is_closed: true },
      fields: RUNNING,
      updated_on: '2026-11-20T07:35:00Z',
      journals: [
        journal(903, '2026-11-20T07:35:00Z', STAFF_USER, {
          details: [{ property: 'attr', name: 'status_id', old_value: '1', new_value: '4' }],
        }),
      ],
    });
    w.api.issuePages.push({ value: [resolved] });
    w.api.issues.push({ value: resolved });
    w.api.issues.push({ value: resolved });
    await worker.runCycle({ nowMs: at(40) });

    expect(w.state.notifications).toEqual({});
    expect(w.receiver.requests).toHaveLength(0);
  });
});

describe('a contract whose routes leave e-mail out', () => {
  it("posts to the messenger and leaves the @mentions (Redmine's e-mail) out of the note", async () => {
    const w = await world({ mail: false });
    try {
      const worker = w.worker();
      await firstCycle(w, worker);
      scriptEscalation(w);
      await worker.runCycle({ nowMs: at(31) });
      const note = w.api.sentUpdates[1].update.notes ?? '';
      expect(note).toContain('[esc:reaction:L1:c0]');
      expect(note).not.toContain('@lead');
      expect(w.receiver.posted.map((message) => message.route)).toEqual(['telegram', 'slack']);
    } finally {
      await w.receiver.close();
    }
  });
});
