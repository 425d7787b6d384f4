import { saveAdminSettings } from '../../../../src/jira/app/admin-resolver';
import { MAX_STORED_VALUE_BYTES, saveSettingsValues, SETTINGS_KEYS } from '../../../../src/jira/config/app-settings';
import type { SetOptions } from '../../../../src/jira/store/key-value-store';
import { MemoryKeyValueStore } from '../../../../src/jira/store/memory-key-value-store';
import { STARTER_CATALOG_TEXT, STARTER_MAPPING_TEXT } from '../../../../src/jira/config/starter-settings';

/** Forge counts its 240 KiB per value in bytes, and a save that fails must change nothing. */

/** A store whose writes of one key fail, as Forge's do when a value is over its limit. */
class FailingStore extends MemoryKeyValueStore {
  constructor(private readonly failingKey: string) {
    super(() => 0);
  }
  override async set(key: string, value: unknown, options?: SetOptions): Promise<boolean> {
    if (key === this.failingKey) throw new Error('KVS: value too large');
    return super.set(key, value, options);
  }
}

const adminDeps = (store: MemoryKeyValueStore) => ({
  store,
  now: () => 1_000,
  isJiraAdmin: async () => ({ kind: 'admin' as const }),
});

test('A Cyrillic catalog of 151 000 characters (over 300 KB) is refused before anything is saved', async () => {
  const store = new MemoryKeyValueStore(() => 0);
  const catalogText = `${STARTER_CATALOG_TEXT}\n# ${'Ж'.repeat(151_000)}\n`;
  expect(catalogText.length).toBeLessThan(200_000);
  const answer = await saveAdminSettings(adminDeps(store), { catalogText, mappingText: STARTER_MAPPING_TEXT }, 'admin');
  if (!answer.ok) throw new Error(answer.error.message);
  expect(answer.value.savedAtMs).toBeNull();
  expect(answer.value.problems.catalog[0].message).toMatch(/larger than 200 KiB \(UTF-8\)/);
  expect(await store.get(SETTINGS_KEYS.catalog)).toBeUndefined();
});

test('Values over the store limit in bytes are refused whole: nothing is written', async () => {
  const store = new MemoryKeyValueStore(() => 0);
  await store.set('a', 'old');
  const tooBig = await saveSettingsValues(store, [
    { key: 'a', value: 'new' },
    { key: 'b', value: 'Ж'.repeat(MAX_STORED_VALUE_BYTES / 2) },
  ]);
  expect(tooBig).toEqual(['b']);
  expect(await store.get('a')).toBe('old');
});

test('When a later write fails, the values written before it are put back', async () => {
  const store = new FailingStore(SETTINGS_KEYS.catalog);
  await store.set(SETTINGS_KEYS.holidayFiles, { files: { 'old.ics': 'BEGIN:VCALENDAR' }, savedAtMs: 1 });
  await expect(
    saveSettingsValues(store, [
      { key: SETTINGS_KEYS.holidayFiles, value: { files: {}, savedAtMs: 2 } },
      { key: SETTINGS_KEYS.catalog, value: { text: 'x', savedAtMs: 2 } },
      { key: SETTINGS_KEYS.mapping, value: { text: 'y', savedAtMs: 2 } },
    ]),
  ).rejects.toThrow('value too large');
  expect(await store.get(SETTINGS_KEYS.holidayFiles)).toEqual({
    files: { 'old.ics': 'BEGIN:VCALENDAR' },
    savedAtMs: 1,
  });
  expect(await store.get(SETTINGS_KEYS.mapping)).toBeUndefined();
});
