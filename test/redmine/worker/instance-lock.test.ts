import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireInstanceLock, type InstanceLockOptions } from '../../../src/redmine/worker/instance-lock';

const URL = 'https://redmine.example.com';
const NOW = Date.parse('2026-11-20T10:00:00Z');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsla-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function options(overrides: Partial<InstanceLockOptions> = {}): InstanceLockOptions {
  return {
    dir,
    redmineUrl: URL,
    projects: ['alpha', 'beta'],
    staleMs: 600_000,
    clock: () => NOW,
    host: 'worker-a',
    pid: 100,
    isAlive: () => true,
    ...overrides,
  };
}

describe('acquireInstanceLock', () => {
  it('keeps a second worker off any project the first one syncs, and says who holds it', () => {
    const first = acquireInstanceLock(options());
    expect(first.ok).toBe(true);

    const second = acquireInstanceLock(options({ projects: ['beta', 'gamma'], host: 'worker-b', pid: 1 }));

    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.holder).toMatchObject({ pid: 100, host: 'worker-a' });
    expect(second.message).toContain('pid 100 on worker-a');
    // Nothing of the failed attempt is left behind (its lock on "gamma" was given back).
    expect(acquireInstanceLock(options({ projects: ['gamma'], host: 'worker-b', pid: 1 })).ok).toBe(true);
  });

  it('lets workers of other projects or another Redmine run side by side', () => {
    expect(acquireInstanceLock(options()).ok).toBe(true);
    expect(acquireInstanceLock(options({ projects: ['delta'], pid: 101 })).ok).toBe(true);
    expect(acquireInstanceLock(options({ redmineUrl: 'https://other.example.com', pid: 102 })).ok).toBe(true);
  });

  it('takes over the lock of a dead process on the same host at once', () => {
    expect(acquireInstanceLock(options()).ok).toBe(true);
    const next = acquireInstanceLock(options({ pid: 200, isAlive: (pid) => pid !== 100 }));
    expect(next.ok).toBe(true);
  });

  it('takes over a lock not refreshed for the stale time, and not a fresh one of another host', () => {
    const first = acquireInstanceLock(options());
    if (!first.ok) throw new Error('not taken');
    const other = options({ host: 'worker-b', pid: 1 });
    expect(acquireInstanceLock({ ...other, clock: () => NOW + 599_000 }).ok).toBe(false);

    first.lock.refresh();
    expect(acquireInstanceLock({ ...other, clock: () => NOW + 599_000 }).ok).toBe(false);
    expect(acquireInstanceLock({ ...other, clock: () => NOW + 601_000 }).ok).toBe(true);
  });

  it('removes its own files on release, and not a lock another worker took over meanwhile', () => {
    const first = acquireInstanceLock(options());
    if (!first.ok) throw new Error('not taken');
    first.lock.release();
    expect(readdirSync(dir)).toEqual([]);

    const again = acquireInstanceLock(options());
    if (!again.ok) throw new Error('not taken');
    for (const path of again.lock.paths) utimesSync(path, (NOW - 700_000) / 1000, (NOW - 700_000) / 1000);
    const takeover = acquireInstanceLock(options({ host: 'worker-b', pid: 1 }));
    expect(takeover.ok).toBe(true);
    again.lock.release();
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
