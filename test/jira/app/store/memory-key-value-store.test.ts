import { MemoryKeyValueStore } from '../../../../src/jira/store/memory-key-value-store';

describe('MemoryKeyValueStore', () => {
  it('writes a key only once when asked to write it if absent', async () => {
    const store = new MemoryKeyValueStore(() => 0);
    expect(await store.set('lock', { owner: 'a' }, { ifAbsent: true })).toBe(true);
    expect(await store.set('lock', { owner: 'b' }, { ifAbsent: true })).toBe(false);
    expect(await store.get('lock')).toEqual({ owner: 'a' });
  });

  it('forgets a value once its time to live has passed on the injected clock', async () => {
    let now = 1_000;
    const store = new MemoryKeyValueStore(() => now);
    await store.set('cache', 1, { ttlSeconds: 60 });
    now += 59_999;
    expect(await store.get('cache')).toBe(1);
    now += 1;
    expect(await store.get('cache')).toBeUndefined();
    expect(await store.set('cache', 2, { ifAbsent: true })).toBe(true);
  });

  it('hands out copies, so a caller changing a value does not change what is stored', async () => {
    const store = new MemoryKeyValueStore();
    const value = { done: ['a'] };
    await store.set('record', value);
    value.done.push('b');
    expect(await store.get('record')).toEqual({ done: ['a'] });
  });

  it('lists keys by prefix in pages', async () => {
    const store = new MemoryKeyValueStore();
    for (const key of ['esc:3', 'esc:1', 'other', 'esc:2']) await store.set(key, key);
    const first = await store.list('esc:', { limit: 2 });
    expect(first.entries.map((entry) => entry.key)).toEqual(['esc:1', 'esc:2']);
    const second = await store.list('esc:', { limit: 2, cursor: first.cursor });
    expect(second).toEqual({ entries: [{ key: 'esc:3', value: 'esc:3' }] });
  });
});
