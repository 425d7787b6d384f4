/**
 * The app's storage as the handlers see it: Forge's key-value store in production, a map in
 * tests and in the preview. Kept this small so every handler can be exercised without Forge.
 */

/** How a value is written. */
export interface SetOptions {
  /** Write only when the key is absent; the answer says whether this call wrote it. */
  readonly ifAbsent?: boolean;
  /** Forget the value after this many seconds (a safety net for locks and caches). */
  readonly ttlSeconds?: number;
}

/** One stored entry. */
export interface StoredEntry {
  readonly key: string;
  readonly value: unknown;
}

/** A page of entries whose keys start with a prefix. */
export interface StoredPage {
  readonly entries: readonly StoredEntry[];
  /** Pass back to get the next page; absent on the last page. */
  readonly cursor?: string;
}

/**
 * Key-value storage with one conditional write, enough for claims and locks.
 *
 * @example
 * const won = await store.set('lock:issue:10001', { by: runId }, { ifAbsent: true, ttlSeconds: 120 });
 * if (!won) return; // someone else holds it
 */
export interface KeyValueStore {
  /** The value, or undefined when the key is missing (or expired). Values come back as stored JSON. */
  get(key: string): Promise<unknown>;
  /** Writes the value; false only when `ifAbsent` was asked and the key already existed. */
  set(key: string, value: unknown, options?: SetOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Entries whose keys begin with `prefix`, in key order, `limit` (default 100) per page. */
  list(prefix: string, options?: { readonly cursor?: string; readonly limit?: number }): Promise<StoredPage>;
}
