import fc from 'fast-check';
import {
  buildClockSpans,
  countedWorkingMs,
  countedWorkingMsBefore,
  instantWhenCounted,
  spansUntil,
  type StatusTimeline,
} from '../../../src/core/sla/clock-spans';
import { buildCatalog } from '../../helpers/catalog-builder';
import { msk } from '../../helpers/instants';

/**
 * The shortcuts the engine takes for speed must not change any answer: spans cut from the spans of
 * a later stop equal spans built to that stop, and the working time recorded on spans equals the
 * working time measured again. Calendar `office` (Mon–Fri 09:00–18:00 Moscow, with a holiday).
 */
const catalog = buildCatalog();
const calendar = catalog.calendar('office');
const statuses = catalog.contract('acme')!.statuses;
const STATUS_NAMES = ['New', 'In Progress', 'Waiting for customer', 'Resolved', 'Triage'];
const FROM = msk('2026-11-02 08:00');
const MINUTE = 60_000;

/** A status timeline: creation at FROM, then status changes at increasing minute offsets. */
function timelineOf(changes: ReadonlyArray<readonly [number, string]>): StatusTimeline {
  const timeline: StatusTimeline = { startsMs: [FROM], names: ['New'] };
  let atMs = FROM;
  for (const [minutes, name] of changes) {
    atMs += minutes * MINUTE;
    timeline.startsMs.push(atMs);
    timeline.names.push(name);
  }
  return timeline;
}

const statusChange = fc.tuple(fc.integer({ min: 1, max: 3_000 }), fc.constantFrom(...STATUS_NAMES));
const timelineArbitrary = fc.array(statusChange, { maxLength: 8 }).map(timelineOf);
/** Long enough that a clock has more spans than the walk serves, so the prefix-sum path is held too. */
const longTimelineArbitrary = fc.array(statusChange, { minLength: 24, maxLength: 60 }).map(timelineOf);

test('Spans cut at an earlier stop equal the spans built to that stop', () => {
  fc.assert(
    fc.property(
      timelineArbitrary,
      fc.integer({ min: 0, max: 30_000 }),
      fc.integer({ min: 0, max: 30_000 }),
      (timeline, endA, endB) => {
        const earlier = FROM + Math.min(endA, endB) * MINUTE;
        const later = FROM + Math.max(endA, endB) * MINUTE;
        const full = buildClockSpans(timeline, statuses, FROM, later, null, calendar);
        expect(spansUntil(full, earlier, calendar)).toEqual(
          buildClockSpans(timeline, statuses, FROM, earlier, null, calendar),
        );
      },
    ),
  );
});

test('Working time recorded on spans equals working time measured from the calendar', () => {
  fc.assert(
    fc.property(
      timelineArbitrary,
      fc.integer({ min: 0, max: 30_000 }),
      fc.option(fc.integer({ min: 0, max: 30_000 })),
      fc.integer({ min: 1, max: 2_000 }),
      (timeline, end, waiting, threshold) => {
        const endMs = FROM + end * MINUTE;
        const waitingUntilMs = waiting === null ? null : FROM + waiting * MINUTE;
        const recorded = buildClockSpans(timeline, statuses, FROM, endMs, waitingUntilMs, calendar);
        const bare = buildClockSpans(timeline, statuses, FROM, endMs, waitingUntilMs);
        expect(countedWorkingMs(recorded, calendar)).toBe(countedWorkingMs(bare, calendar));
        expect(instantWhenCounted(recorded, calendar, threshold * MINUTE)).toBe(
          instantWhenCounted(bare, calendar, threshold * MINUTE),
        );
      },
    ),
  );
});

/** The walk over every span that the indexed look-ups replaced: the oracle. */
function slowInstantWhenCounted(spans: ReturnType<typeof buildClockSpans>, thresholdMs: number): number | null {
  let counted = 0;
  for (const span of spans) {
    if (span.mode !== 'counting') continue;
    const working = calendar.workingMsBetween(span.startMs, span.endMs);
    if (thresholdMs <= 0) {
      if (working > 0) return calendar.nextWorkingInstant(span.startMs);
      continue;
    }
    if (counted + working >= thresholdMs) return calendar.addWorkingMs(span.startMs, thresholdMs - counted);
    counted += working;
  }
  return null;
}

function slowCountedBefore(spans: ReturnType<typeof buildClockSpans>, instantMs: number): number {
  let total = 0;
  for (const span of spans) {
    if (span.startMs >= instantMs || span.mode !== 'counting') continue;
    total += calendar.workingMsBetween(span.startMs, Math.min(span.endMs, instantMs));
  }
  return total;
}

test('The indexed look-ups (binary search over counted time) answer as a walk over every span', () => {
  fc.assert(
    fc.property(
      fc.oneof(timelineArbitrary, longTimelineArbitrary),
      fc.integer({ min: 0, max: 200_000 }),
      fc.integer({ min: -10, max: 60_000 }),
      fc.integer({ min: 0, max: 200_000 }),
      (timeline, end, thresholdMinutes, atMinutes) => {
        const spans = buildClockSpans(timeline, statuses, FROM, FROM + end * MINUTE, null, calendar);
        expect(instantWhenCounted(spans, calendar, thresholdMinutes * MINUTE)).toBe(
          slowInstantWhenCounted(spans, thresholdMinutes * MINUTE),
        );
        expect(countedWorkingMsBefore(spans, calendar, FROM + atMinutes * MINUTE)).toBe(
          slowCountedBefore(spans, FROM + atMinutes * MINUTE),
        );
      },
    ),
    { seed: 9, numRuns: 300 },
  );
});
