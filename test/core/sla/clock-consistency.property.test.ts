import fc from 'fast-check';
import type { ClockName } from '../../../src/core/catalog/catalog-schema';
import type { HistoryEvent, IssueHistory } from '../../../src/core/history/issue-history';
import type { ClockEvaluation } from '../../../src/core/sla/clock-evaluation';
import { evaluateIssue, type IssueEvaluation } from '../../../src/core/sla/evaluate-issue';
import { buildCatalog } from '../../helpers/catalog-builder';
import { msk } from '../../helpers/instants';

/**
 * The engine's answers hold together over time, for any history: evaluated at successive instants a
 * breach instant never moves backwards, a clock whose status counts never reads paused, and the
 * answer one minute later is the same except across an event (or a threshold the clock crossed in
 * that minute). Calendar `office` (Mon–Fri 09:00–18:00 Moscow, holiday Wed 2026-11-04, short Tue
 * 2026-11-03); priorities and request types that move targets, an estimate-based type, a same-day bug.
 */
const catalog = buildCatalog({
  tariffs: {
    main: {
      targets: { reaction: 60, start: 120, resolution: 480 },
      priorities: { critical: { reaction: 30, resolution: 120 }, high: { resolution: 240 }, low: { resolution: 960 } },
      requestTypes: { enhancement: { resolution: 'estimate' }, bug: { resolution: 300, sameDayCutoff: '16:00' } },
    },
  },
});
const contract = catalog.contract('acme')!;
const FROM = msk('2026-11-02 08:00');
const MINUTE = 60_000;
const CLOCKS: readonly ClockName[] = ['reaction', 'start', 'resolution'];
const STATUSES = ['New', 'Triage', 'In Progress', 'Waiting for customer', 'Resolved', 'Closed'];
const PRIORITIES = ['low', 'normal', 'high', 'critical'];
const TYPES = ['incident', 'bug', 'enhancement', 'consultation'];

const eventArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), to: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('response' as const) }),
  fc.record({ kind: fc.constant('priority' as const), to: fc.constantFrom(...PRIORITIES) }),
  fc.record({ kind: fc.constant('type' as const), to: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('estimate' as const), minutes: fc.integer({ min: 30, max: 1_200 }) }),
);

/** An issue created at a random minute of the first days, with up to eight events at increasing minutes (several may share one). */
const historyArbitrary = fc
  .record({
    createdMinute: fc.integer({ min: 0, max: 3_000 }),
    type: fc.constantFrom(...TYPES),
    priority: fc.constantFrom(...PRIORITIES),
    status: fc.constantFrom('New', 'New', 'Triage', 'Waiting for customer'),
    events: fc.array(fc.tuple(fc.integer({ min: 0, max: 900 }), eventArbitrary), { maxLength: 8 }),
  })
  .map(({ createdMinute, type, priority, status, events }): IssueHistory => {
    let atMs = FROM + createdMinute * MINUTE;
    const createdAtMs = atMs;
    const mapped = events.map(([gap, event]): HistoryEvent => {
      atMs += gap * MINUTE;
      return { ...event, atMs };
    });
    return { key: 'P-1', contractId: 'acme', type, priority, status, createdAtMs, events: mapped, worklogs: [] };
  });

function evaluateAt(history: IssueHistory, nowMs: number): IssueEvaluation {
  return evaluateIssue(history, contract, catalog.tariffAt(contract, history.createdAtMs), nowMs);
}

/** The instants to look at: every event, a minute either side, and a few random ones, sorted. */
function instantsOf(history: IssueHistory, extraMinutes: readonly number[]): number[] {
  const instants = new Set<number>([history.createdAtMs]);
  for (const event of history.events) for (const delta of [-MINUTE, 0, MINUTE]) instants.add(event.atMs + delta);
  for (const minutes of extraMinutes) instants.add(history.createdAtMs + minutes * MINUTE);
  return [...instants].filter((instant) => instant >= history.createdAtMs).sort((a, b) => a - b);
}

function statusAt(history: IssueHistory, atMs: number): string {
  let current = history.status;
  for (const event of history.events) if (event.atMs <= atMs && event.kind === 'status') current = event.to;
  return current;
}

const within = (instantMs: number | null, fromMs: number, toMs: number) =>
  instantMs !== null && instantMs >= fromMs && instantMs <= toMs;

/** Why the clock's answers at `nowMs` and one minute later disagree without an event between them, or null when they agree. */
function disagreement(before: ClockEvaluation, after: ClockEvaluation, nowMs: number): string | null {
  const laterMs = nowMs + MINUTE;
  if (before.stoppedAtMs !== after.stoppedAtMs || before.targetMs !== after.targetMs) return 'stop or target moved';
  if (before.state !== after.state) {
    const toAtRisk =
      before.state === 'running' && after.state === 'at_risk' && within(after.atRiskAtMs, nowMs, laterMs);
    // Standing exactly at the target is not a breach yet; the first working minute past it is, dated no
    // earlier than the deadline the clock showed (at the deadline, or at the change that set it).
    const breachedAtMs = after.breachedAtMs;
    const fromDeadline =
      breachedAtMs !== null && before.dueAtMs !== null && breachedAtMs >= before.dueAtMs && breachedAtMs <= laterMs;
    const toBreached =
      (before.state === 'running' || before.state === 'at_risk') &&
      after.state === 'breached' &&
      (within(breachedAtMs, nowMs, laterMs) || fromDeadline);
    return toAtRisk || toBreached ? null : `state ${before.state} → ${after.state}`;
  }
  if (before.dueAtMs !== after.dueAtMs) return `due ${before.dueAtMs} → ${after.dueAtMs}`;
  if (before.breachedAtMs !== after.breachedAtMs) return `breach ${before.breachedAtMs} → ${after.breachedAtMs}`;
  if (before.atRiskAtMs !== after.atRiskAtMs) return `at risk ${before.atRiskAtMs} → ${after.atRiskAtMs}`;
  return null;
}

test('For any history, successive evaluations never move a breach back (nor date it before an answer that was not breached), never read a counting clock as paused, and agree a minute later except across an event', () => {
  fc.assert(
    fc.property(
      historyArbitrary,
      fc.array(fc.integer({ min: 0, max: 6_000 }), { minLength: 3, maxLength: 6 }),
      (history, extraMinutes) => {
        const lastBreach = new Map<ClockName, number>();
        /** The last answer that was not breached: its instant and the deadline it showed. */
        const lastSeenUnbreached = new Map<ClockName, { nowMs: number; dueAtMs: number | null }>();
        for (const nowMs of instantsOf(history, extraMinutes)) {
          const evaluation = evaluateAt(history, nowMs);
          const later = evaluateAt(history, nowMs + MINUTE);
          const eventBetween = history.events.some((event) => event.atMs > nowMs && event.atMs <= nowMs + MINUTE);
          const statusCounts = !contract.statuses.paused.has(statusAt(history, nowMs));
          for (const name of CLOCKS) {
            const clock = evaluation.clocks[name];
            if (!clock) continue;
            if (clock.breachedAtMs !== null) {
              expect({
                clock: name,
                nowMs,
                breachedAtMs: clock.breachedAtMs,
                notBefore: lastBreach.get(name) ?? -Infinity,
              }).toEqual(
                expect.objectContaining({
                  breachedAtMs: Math.max(clock.breachedAtMs, lastBreach.get(name) ?? -Infinity),
                }),
              );
              lastBreach.set(name, clock.breachedAtMs);
              // Nor is a breach dated before an answer that was not breached, unless that answer stood at its deadline already
              // (a clock standing exactly at its target is not breached yet; the breach is dated at the deadline).
              const seen = lastSeenUnbreached.get(name);
              const consistent =
                seen === undefined || clock.breachedAtMs >= Math.min(seen.nowMs, seen.dueAtMs ?? Infinity);
              expect({ clock: name, nowMs, breachedAtMs: clock.breachedAtMs, seen, consistent }).toEqual(
                expect.objectContaining({ consistent: true }),
              );
            } else if (clock.targetMs !== null) lastSeenUnbreached.set(name, { nowMs, dueAtMs: clock.dueAtMs });
            if (statusCounts && clock.stoppedAtMs === null)
              expect({ clock: name, nowMs, state: clock.state }).not.toEqual(
                expect.objectContaining({ state: 'paused' }),
              );
            const after = later.clocks[name];
            if (!eventBetween && after)
              expect({ clock: name, nowMs, disagreement: disagreement(clock, after, nowMs) }).toEqual({
                clock: name,
                nowMs,
                disagreement: null,
              });
          }
        }
      },
    ),
    { seed: 20261206, numRuns: 300 },
  );
});
