import { runSweep, type SweepContinuation } from '../../../src/jira/app/sweep';
import { SLA_PROPERTY_KEY } from '../../../src/jira/sla/sla-property';
import { msk, startAppHarness, type AppHarness } from './jira-app-harness';

describe('a sweep that cannot cover every open issue in one invocation', () => {
  let app: AppHarness;

  beforeEach(async () => {
    app = await startAppHarness('2026-11-09T12:00');
    for (let index = 0; index < 250; index++)
      app.standIn.seedIssue({ project: 'SUP', created: msk('2026-11-09T10:00'), status: 'Open' });
    for (let index = 0; index < 150; index++)
      app.standIn.seedIssue({ project: 'PKG', created: msk('2026-11-09T10:00'), status: 'Open' });
  });

  afterEach(async () => {
    expect(app.standIn.violations()).toEqual([]);
    await app.close();
  });

  it('hands the rest to the queue and the consumers finish it', async () => {
    const queue: SweepContinuation[] = [];
    const enqueue = async (events: readonly SweepContinuation[]) => {
      queue.push(...events);
    };

    // No time budget at all: every invocation evaluates one batch and hands off.
    const first = await runSweep(app.deps, { runId: 'run-1', budgetMs: 0, batchSize: 100, enqueue });
    // PKG stops after its first batch and continues from its page token; SUP fans out as its own event.
    expect(first.issues).toBe(100);
    expect(queue).toEqual([
      { runId: 'run-1', projectKey: 'PKG', nextPageToken: expect.any(String), hop: 1 },
      { runId: 'run-1', projectKey: 'SUP', hop: 0 },
    ]);

    let invocations = 1;
    let issues = first.issues;
    while (queue.length > 0 && invocations < 20) {
      const continuation = queue.shift();
      if (!continuation) break;
      const result = await runSweep(app.deps, {
        runId: continuation.runId,
        budgetMs: 0,
        batchSize: 100,
        enqueue,
        continuation,
      });
      issues += result.issues;
      invocations++;
    }

    expect(queue).toEqual([]);
    expect(issues).toBe(400);
    expect(invocations).toBe(5);
    const unswept = app.standIn.store.issues.filter((issue) => !issue.properties.has(SLA_PROPERTY_KEY));
    expect(unswept.map((issue) => issue.key)).toEqual([]);
  });

  it('starts a project over when its page token is no longer accepted', async () => {
    const result = await runSweep(app.deps, {
      runId: 'run-2',
      budgetMs: 60_000,
      enqueue: async () => undefined,
      continuation: { runId: 'run-2', projectKey: 'SUP', nextPageToken: 'expired-token', hop: 1 },
    });

    expect(result.issues).toBe(250);
    expect(result.searchPages).toBe(3);
    expect(app.logs.some((event) => event.event === 'sweep_token_expired')).toBe(true);
  });
});
