import { boardText } from '../../../src/core/report/board-text';
import { clockToJson, portfolioToJson } from '../../../src/core/report/evaluation-json';
import { explainText } from '../../../src/core/report/explain-text';
import { explainIssue } from '../../../src/core/sla/explain-issue';
import { buildCatalog } from '../../helpers/catalog-builder';
import { clockOf, evaluateAt, evaluateOne, issue, response, status, type IssueSpec } from '../../helpers/issue-builder';

/**
 * Renderers: the JSON contract, the explain text and the board. Calendar `office` (Moscow, +03:00),
 * plus `ural` (Asia/Yekaterinburg, +05:00, 09:00–18:00 local). Reaction 60, start 120, resolution 480.
 */
const catalog = buildCatalog({
  calendars: { ural: { zone: 'Asia/Yekaterinburg', week: { weekdays: ['09:00-18:00'] } } },
  tariffs: { main: { incidentsPerDay: 1 }, east: { name: 'East', calendar: 'ural', targets: { reaction: 60 } } },
  contracts: { ural: { name: 'Ural', terms: [{ tariff: 'east', from: '2026-01-01' }] } },
});

describe('JSON contract', () => {
  test("Instants carry the offset of the issue's calendar", () => {
    // Created 10:00 Moscow = 12:00 Yekaterinburg, within its 09:00–18:00: due 13:00 local (+05:00).
    const portfolio = evaluateAt(
      catalog,
      [issue({ key: 'U-1', contract: 'ural', created: '2026-11-16 10:00' })],
      '2026-11-16 10:30',
    );
    const json = portfolioToJson(catalog, portfolio);
    expect(json.issues[0].createdAt).toBe('2026-11-16T12:00:00+05:00');
    expect(json.issues[0].clocks.reaction?.dueAt).toBe('2026-11-16T13:00:00+05:00');
    // `at` is given in the catalog's zone (Moscow).
    expect(json.at).toBe('2026-11-16T10:30:00+03:00');
  });

  test('A clock as JSON: whole minutes, instants or null', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [response('2026-11-16 11:30')] },
      '2026-11-16 12:00',
    );
    expect(clockToJson(clockOf(evaluation, 'reaction'), catalog.calendar('office'))).toEqual({
      state: 'breached',
      targetMinutes: 60,
      elapsedMinutes: 90,
      remainingMinutes: -30,
      dueAt: '2026-11-16T11:00:00+03:00',
      stoppedAt: '2026-11-16T11:30:00+03:00',
      breachedAt: '2026-11-16T11:00:00+03:00',
      atRiskAt: '2026-11-16T10:48:00+03:00', // 80 % of 60
    });
    expect(clockToJson(clockOf(evaluation, 'resolution'), catalog.calendar('office'))).toMatchObject({
      state: 'running',
      stoppedAt: null,
      breachedAt: null,
      atRiskAt: null,
    });
  });

  test('Flags and escalation steps appear in the issue JSON', () => {
    // One incident a day: the second of Monday is over the limit; the first was created off hours.
    const portfolio = evaluateAt(
      catalog,
      [issue({ key: 'A', created: '2026-11-16 08:00' }), issue({ key: 'B', created: '2026-11-16 10:00' })],
      '2026-11-16 10:30',
    );
    const json = portfolioToJson(catalog, portfolio);
    expect(json.issues.map((entry) => [entry.key, entry.offHours, entry.overLimit, entry.clockStartAt])).toEqual([
      ['A', true, false, '2026-11-16T09:00:00+03:00'],
      ['B', false, true, '2026-11-16T10:00:00+03:00'],
    ]);
  });
});

describe('explain text', () => {
  const explainOf = (spec: IssueSpec, at: string): string => {
    const evaluation = evaluateOne(catalog, spec, at);
    const calendar = catalog.calendar(evaluation.calendarId);
    return explainText(
      evaluation,
      explainIssue(issue(spec), evaluation, calendar),
      catalog.catalog.tariffs[evaluation.tariffId],
      calendar,
    );
  };

  test('Explain names the holiday, the weekend and the evening that did not count', () => {
    // Friday 2026-10-30 17:30 → Thursday 2026-11-05 09:30 crosses a weekend, the short Tuesday and the holiday.
    const text = explainOf({ created: '2026-10-30 17:30' }, '2026-11-05 09:30');
    expect(text).toContain('day off (weekend)');
    expect(text).toContain('public holiday: День народного единства');
    expect(text).toContain('outside the service schedule');
    // Friday 17:30 → 18:00 counted; the reaction target (60) ran out at Monday 2026-11-02 09:30.
    expect(text).toContain('2026-10-30 17:30 (+03:00) → 2026-10-30 18:00 (+03:00)  counted 30 min');
    expect(text).toContain('Breached at 2026-11-02 09:30 (+03:00).');
  });

  test('Explain says when a pause held the clocks and in which status', () => {
    const text = explainOf(
      {
        created: '2026-11-16 10:00',
        events: [response('2026-11-16 10:05', 'petrov'), status('2026-11-16 10:30', 'Waiting for customer')],
      },
      '2026-11-16 12:00',
    );
    expect(text).toContain('paused: status "Waiting for customer" waits for the client');
    expect(text).toContain('Stopped 2026-11-16 10:05 (+03:00) by the first response from petrov.');
    // Resolution: 30 of 480 used, 450 left while paused.
    expect(text).toContain('Deadline: moves while paused; 7 h 30 min of working time remain.');
  });

  test('Explain tells an off-hours start and a breach with their instants', () => {
    const text = explainOf({ created: '2026-11-16 08:00' }, '2026-11-16 10:30');
    expect(text).toContain('Created outside the service schedule: the clocks start at 2026-11-16 09:00 (+03:00).');
    // Reaction: 09:00 + 60 = 10:00, breached since.
    expect(text).toContain('Breached at 2026-11-16 10:00 (+03:00).');
  });
});

describe('board', () => {
  test('The board lists the most urgent issues first and counts the states', () => {
    const portfolio = evaluateAt(
      catalog,
      [
        issue({
          key: 'CALM',
          created: '2026-11-16 10:00',
          events: [response('2026-11-16 10:05'), status('2026-11-16 10:10', 'Resolved')],
        }),
        issue({ key: 'LATE', created: '2026-11-13 10:00' }),
      ],
      '2026-11-16 12:00',
    );
    const lines = boardText(catalog, portfolio).split('\n');
    expect(lines[0]).toMatch(/^ISSUE\s+CONTRACT\s+TARIFF\s+STATE/);
    expect(lines[1]).toMatch(/^LATE\s+acme\s+main\s+breached/);
    expect(lines[2]).toMatch(/^CALM\s+acme\s+main\s+met/);
    expect(lines[lines.length - 1]).toBe('2 issues: breached 1 · met 1');
  });
});
