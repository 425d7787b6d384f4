import type { RedmineClient } from '../../src/redmine/client';
import type { RedmineIssue } from '../../src/redmine/schemas';
import {
  clientAs,
  lockRedmineForWorkerTests,
  removeWorkerFiles,
  requireRedmine,
  type RedmineWorld,
} from './worker/redmine-world';

/** What a describe block that works on the local Redmine holds once its `beforeAll` has run. */
export interface RedmineSuite {
  readonly world: RedmineWorld;
  /** The admin's client (the worker runs as admin). */
  readonly admin: RedmineClient;
  /** A client as one of the world's users, closed after the block like the admin's. */
  as(who: 'staff' | 'lead' | 'client' | 'admin'): RedmineClient;
  /** The block's project for a scenario name (`breach` → `breach-<uid>`). */
  project(name: string): string;
}

/**
 * Registers a describe block's hold on the shared local Redmine: `beforeAll` takes the worker-test
 * lock, builds the block's own world (users, projects, issues) with `createWorld` and opens an admin
 * client; `afterAll` closes every client, removes the worker's files and releases the lock.
 * `alongside` runs while waiting for the lock (a build that needs no Redmine) and is awaited before
 * the block starts.
 *
 * @example
 * const suite = useRedmineWorld(() => createRedmineWorld(['fresh', 'breach']));
 * it('…', async () => { await suite.admin.getIssue(suite.world.issues.fresh[0]); });
 */
export function useRedmineWorld(
  createWorld: () => Promise<RedmineWorld>,
  options: { readonly alongside?: () => Promise<unknown> } = {},
): RedmineSuite {
  let world: RedmineWorld | undefined;
  let releaseLock: (() => void) | undefined;
  const clients = new Map<string, RedmineClient>();
  const ready = (): RedmineWorld => {
    if (!world) throw new Error('the Redmine world is not set up: its beforeAll did not finish');
    return world;
  };
  const suite: RedmineSuite = {
    get world() {
      return ready();
    },
    get admin() {
      return suite.as('admin');
    },
    as(who) {
      const open = clients.get(who);
      if (open) return open;
      const client = clientAs(ready(), who);
      clients.set(who, client);
      return client;
    },
    project: (name) => `${name}-${ready().uid}`,
  };

  beforeAll(async () => {
    requireRedmine();
    const alongside = options.alongside?.();
    alongside?.catch(() => undefined);
    releaseLock = await lockRedmineForWorkerTests();
    world = await createWorld();
    await alongside;
  }, 1_800_000);

  afterAll(() => {
    releaseLock?.();
    removeWorkerFiles();
    for (const client of clients.values()) client.close();
  });

  return suite;
}

/** The escalation notes the worker wrote on an issue (journal notes carrying its `[esc:…]` marker). */
export function escalationNotes(issue: RedmineIssue): string[] {
  return (issue.journals ?? []).map((journal) => journal.notes ?? '').filter((notes) => notes.includes('[esc:'));
}

/** A custom field's value as text (a multi-value field joined by spaces; '' when absent). */
export function customFieldText(issue: RedmineIssue, name: string): string {
  const value = issue.custom_fields.find((candidate) => candidate.name === name)?.value;
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}
