import type { CycleReport } from '../../../src/redmine/worker/redmine-sync-worker';
import { runWatchLoop } from '../../../src/redmine/worker/watch-loop';

function report(outcome: CycleReport['outcome']): CycleReport {
  return {
    outcome,
    nowMs: 0,
    durationMs: 0,
    listed: 0,
    fetched: 0,
    evaluated: 0,
    writes: 0,
    escalations: 0,
    statements: 0,
    skipped: [],
  };
}

describe('runWatchLoop', () => {
  it('starts a cycle every interval, counting the time the last one took', async () => {
    let nowMs = 0;
    const sleeps: number[] = [];
    const outcomes: Array<CycleReport['outcome']> = ['ok', 'outage', 'ok'];
    const last = await runWatchLoop({
      runCycle: async () => {
        nowMs += 15_000;
        return report(outcomes.shift() ?? 'ok');
      },
      intervalMs: 60_000,
      sleep: async (ms) => {
        sleeps.push(ms);
        nowMs += ms;
      },
      signal: new AbortController().signal,
      maxCycles: 3,
      clock: () => nowMs,
    });
    // An outage does not stop the loop: the next cycle tries again.
    expect(last?.outcome).toBe('ok');
    expect(sleeps).toEqual([45_000, 45_000]);
  });

  it('stops after the cycle in hand once the signal aborts', async () => {
    const controller = new AbortController();
    let cycles = 0;
    const last = await runWatchLoop({
      runCycle: async () => {
        cycles += 1;
        controller.abort();
        return report('aborted');
      },
      intervalMs: 60_000,
      sleep: async () => {
        throw new Error('must not wait after a stop');
      },
      signal: controller.signal,
      clock: () => 0,
    });
    expect(cycles).toBe(1);
    expect(last?.outcome).toBe('aborted');
  });

  it('stops at a rejected key or a config that does not match Redmine: no retry can fix them', async () => {
    for (const outcome of ['auth', 'config'] as const) {
      let cycles = 0;
      const last = await runWatchLoop({
        runCycle: async () => {
          cycles += 1;
          return report(outcome);
        },
        intervalMs: 60_000,
        sleep: async () => undefined,
        signal: new AbortController().signal,
        maxCycles: 5,
        clock: () => 0,
      });
      expect({ outcome: last?.outcome, cycles }).toEqual({ outcome, cycles: 1 });
    }
  });
});
