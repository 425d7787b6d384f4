import { readFileSync } from 'node:fs';
import { createRedmineWorld, skipRedmine, writeWorkerFiles } from '../worker/redmine-world';
import { customFieldText, escalationNotes, useRedmineWorld } from '../redmine-suite';
import { WORKER_STATE_VERSION } from '../../../src/redmine/worker/worker-state-schema';
import { runWorkerCycle } from '../worker/run-worker-cycle';
import { useProxyPerTest } from './switchable-proxy';

/*
 * Faults between the worker and the real local Redmine, made by a proxy on 127.0.0.1 that can
 * refuse connections, answer 429/503 itself or send garbage. Every scenario has its own project
 * with issues created at the start (one Rails runner call for all), evaluated 31 minutes later:
 * each issue's reaction clock is breached and it must be escalated exactly once.
 */
const describeRedmine = skipRedmine ? describe.skip : describe;
const MINUTE = 60_000;

describeRedmine('Redmine sync worker under faults', () => {
  jest.setTimeout(120_000);
  const suite = useRedmineWorld(() =>
    createRedmineWorld(['blip', 'down', 'busy', 'garbage'], { blip: 8, down: 3, busy: 4, garbage: 3 }),
  );
  const proxy = useProxyPerTest(() => suite.world.url);
  let createdMs: number;

  beforeAll(async () => {
    createdMs = Date.parse((await suite.admin.getIssue(suite.world.issues.blip[0])).created_on);
  });

  /** Every issue of the project escalated exactly once and carrying its SLA fields. */
  async function expectEscalatedOnce(ids: readonly number[]): Promise<void> {
    for (const id of ids) {
      const issue = await suite.admin.getIssue(id, { include: ['journals'] });
      expect({ id, notes: escalationNotes(issue).length }).toEqual({ id, notes: 1 });
      expect(customFieldText(issue, 'SLA state')).toBe('breached');
      expect(customFieldText(issue, 'SLA flags')).toContain('esc:reaction:L1:c0');
      expect(issue.assigned_to?.id).toBe(suite.world.groups.l2.id);
    }
  }

  it('rides out Redmine going away mid-cycle: retries, catches up, loses and duplicates nothing', async () => {
    const files = writeWorkerFiles(suite.world, {
      contracts: { blip: suite.project('blip') },
      url: proxy().url,
      config: { redmine: { retries: 4 }, sync: { concurrency: 1 } },
    });
    proxy().onForwarded = (request) => {
      if (request.method !== 'PUT' || proxy().forwardedWrites !== 3) return;
      void proxy()
        .switchOff()
        .then(() => setTimeout(() => void proxy().switchOn(), 1_500));
    };

    const during = await runWorkerCycle(files.configPath, createdMs + 31 * MINUTE);

    expect(['ok', 'outage']).toContain(during.report.outcome);
    expect(during.events.filter((event) => event.event === 'cycle_interrupted').length).toBeLessThanOrEqual(1);
    expect(during.stats.retries).toBeGreaterThan(0);
    expect(
      proxy().requests.some((request) => request.outcome === 'failed') ||
        during.events.some((event) => event.event === 'redmine_retry'),
    ).toBe(true);

    proxy().onForwarded = undefined;
    await proxy().switchOn();
    const after = await runWorkerCycle(files.configPath, createdMs + 32 * MINUTE);
    expect(after.report.outcome).toBe('ok');
    const idle = await runWorkerCycle(files.configPath, createdMs + 33 * MINUTE);
    expect(idle.report).toMatchObject({ outcome: 'ok', escalations: 0 });
    expect(idle.stats.writes).toBe(0);

    await expectEscalatedOnce(suite.world.issues.blip);
  });

  it('reports a persistent outage once per cycle, keeps its place, and catches up when Redmine is back', async () => {
    const files = writeWorkerFiles(suite.world, {
      contracts: { down: suite.project('down') },
      url: proxy().url,
      config: { redmine: { retries: 1 } },
    });
    await proxy().switchOff();

    const down = await runWorkerCycle(files.configPath, createdMs + 31 * MINUTE);

    expect(down.report.outcome).toBe('outage');
    expect(down.report.outage).toMatchObject({ code: 'redmine_unreachable', networkCode: 'ECONNREFUSED' });
    expect(down.events.filter((event) => event.event === 'cycle_interrupted')).toHaveLength(1);
    expect(down.events.filter((event) => event.level === 'error')).toHaveLength(1);
    expect(down.stats.writes).toBe(0);

    await proxy().switchOn();
    const back = await runWorkerCycle(files.configPath, createdMs + 31 * MINUTE);

    expect(back.report).toMatchObject({ outcome: 'ok', escalations: 3 });
    expect(JSON.parse(readFileSync(files.statePath, 'utf8'))).toMatchObject({
      version: WORKER_STATE_VERSION,
      projects: { [suite.project('down')]: { cursor: expect.any(String) } },
    });
    await expectEscalatedOnce(suite.world.issues.down);
  });

  it('waits out 429 with Retry-After and 503, and repeats only writes Redmine never received', async () => {
    const files = writeWorkerFiles(suite.world, {
      contracts: { busy: suite.project('busy') },
      url: proxy().url,
      config: { redmine: { retries: 3 } },
    });
    let throttled = false;
    let unavailable = false;
    proxy().inject = ({ method, path }) => {
      if (!throttled && method === 'GET' && path === '/issues.json') {
        throttled = true;
        return { status: 429, headers: { 'Retry-After': '1' }, body: '' };
      }
      if (!unavailable && method === 'PUT' && path.startsWith('/issues/')) {
        unavailable = true;
        return { status: 503, body: 'Service Unavailable' };
      }
      return undefined;
    };

    const run = await runWorkerCycle(files.configPath, createdMs + 31 * MINUTE);

    expect(run.report).toMatchObject({ outcome: 'ok', escalations: 4 });
    expect(run.stats.retries).toBeGreaterThanOrEqual(2);
    expect(
      proxy()
        .requests.filter((request) => request.outcome === 'injected')
        .map((request) => request.status),
    ).toEqual([429, 503]);
    await expectEscalatedOnce(suite.world.issues.busy);
  });

  it('ends the cycle with a clear error on garbage JSON, without crashing or writing, and syncs once answers are sane', async () => {
    const files = writeWorkerFiles(suite.world, { contracts: { garbage: suite.project('garbage') }, url: proxy().url });
    proxy().inject = ({ method, path }) =>
      method === 'GET' && path === '/issues.json'
        ? { status: 200, body: '<html><body>Internal gateway page</body>' }
        : undefined;

    const garbled = await runWorkerCycle(files.configPath, createdMs + 31 * MINUTE);

    expect(garbled.report.outcome).toBe('outage');
    expect(garbled.report.outage?.code).toBe('redmine_bad_response');
    expect(garbled.report.outage?.message).toContain('not JSON');
    expect(garbled.events.filter((event) => event.event === 'cycle_interrupted')).toHaveLength(1);
    expect(proxy().requests.filter((request) => request.method !== 'GET')).toHaveLength(0);

    proxy().inject = undefined;
    const sane = await runWorkerCycle(files.configPath, createdMs + 31 * MINUTE);
    expect(sane.report).toMatchObject({ outcome: 'ok', escalations: 3 });
    await expectEscalatedOnce(suite.world.issues.garbage);
  });
});
