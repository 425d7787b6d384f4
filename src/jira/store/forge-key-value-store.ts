import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import type { KeyValueStore, SetOptions, StoredPage } from './key-value-store';

/**
 * Forge storage refuses a `FAIL_IF_EXISTS` write with an API error; which status and code it
 * uses is not part of the package's types, so every refusal that says "exists/conflict" counts.
 */
function isAlreadyExists(error: unknown): boolean {
  if (!(error instanceof ForgeKvsAPIError)) return false;
  const status = error.responseDetails.status;
  return status === 409 || status === 412 || /exist|conflict|condition/i.test(error.code);
}

/**
 * {@link KeyValueStore} on Forge's key-value store (`@forge/kvs`).
 *
 * @example
 * const store = new ForgeKeyValueStore();
 * await store.set('settings:catalog', { text });
 */
export class ForgeKeyValueStore implements KeyValueStore {
  async get(key: string): Promise<unknown> {
    return kvs.get<unknown>(key);
  }

  async set(key: string, value: unknown, options: SetOptions = {}): Promise<boolean> {
    const ttl =
      options.ttlSeconds === undefined
        ? undefined
        : { value: Math.max(1, Math.ceil(options.ttlSeconds)), unit: 'SECONDS' as const };
    if (!options.ifAbsent) {
      await kvs.set(key, value, ttl ? { ttl } : undefined);
      return true;
    }
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...(ttl ? { ttl } : {}) });
      return true;
    } catch (error) {
      if (isAlreadyExists(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await kvs.delete(key);
  }

  async list(prefix: string, options: { readonly cursor?: string; readonly limit?: number } = {}): Promise<StoredPage> {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(prefix))
      .limit(Math.min(100, Math.max(1, options.limit ?? 100)));
    if (options.cursor !== undefined) query = query.cursor(options.cursor);
    const page = await query.getMany<unknown>();
    const entries = page.results.map((result) => ({ key: result.key, value: result.value }));
    return page.nextCursor === undefined ? { entries } : { entries, cursor: page.nextCursor };
  }
}
