import type { ChildProcess } from 'node:child_process';
import { createRedmineWorld, skipRedmine, writeWorkerFiles } from '../worker/redmine-world';
import { customFieldText, escalationNotes, useRedmineWorld } from '../redmine-suite';
import { SwitchableProxy, type ProxiedRequest } from './switchable-proxy';
import { ensureBuilt, startWorker, type WorkerExit } from './worker-cli-process';

/*
 * A cycle cut off at every phase boundary — before the directory, the listing, the journal reads,
 * the first write; after some writes, after the last one; by SIGKILL, SIGTERM, an outage or a 500 —
 * is completed by the next cycle with nothing lost (every issue, open or closed, has its SLA fields)
 * and nothing duplicated (each escalation note once; the cycle after writes nothing). The built CLI
 * runs as a real process against the local Redmine through a proxy that decides when to interrupt.
 */
const describeRedmine = skipRedmine ? describe.skip : describe;
const MINUTE = 60_000;
const OPEN = 3;
const CLOSED = 3;
/** Three escalations (the open issues, breached) and three field writes (the closed ones). */
const WRITES = OPEN + CLOSED;

const isWrite = (request: { method: string }): boolean => request.method === 'PUT';
const isIssueRead = (request: { method: string; path: string }): boolean =>
  request.method === 'GET' && /^\/issues\/\d+\.json$/.test(request.path);
const writesSoFar = (proxy: SwitchableProxy): number =>
  proxy.requests.filter((request) => isWrite(request) && request.outcome !== 'failed').length;

/** How a scenario cuts the first run off; it arms the proxy for the running child. */
interface Interruption {
  name: string;
  arm: (proxy: SwitchableProxy, child: ChildProcess) => void;
}

/** SIGKILL as the first request matching `when` arrives, before Redmine sees it. */
function killBefore(
  name: string,
  when: (request: { method: string; path: string }, proxy: SwitchableProxy) => boolean,
): Interruption {
  return {
    name,
    arm: (proxy, child) => {
      let fired = false;
      proxy.inject = (request) => {
        if (fired || !when(request, proxy)) return undefined;
        fired = true;
        child.kill('SIGKILL');
        return { hang: true, status: 0 };
      };
    },
  };
}

/** SIGKILL right after Redmine answered the first request matching `when`. */
function killAfter(name: string, when: (request: ProxiedRequest, proxy: SwitchableProxy) => boolean): Interruption {
  return {
    name,
    arm: (proxy, child) => {
      proxy.onForwarded = (request) => {
        if (when(request, proxy)) child.kill('SIGKILL');
      };
    },
  };
}

const INTERRUPTIONS: Interruption[] = [
  killBefore('SIGKILL before the directory look-up', () => true),
  killBefore('SIGKILL before the listing', (request) => request.method === 'GET' && request.path === '/issues.json'),
  killBefore('SIGKILL before the journal reads', isIssueRead),
  killBefore('SIGKILL before the first write', isWrite),
  killAfter('SIGKILL after three of six writes', (request, proxy) => isWrite(request) && writesSoFar(proxy) === 3),
  killAfter('SIGKILL after the last write', (request, proxy) => isWrite(request) && writesSoFar(proxy) === WRITES),
  // After the last write comes its confirmation: the read-back of an open issue, or the listing
  // of the worker's own changes that confirms the closed ones.
  killBefore(
    'SIGKILL before the confirmation of the last write',
    (request, proxy) =>
      (isIssueRead(request) || (request.method === 'GET' && request.path === '/issues.json')) &&
      writesSoFar(proxy) === WRITES,
  ),
  {
    name: 'SIGTERM after three writes',
    arm: (proxy, child) => {
      proxy.onForwarded = (request) => {
        if (isWrite(request) && writesSoFar(proxy) === 3) child.kill('SIGTERM');
      };
    },
  },
  {
    name: 'a 500 on the third write',
    arm: (proxy) => {
      proxy.inject = (request) =>
        isWrite(request) && writesSoFar(proxy) === 2
          ? { status: 500, body: '{"errors":["database is locked"]}' }
          : undefined;
    },
  },
  {
    name: 'Redmine gone at the third write',
    arm: (proxy) => {
      proxy.inject = (request) => {
        if (!isWrite(request) || writesSoFar(proxy) !== 2 || !proxy.isOn) return undefined;
        void proxy.switchOff();
        return { hang: true, status: 0 };
      };
    },
  },
];

const scenarioKey = (index: number): string => `cut${index}`;

describeRedmine('a cycle interrupted at every phase boundary is completed by the next one', () => {
  jest.setTimeout(240_000);
  const names = [...INTERRUPTIONS.map((_, index) => scenarioKey(index)), 'repro'];
  const suite = useRedmineWorld(
    () =>
      createRedmineWorld(
        names,
        Object.fromEntries(names.map((name) => [name, name === 'repro' ? 20 : OPEN])),
        Object.fromEntries(names.map((name) => [name, name === 'repro' ? 20 : CLOSED])),
      ),
    { alongside: ensureBuilt },
  );
  let atIso: string;
  let reproAtIso: string;

  beforeAll(async () => {
    // Issues are created one after the other (a minute or more on a loaded machine): the instants
    // are taken from the last one created, so every open issue is breached (or still early) by then.
    const lastOpen = suite.world.issues[scenarioKey(INTERRUPTIONS.length - 1)];
    const lastCutMs = Date.parse((await suite.admin.getIssue(lastOpen[lastOpen.length - 1])).created_on);
    atIso = new Date(lastCutMs + 31 * MINUTE).toISOString();
    const lastRepro = suite.world.issues['repro-closed'];
    reproAtIso = new Date(
      Date.parse((await suite.admin.getIssue(lastRepro[lastRepro.length - 1])).created_on) + 5 * MINUTE,
    ).toISOString();
  });

  async function run(configPath: string, at: string, extra: string[] = []): Promise<WorkerExit> {
    return startWorker(['--config', configPath, '--once', '--at', at, ...extra], suite.world.adminKey).exited;
  }

  function writesOf(exit: WorkerExit): number {
    const line = exit.stderr.split('\n').find((text) => text.includes('"event":"requests"'));
    return line === undefined ? -1 : (JSON.parse(line) as { writes: number }).writes;
  }

  it.each(INTERRUPTIONS.map((interruption, index) => [interruption.name, index] as const))(
    '%s',
    async (_name, index) => {
      const key = scenarioKey(index);
      const proxy = await SwitchableProxy.start(suite.world.url);
      try {
        const files = writeWorkerFiles(suite.world, {
          contracts: { [key]: `${key}-${suite.world.uid}` },
          url: proxy.url,
          config: { sync: { concurrency: 1 }, redmine: { retries: 0 } },
        });
        const first = startWorker(['--config', files.configPath, '--once', '--at', atIso], suite.world.adminKey);
        INTERRUPTIONS[index].arm(proxy, first.child);
        const cut = await first.exited;
        expect(cut.code === 0 && cut.stderr.includes('"outcome":"ok"')).toBe(false);

        proxy.inject = undefined;
        proxy.onForwarded = undefined;
        await proxy.switchOn();
        const next = await run(files.configPath, atIso);
        expect({ code: next.code, ok: next.stderr.includes('"event":"cycle_end","outcome":"ok"') }).toEqual({
          code: 0,
          ok: true,
        });
        const idle = await run(files.configPath, atIso);
        expect(writesOf(idle)).toBe(0);
      } finally {
        await proxy.close();
      }

      for (const id of suite.world.issues[key]) {
        const issue = await suite.admin.getIssue(id, { include: ['journals'] });
        expect({ id, state: customFieldText(issue, 'SLA state'), escalations: escalationNotes(issue).length }).toEqual({
          id,
          state: 'breached',
          escalations: 1,
        });
      }
      for (const id of suite.world.issues[`${key}-closed`]) {
        const issue = await suite.admin.getIssue(id, { include: ['journals'] });
        expect({
          id,
          written: customFieldText(issue, 'SLA state') !== '' && customFieldText(issue, 'SLA tariff') !== '',
          escalations: escalationNotes(issue).length,
        }).toEqual({ id, written: true, escalations: 0 });
      }
    },
  );

  it('leaves no issue without its fields after SIGTERM at the tenth field write of a first sync of 20 open and 20 closed issues', async () => {
    const files = writeWorkerFiles(suite.world, { contracts: { repro: `repro-${suite.world.uid}` } });
    const first = startWorker(
      ['--config', files.configPath, '--once', '--verbose', '--at', reproAtIso],
      suite.world.adminKey,
    );
    let fieldLines = 0;
    first.child.stderr?.on('data', (chunk: Buffer) => {
      fieldLines += (chunk.toString('utf8').match(/"event":"issue_fields"/g) ?? []).length;
      if (fieldLines >= 10 && !first.child.killed) first.child.kill('SIGTERM');
    });
    const stopped = await first.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('"outcome":"aborted"');

    const next = await run(files.configPath, reproAtIso);
    expect(next.code).toBe(0);

    const ids = [...suite.world.issues.repro, ...suite.world.issues['repro-closed']];
    const empty: number[] = [];
    for (const id of ids) if (customFieldText(await suite.admin.getIssue(id), 'SLA state') === '') empty.push(id);
    expect(empty).toEqual([]);
    expect(writesOf(await run(files.configPath, reproAtIso))).toBe(0);
  });
});
