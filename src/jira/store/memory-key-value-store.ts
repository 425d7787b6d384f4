import type { KeyValueStore, SetOptions, StoredEntry, StoredPage } from './key-value-store';

interface Slot {
  json: string;
  expiresAtMs: number | null;
}

/**
 * A {@link KeyValueStore} in memory, for tests and the preview server. Values are kept as JSON
 * text, so callers get copies (as from Forge storage) and never share mutable objects.
 * Time comes from the injected clock so TTLs can be tested without waiting.
 *
 * @example
 * const store = new MemoryKeyValueStore(() => Date.parse('2026-11-20T12:00:00Z'));
 * await store.set('a', 1, { ifAbsent: true }); // true
 * await store.set('a', 2, { ifAbsent: true }); // false
 */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly slots = new Map<string, Slot>();
  /** Every write, in order, so tests can count them. */
  readonly writes: string[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): Slot | undefined {
    const slot = this.slots.get(key);
    if (slot && slot.expiresAtMs !== null && slot.expiresAtMs <= this.now()) {
      this.slots.delete(key);
      return undefined;
    }
    return slot;
  }

  async get(key: string): Promise<unknown> {
    const slot = this.live(key);
    return slot === undefined ? undefined : JSON.parse(slot.json);
  }

  async set(key: string, value: unknown, options: SetOptions = {}): Promise<boolean> {
    if (options.ifAbsent && this.live(key) !== undefined) return false;
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`value for ${key} is not JSON`);
    this.slots.set(key, {
      json,
      expiresAtMs: options.ttlSeconds === undefined ? null : this.now() + options.ttlSeconds * 1000,
    });
    this.writes.push(key);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.slots.delete(key);
  }

  async list(prefix: string, options: { readonly cursor?: string; readonly limit?: number } = {}): Promise<StoredPage> {
    const limit = Math.max(1, options.limit ?? 100);
    const keys = [...this.slots.keys()]
      .filter((key) => key.startsWith(prefix) && (options.cursor === undefined || key > options.cursor))
      .sort();
    const entries: StoredEntry[] = [];
    for (const key of keys) {
      if (entries.length >= limit) break;
      const slot = this.live(key);
      if (slot) entries.push({ key, value: JSON.parse(slot.json) });
    }
    const more =
      keys.length > 0 && entries.length === limit && keys[keys.length - 1] !== entries[entries.length - 1].key;
    return more ? { entries, cursor: entries[entries.length - 1].key } : { entries };
  }
}
