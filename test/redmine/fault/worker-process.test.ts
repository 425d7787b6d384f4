import { readFileSync } from 'node:fs';
import { workerStateSchema } from '../../../src/redmine/worker/worker-state-schema';
import { createRedmineWorld, skipRedmine, writeWorkerFiles } from '../worker/redmine-world';
import { escalationNotes, useRedmineWorld } from '../redmine-suite';
import { useProxyPerTest } from './switchable-proxy';
import { ensureBuilt, startWorker } from './worker-cli-process';

/*
 * The built CLI (`node bin/tariff-sla.js redmine sync`) as a real process in front of the local
 * Redmine, through a counting proxy: killed with SIGKILL in the middle of its writes and started
 * again, it must not escalate any issue twice; stopped with SIGTERM it finishes the issue in hand,
 * saves its state and exits 0.
 */
const describeRedmine = skipRedmine ? describe.skip : describe;
const MINUTE = 60_000;

describeRedmine('the worker process killed and stopped mid-cycle', () => {
  jest.setTimeout(240_000);
  // The build needs no Redmine: it runs while other test files hold the lock.
  const suite = useRedmineWorld(() => createRedmineWorld(['killed', 'stopped'], { killed: 10, stopped: 4 }), {
    alongside: ensureBuilt,
  });
  const proxy = useProxyPerTest(() => suite.world.url);
  let atIso: string;

  beforeAll(async () => {
    const createdMs = Date.parse((await suite.admin.getIssue(suite.world.issues.killed[0])).created_on);
    atIso = new Date(createdMs + 31 * MINUTE).toISOString();
  });

  it('escalates nothing twice after a SIGKILL in the middle of its writes and a restart', async () => {
    const files = writeWorkerFiles(suite.world, {
      contracts: { killed: suite.project('killed') },
      url: proxy().url,
      config: { sync: { concurrency: 1 } },
    });
    const args = ['--config', files.configPath, '--once', '--at', atIso];
    const first = startWorker(args, suite.world.adminKey);
    proxy().onForwarded = (request) => {
      if (request.method === 'PUT' && proxy().forwardedWrites >= 3) first.child.kill('SIGKILL');
    };

    const killed = await first.exited;

    expect(killed.signal).toBe('SIGKILL');
    const writesBeforeKill = proxy().forwardedWrites;
    expect(writesBeforeKill).toBeGreaterThanOrEqual(3);
    expect(writesBeforeKill).toBeLessThan(suite.world.issues.killed.length);

    proxy().onForwarded = undefined;
    const restarted = await startWorker(args, suite.world.adminKey).exited;

    expect(restarted.code).toBe(0);
    expect(restarted.stderr).toContain('"event":"cycle_end","outcome":"ok"');
    for (const output of [killed.stderr, restarted.stderr, killed.stdout, restarted.stdout])
      expect(output).not.toContain(suite.world.adminKey);
    for (const id of suite.world.issues.killed) {
      const issue = await suite.admin.getIssue(id, { include: ['journals'] });
      expect({ id, notes: escalationNotes(issue).length }).toEqual({ id, notes: 1 });
    }
    // One escalation update per issue in all: none was repeated after the kill.
    const escalationPuts = proxy().requests.filter(
      (request) => request.method === 'PUT' && request.outcome === 'forwarded',
    ).length;
    expect(escalationPuts).toBe(suite.world.issues.killed.length);
  });

  it('finishes the issue in hand on SIGTERM, saves its state and exits 0', async () => {
    const files = writeWorkerFiles(suite.world, {
      contracts: { stopped: suite.project('stopped') },
      url: proxy().url,
      config: { sync: { concurrency: 1 } },
    });
    const run = startWorker(
      ['--config', files.configPath, '--watch', '--interval', '3600', '--at', atIso],
      suite.world.adminKey,
    );
    proxy().onForwarded = (request) => {
      if (request.method === 'PUT' && proxy().forwardedWrites === 1) run.child.kill('SIGTERM');
    };

    const stopped = await run.exited;

    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('"event":"stopped"');
    expect(stopped.stderr).toContain('"outcome":"aborted"');
    // The issue in hand was finished: its update was followed by the re-read, and nothing after.
    const afterPut = proxy().requests.slice(proxy().requests.findIndex((request) => request.method === 'PUT') + 1);
    expect(afterPut.filter((request) => request.method === 'PUT')).toHaveLength(0);
    expect(workerStateSchema.safeParse(JSON.parse(readFileSync(files.statePath, 'utf8'))).success).toBe(true);

    proxy().onForwarded = undefined;
    const rest = await startWorker(['--config', files.configPath, '--once', '--at', atIso], suite.world.adminKey)
      .exited;
    expect(rest.code).toBe(0);
    for (const id of suite.world.issues.stopped) {
      expect(escalationNotes(await suite.admin.getIssue(id, { include: ['journals'] }))).toHaveLength(1);
    }
  });
});
