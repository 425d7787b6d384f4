import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { IssueHistory } from '../../../src/core/history/issue-history';
import { buildMonthlyStatement } from '../../../src/core/statement/monthly-statement';
import {
  statementMaterialText,
  statementRevisionDue,
  type StatementRevision,
} from '../../../src/core/statement/statement-revision';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { catalogWith } from '../ledger/ledger-fixture';

/**
 * Whatever the requests of a month, a material change between two refreshes of one day — a new
 * request, a response, a resolution, a worklog, a rating — and the month's close are published at the
 * next refresh: the page's material key moves, so `statementRevisionDue` says yes however recent the
 * last version.
 */
const MINUTE = 60_000;
const catalog = catalogWith({
  c: { name: 'Client', terms: [{ tariff: 'standard', from: '2026-10-01' }] },
});
const MONTH_START = DateTime.fromISO('2026-10-01T00:00:00+03:00', { setZone: true }).toMillis();
const MONTH_END = DateTime.fromISO('2026-11-01T00:00:00+03:00', { setZone: true }).toMillis();
/** The day of the two refreshes: the 20th, 09:00–18:00 Moscow (working hours of the office calendar). */
const DAY_START = DateTime.fromISO('2026-10-20T09:00:00+03:00', { setZone: true }).toMillis();
const DAY_MINUTES = 9 * 60;

function materialKeyAt(issues: IssueHistory[], nowMs: number): string {
  const statement = buildMonthlyStatement(catalog, issues, evaluatePortfolio(catalog, issues, nowMs), {
    month: '2026-10',
  });
  return statementMaterialText(statement);
}

interface RequestSpec {
  createdMinute: number;
  respondedAfter: number | null;
  resolvedAfter: number | null;
  workedMinutes: number[];
}

/** Requests created in the month before the day of the refreshes, some answered, resolved, worked on. */
const requestArb: fc.Arbitrary<RequestSpec> = fc.record({
  createdMinute: fc.integer({ min: 0, max: 18 * 24 * 60 }),
  respondedAfter: fc.option(fc.integer({ min: 1, max: 3 * 24 * 60 }), { nil: null }),
  resolvedAfter: fc.option(fc.integer({ min: 1, max: 3 * 24 * 60 }), { nil: null }),
  workedMinutes: fc.array(fc.integer({ min: 1, max: 240 }), { maxLength: 3 }),
});

function requestOf(spec: RequestSpec, index: number, firstRefreshMs: number): IssueHistory {
  const createdAtMs = MONTH_START + spec.createdMinute * MINUTE;
  // Everything of the generated past happens before the first refresh.
  const before = (afterMinutes: number) => Math.min(createdAtMs + afterMinutes * MINUTE, firstRefreshMs - MINUTE);
  const events: IssueHistory['events'] = [];
  if (spec.respondedAfter !== null) events.push({ kind: 'response', atMs: before(spec.respondedAfter) });
  const resolved = spec.resolvedAfter !== null;
  if (resolved) events.push({ kind: 'status', to: 'Resolved', from: 'New', atMs: before(spec.resolvedAfter ?? 0) });
  return {
    key: `R-${index + 1}`,
    contractId: 'c',
    type: 'incident',
    priority: 'normal',
    status: resolved ? 'Resolved' : 'New',
    createdAtMs,
    events: events.sort((a, b) => a.atMs - b.atMs),
    worklogs: spec.workedMinutes.map((minutes, worklog) => ({
      atMs: createdAtMs + (worklog + 1) * MINUTE,
      minutes,
      author: 'eng',
    })),
  };
}

type Change = 'new_request' | 'response' | 'resolution' | 'worklog' | 'rating';

/** The issues with one material change at `atMs`; null when the change does not apply (e.g. an answered request answered again). */
function withChange(issues: IssueHistory[], change: Change, target: number, atMs: number): IssueHistory[] | null {
  if (change === 'new_request')
    return [
      ...issues,
      {
        key: 'NEW-1',
        contractId: 'c',
        type: 'incident',
        priority: 'normal',
        status: 'New',
        createdAtMs: atMs,
        events: [],
        worklogs: [],
      },
    ];
  if (issues.length === 0) return null;
  const index = target % issues.length;
  const current = issues[index];
  const open = current.status === 'New';
  let changed: IssueHistory;
  if (change === 'response') {
    if (!open || current.events.some((event) => event.kind === 'response')) return null;
    changed = { ...current, events: [...current.events, { kind: 'response', atMs }] };
  } else if (change === 'resolution') {
    if (!open) return null;
    changed = {
      ...current,
      status: 'Resolved',
      events: [...current.events, { kind: 'status', to: 'Resolved', from: 'New', atMs }],
    };
  } else if (change === 'worklog') {
    changed = { ...current, worklogs: [...current.worklogs, { atMs, minutes: 15, author: 'eng' }] };
  } else {
    if (current.rating !== undefined) return null;
    changed = { ...current, rating: { score: 1 + (target % 5), atMs } };
  }
  return issues.map((issue, position) => (position === index ? changed : issue));
}

describe('a statement page publishes every material change at the next refresh', () => {
  it('whatever the month so far, a new request, response, resolution, worklog or rating moves the material key', () => {
    fc.assert(
      fc.property(
        fc.array(requestArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: DAY_MINUTES - 20 }),
        fc.integer({ min: 2, max: 19 }),
        fc.constantFrom<Change>('new_request', 'response', 'resolution', 'worklog', 'rating'),
        fc.nat(),
        (specs, firstMinute, gapMinutes, change, target) => {
          const firstMs = DAY_START + firstMinute * MINUTE;
          const secondMs = firstMs + gapMinutes * MINUTE;
          const issues = specs.map((spec, index) => requestOf(spec, index, firstMs));
          const changed = withChange(issues, change, target, firstMs + MINUTE);
          fc.pre(changed !== null);
          const published: StatementRevision = { materialKey: materialKeyAt(issues, firstMs), revisedAtMs: firstMs };
          const materialKey = materialKeyAt(changed ?? issues, secondMs);
          expect(materialKey).not.toBe(published.materialKey);
          expect(statementRevisionDue({ previous: published, materialKey, pageChanged: true, nowMs: secondMs })).toBe(
            true,
          );
        },
      ),
      { seed: 20261207, numRuns: 150 },
    );
  });

  it("publishes the month's close at the first refresh after it, however recent the last version", () => {
    fc.assert(
      fc.property(
        fc.array(requestArb, { maxLength: 4 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        (specs, minutesBeforeEnd, minutesAfterEnd) => {
          const firstMs = MONTH_END - minutesBeforeEnd * MINUTE;
          const secondMs = MONTH_END + minutesAfterEnd * MINUTE;
          const issues = specs.map((spec, index) => requestOf(spec, index, Math.min(firstMs, DAY_START)));
          const published: StatementRevision = { materialKey: materialKeyAt(issues, firstMs), revisedAtMs: firstMs };
          const materialKey = materialKeyAt(issues, secondMs);
          expect(materialKey).not.toBe(published.materialKey);
          expect(statementRevisionDue({ previous: published, materialKey, pageChanged: true, nowMs: secondMs })).toBe(
            true,
          );
        },
      ),
      { seed: 20261207, numRuns: 60 },
    );
  });
});
