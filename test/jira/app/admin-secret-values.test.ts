import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveAdminSettings, type AdminDeps } from '../../../src/jira/app/admin-resolver';
import { SETTINGS_KEYS } from '../../../src/jira/config/app-settings';
import { MemoryKeyValueStore } from '../../../src/jira/store/memory-key-value-store';

/** A pasted secret in the catalog text is refused by path, never repeated in a problem, never stored. */
const ROOT = join(__dirname, '..', '..', '..');
const NOW = Date.parse('2026-11-20T12:00:00Z');
const BOT_TOKEN = '7012345678:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';
const WEBHOOK = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
const CATALOG = readFileSync(join(ROOT, 'examples', 'catalog.yml'), 'utf8');
const MAPPING = readFileSync(join(ROOT, 'examples', 'jira-mapping.yml'), 'utf8');
const HOLIDAYS = { 'holidays/ru-2026.ics': readFileSync(join(ROOT, 'examples', 'holidays', 'ru-2026.ics'), 'utf8') };

function adminDeps(store: MemoryKeyValueStore): AdminDeps {
  return { store, now: () => NOW, isJiraAdmin: async () => ({ kind: 'admin' as const }) };
}

const pasted = {
  'valid YAML': `${CATALOG}\nnotificationChannels:\n  tg: { kind: telegram, botToken: "${BOT_TOKEN}", chatId: -100123 }\n  slack: { kind: slack, webhookUrl: ${WEBHOOK} }\n`,
  'a broken line': `${CATALOG}\nnotificationChannels:\n  tg: { kind: telegram, botToken: ${BOT_TOKEN}, chatId: -100123\n  slack: { kind: slack, webhookUrl: "${WEBHOOK}" }\n`,
  'a key': `${CATALOG}\nnotificationChannels:\n  tg: { kind: telegram, botToken: env:TG, chatId: -100123, "${BOT_TOKEN}": 1 }\n`,
};

test.each(Object.entries(pasted))(
  'a token or webhook URL pasted as %s is refused without being repeated or stored',
  async (kind, catalogText) => {
    const store = new MemoryKeyValueStore(() => NOW);
    const answer = await saveAdminSettings(
      adminDeps(store),
      { catalogText, mappingText: MAPPING, holidayFiles: HOLIDAYS },
      'acc-1',
    );
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.savedAtMs).toBeNull();
    const problems = JSON.stringify(answer.value.problems);
    expect(answer.value.problems.catalog.length).toBeGreaterThan(0);
    if (kind === 'valid YAML')
      expect(answer.value.problems.catalog.map((problem) => problem.path.join('.'))).toEqual(
        expect.arrayContaining(['notificationChannels.tg.botToken', 'notificationChannels.slack.webhookUrl']),
      );
    expect(problems).not.toContain('AAHfiqks');
    expect(problems).not.toContain('hooks.slack.com');
    expect(problems).not.toContain('XXXXXXXX');
    expect(await store.get(SETTINGS_KEYS.catalog)).toBeUndefined();
  },
);
