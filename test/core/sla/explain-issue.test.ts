import { explainIssue, type ExplainedSegment } from '../../../src/core/sla/explain-issue';
import { buildCatalog } from '../../helpers/catalog-builder';
import { evaluateOne, issue, response, status, type IssueSpec } from '../../helpers/issue-builder';
import { msk, mskLocal } from '../../helpers/instants';

/**
 * The explain breakdown. Calendar `office`: Mon–Fri 09:00–18:00 Moscow; Tue 2026-11-03 is shortened
 * to 09:00–17:00 and Wed 2026-11-04 is a holiday (День народного единства). Reaction 60, resolution 480.
 */
const catalog = buildCatalog();

function explain(spec: IssueSpec, at: string) {
  const evaluation = evaluateOne(catalog, spec, at);
  return explainIssue(issue(spec), evaluation, catalog.calendar(evaluation.calendarId));
}

/** `from → to | counted/not | minutes | reason` per segment, readable in a failure diff. */
function rows(segments: ExplainedSegment[]): string[] {
  return segments.map((segment) => {
    const reason = segment.reason;
    const detail = 'status' in reason ? ` ${reason.status}` : 'name' in reason && reason.name ? ` ${reason.name}` : '';
    return `${mskLocal(segment.fromMs)} → ${mskLocal(segment.toMs)} | ${segment.counted ? 'counted' : 'not'} ${segment.workingMinutes} | ${reason.kind}${detail}`;
  });
}

test('Explain splits uncounted time by day: evening, holiday by name, night, then counted working time', () => {
  // Created on the short day at 16:30; answered on Thursday 09:20: 30 + 20 = 50 counted minutes.
  const [reaction] = explain(
    { created: '2026-11-03 16:30', events: [response('2026-11-05 09:20', 'petrov')] },
    '2026-11-05 12:00',
  );
  expect(reaction.clock).toBe('reaction');
  expect(rows(reaction.segments)).toEqual([
    '2026-11-03 16:30 → 2026-11-03 17:00 | counted 30 | working New',
    '2026-11-03 17:00 → 2026-11-04 00:00 | not 0 | outside_schedule',
    '2026-11-04 00:00 → 2026-11-05 00:00 | not 0 | holiday День народного единства',
    '2026-11-05 00:00 → 2026-11-05 09:00 | not 0 | outside_schedule',
    '2026-11-05 09:00 → 2026-11-05 09:20 | counted 20 | working New',
  ]);
  expect(reaction.evaluation.elapsedMinutes).toBe(50);
  expect(reaction.stopCause).toEqual({ kind: 'response', atMs: msk('2026-11-05 09:20'), by: 'petrov' });
});

test('Explain names weekend days as such', () => {
  const [reaction] = explain({ created: '2026-11-20 17:30' }, '2026-11-23 09:10');
  expect(rows(reaction.segments)).toEqual([
    '2026-11-20 17:30 → 2026-11-20 18:00 | counted 30 | working New',
    '2026-11-20 18:00 → 2026-11-21 00:00 | not 0 | outside_schedule',
    '2026-11-21 00:00 → 2026-11-22 00:00 | not 0 | weekend',
    '2026-11-22 00:00 → 2026-11-23 00:00 | not 0 | weekend',
    '2026-11-23 00:00 → 2026-11-23 09:00 | not 0 | outside_schedule',
    '2026-11-23 09:00 → 2026-11-23 09:10 | counted 10 | working New',
  ]);
  expect(reaction.stopCause).toBeNull();
});

test('Explain shows a pause with the working minutes it kept from the clock, and the status', () => {
  const spec: IssueSpec = {
    created: '2026-11-16 10:00',
    events: [
      response('2026-11-16 10:05'),
      status('2026-11-16 10:30', 'Waiting for customer'),
      status('2026-11-16 11:30', 'In Progress', 'ivanova'),
    ],
  };
  const explained = explain(spec, '2026-11-16 12:00');
  const resolution = explained.find((clock) => clock.clock === 'resolution');
  expect(rows(resolution?.segments ?? [])).toEqual([
    '2026-11-16 10:00 → 2026-11-16 10:30 | counted 30 | working New',
    '2026-11-16 10:30 → 2026-11-16 11:30 | not 60 | paused Waiting for customer',
    '2026-11-16 11:30 → 2026-11-16 12:00 | counted 30 | working In Progress',
  ]);
  // Start of work stopped at 11:30 by the working status, and explain says who set it.
  const start = explained.find((clock) => clock.clock === 'start');
  expect(start?.stopCause).toEqual({
    kind: 'status',
    atMs: msk('2026-11-16 11:30'),
    status: 'In Progress',
    by: 'ivanova',
  });
});

test('Explain shows time spent done before a reopen as not counted', () => {
  const spec: IssueSpec = {
    created: '2026-11-16 10:00',
    events: [status('2026-11-16 11:00', 'Resolved'), status('2026-11-16 13:00', 'In Progress')],
  };
  const resolution = explain(spec, '2026-11-16 14:00').find((clock) => clock.clock === 'resolution');
  expect(rows(resolution?.segments ?? [])).toEqual([
    '2026-11-16 10:00 → 2026-11-16 11:00 | counted 60 | working New',
    '2026-11-16 11:00 → 2026-11-16 13:00 | not 120 | done Resolved',
    '2026-11-16 13:00 → 2026-11-16 14:00 | counted 60 | working In Progress',
  ]);
});

test('A clock stopped at creation is explained by the creation status', () => {
  const start = explain({ created: '2026-11-16 10:00', status: 'In Progress' }, '2026-11-16 11:00').find(
    (clock) => clock.clock === 'start',
  );
  expect(start?.segments).toEqual([]);
  expect(start?.stopCause).toEqual({
    kind: 'status',
    atMs: msk('2026-11-16 10:00'),
    status: 'In Progress',
    by: undefined,
  });
});
