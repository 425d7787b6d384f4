import { acquireLock, LOCK_PERIOD_MS } from '../../../../src/jira/escalation/issue-lock';
import { MemoryKeyValueStore } from '../../../../src/jira/store/memory-key-value-store';

describe('acquireLock', () => {
  const start = 100 * LOCK_PERIOD_MS + 1_000;

  it('lets one holder in at a time and the next one after release', async () => {
    const store = new MemoryKeyValueStore(() => start);
    const release = await acquireLock(store, 'esc:1', 'run-a', start);
    expect(release).not.toBeNull();
    expect(await acquireLock(store, 'esc:1', 'run-b', start)).toBeNull();
    await release?.();
    expect(await acquireLock(store, 'esc:1', 'run-b', start)).not.toBeNull();
  });

  it('keeps a newcomer out when the holder took the lock in the previous period', async () => {
    const store = new MemoryKeyValueStore(() => start);
    await acquireLock(store, 'esc:1', 'run-a', start + LOCK_PERIOD_MS - 1_001);
    expect(await acquireLock(store, 'esc:1', 'run-b', start + LOCK_PERIOD_MS)).toBeNull();
  });

  it('does not let both in when their clocks straddle a period boundary', async () => {
    const store = new MemoryKeyValueStore(() => start);
    const late = await acquireLock(store, 'esc:1', 'run-b', start + LOCK_PERIOD_MS);
    const early = await acquireLock(store, 'esc:1', 'run-a', start);
    expect([late, early].filter((release) => release !== null)).toHaveLength(1);
  });

  it('frees an issue whose holder died after two periods, without relying on storage expiry', async () => {
    const store = new MemoryKeyValueStore(() => start);
    await acquireLock(store, 'esc:1', 'crashed', start);
    expect(await acquireLock(store, 'esc:1', 'run-b', start + LOCK_PERIOD_MS)).toBeNull();
    expect(await acquireLock(store, 'esc:1', 'run-b', start + 2 * LOCK_PERIOD_MS)).not.toBeNull();
  });

  it('locks issues independently', async () => {
    const store = new MemoryKeyValueStore(() => start);
    await acquireLock(store, 'esc:1', 'run-a', start);
    expect(await acquireLock(store, 'esc:2', 'run-a', start)).not.toBeNull();
  });
});
