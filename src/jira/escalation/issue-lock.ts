import type { KeyValueStore } from '../store/key-value-store';

/** Length of one lock period. A holder that dies blocks the issue for at most two periods. */
export const LOCK_PERIOD_MS = 120_000;

const lockKey = (name: string, period: number) => `lock:${name}:${period}`;

/**
 * Takes an exclusive lock named `name` (e.g. `esc:10001`) without relying on storage expiry:
 * the lock is a key per two-minute period, written only if absent; a holder in the neighbouring
 * period makes the newcomer back off. Since each side writes its own key before looking at the
 * other's, two runs can never both proceed; at worst both back off and the next run retries.
 * Returns the release function, or null when someone else holds the lock.
 *
 * @example
 * const release = await acquireLock(store, `esc:${issueId}`, runId, now());
 * if (!release) return 'locked';
 * try { … } finally { await release(); }
 */
export async function acquireLock(
  store: KeyValueStore,
  name: string,
  owner: string,
  nowMs: number,
): Promise<(() => Promise<void>) | null> {
  const period = Math.floor(nowMs / LOCK_PERIOD_MS);
  const mine = lockKey(name, period);
  const ttlSeconds = (3 * LOCK_PERIOD_MS) / 1000;
  if (!(await store.set(mine, { owner, atMs: nowMs }, { ifAbsent: true, ttlSeconds }))) return null;
  for (const neighbour of [period - 1, period + 1]) {
    if ((await store.get(lockKey(name, neighbour))) !== undefined) {
      await store.delete(mine);
      return null;
    }
  }
  return async () => {
    await store.delete(mine);
  };
}
