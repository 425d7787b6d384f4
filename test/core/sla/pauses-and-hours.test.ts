import { buildCatalog } from '../../helpers/catalog-builder';
import { clockOf, evaluateOne, response, status } from '../../helpers/issue-builder';
import { mskLocal } from '../../helpers/instants';

/**
 * Pause statuses and issues created outside the schedule. Catalog: `office` Mon–Fri 09:00–18:00
 * Moscow, Wed 2026-11-04 a holiday; reaction 60, start 120, resolution 480. Fri 2026-11-20, Mon 2026-11-23.
 */
const catalog = buildCatalog();

describe('pause statuses', () => {
  const waiting = {
    created: '2026-11-16 10:00',
    events: [response('2026-11-16 10:10'), status('2026-11-16 10:30', 'Waiting for customer')],
  };

  test('A pause status pauses every running clock: paused state, no deadline, remaining time kept', () => {
    const evaluation = evaluateOne(catalog, waiting, '2026-11-16 12:00');
    const start = clockOf(evaluation, 'start');
    const resolution = clockOf(evaluation, 'resolution');
    // Both counted 10:00 → 10:30 only; 12:00 is 90 minutes into the pause.
    expect(start.state).toBe('paused');
    expect(start.elapsedMinutes).toBe(30);
    expect(start.dueAtMs).toBeNull();
    expect(start.remainingMinutes).toBe(120 - 30);
    expect(resolution.state).toBe('paused');
    expect(resolution.elapsedMinutes).toBe(30);
    expect(resolution.dueAtMs).toBeNull();
    expect(resolution.remainingMinutes).toBe(480 - 30);
    expect(evaluation.state).toBe('paused');
  });

  test('A clock already stopped is not affected by a later pause', () => {
    const reaction = clockOf(evaluateOne(catalog, waiting, '2026-11-16 12:00'), 'reaction');
    expect(reaction.state).toBe('met');
    expect(reaction.elapsedMinutes).toBe(10);
  });

  test('When the pause ends the clocks resume and the deadline moves by the paused working time', () => {
    const evaluation = evaluateOne(
      catalog,
      { ...waiting, events: [...waiting.events, status('2026-11-16 14:00', 'In Progress')] },
      '2026-11-16 15:00',
    );
    // Start of work stops at 14:00 (a working status) with only the 30 minutes before the pause.
    const start = clockOf(evaluation, 'start');
    expect(start.state).toBe('met');
    expect(start.elapsedMinutes).toBe(30);
    // Resolution: 30 before the pause + 14:00 → 15:00 = 90; 390 left from 15:00: 180 on Monday
    // (to 18:00), 210 on Tuesday from 09:00 → 12:30.
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('running');
    expect(resolution.elapsedMinutes).toBe(90);
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-17 12:30');
  });

  test('A paused clock past the at-risk threshold is reported paused, not at risk', () => {
    // Resolution counted 10:00 → 17:00 = 420 of 480 (87.5 % > 80 %), then the issue waits.
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [response('2026-11-16 10:05'), status('2026-11-16 17:00', 'Waiting for customer')],
      },
      '2026-11-17 12:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('paused');
    expect(resolution.elapsedMinutes).toBe(420);
    expect(mskLocal(resolution.atRiskAtMs)).toBe('2026-11-16 16:24'); // 80 % of 480 = 384 min after 10:00
  });

  test('A breached clock stays breached while paused', () => {
    const short = buildCatalog({ tariffs: { main: { targets: { resolution: 60 } } } });
    // 10:00 → 11:30 counted = 90 > 60, then paused.
    const evaluation = evaluateOne(
      short,
      {
        created: '2026-11-16 10:00',
        events: [response('2026-11-16 10:05'), status('2026-11-16 11:30', 'Waiting for customer')],
      },
      '2026-11-16 15:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('breached');
    expect(resolution.elapsedMinutes).toBe(90);
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-16 11:00');
  });

  test('An issue created in a pause status has its reaction clock paused from the start', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', status: 'Waiting for customer' },
      '2026-11-16 11:00',
    );
    const reaction = clockOf(evaluation, 'reaction');
    expect(reaction.state).toBe('paused');
    expect(reaction.elapsedMinutes).toBe(0);
    expect(reaction.dueAtMs).toBeNull();
  });
});

describe('issues created outside the schedule', () => {
  test('An issue created on Friday evening starts its clocks at the next working minute, Monday 09:00', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-20 19:00' }, '2026-11-23 09:30');
    expect(evaluation.offHours).toBe(true);
    expect(mskLocal(evaluation.clockStartMs)).toBe('2026-11-23 09:00');
    const reaction = clockOf(evaluation, 'reaction');
    // Only Monday 09:00 → 09:30 counts; the deadline is 60 working minutes after 09:00.
    expect(reaction.elapsedMinutes).toBe(30);
    expect(mskLocal(reaction.dueAtMs)).toBe('2026-11-23 10:00');
  });

  test('An issue created on a Saturday is off hours and starts on Monday', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-21 12:00' }, '2026-11-21 13:00');
    expect(evaluation.offHours).toBe(true);
    expect(mskLocal(evaluation.clockStartMs)).toBe('2026-11-23 09:00');
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(0);
    expect(mskLocal(clockOf(evaluation, 'reaction').dueAtMs)).toBe('2026-11-23 10:00');
  });

  test('An issue created on a holiday starts on the next working day', () => {
    // Wed 2026-11-04 is a holiday in `office`; Thursday 2026-11-05 is a working day.
    const evaluation = evaluateOne(catalog, { created: '2026-11-04 12:00' }, '2026-11-05 09:15');
    expect(evaluation.offHours).toBe(true);
    expect(mskLocal(evaluation.clockStartMs)).toBe('2026-11-05 09:00');
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(15);
  });

  test('The first minute of the schedule is working time and the minute at its end is not', () => {
    expect(evaluateOne(catalog, { created: '2026-11-16 09:00' }, '2026-11-16 09:00').offHours).toBe(false);
    expect(evaluateOne(catalog, { created: '2026-11-16 08:59' }, '2026-11-16 09:00').offHours).toBe(true);
    const atClose = evaluateOne(catalog, { created: '2026-11-16 18:00' }, '2026-11-16 18:30');
    expect(atClose.offHours).toBe(true);
    expect(mskLocal(atClose.clockStartMs)).toBe('2026-11-17 09:00');
  });

  test('On a 24/7 calendar nothing is off hours, not even Sunday night', () => {
    const allDay = buildCatalog({ tariffs: { main: { calendar: 'always' } } });
    const evaluation = evaluateOne(allDay, { created: '2026-11-22 03:00' }, '2026-11-22 03:45');
    expect(evaluation.offHours).toBe(false);
    expect(mskLocal(evaluation.clockStartMs)).toBe('2026-11-22 03:00');
    // 45 of 60 minutes: at 80 % (48) it would be at risk; not yet.
    expect(clockOf(evaluation, 'reaction').state).toBe('running');
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(45);
  });

  test("A contract's own calendar replaces its tariff's", () => {
    const ownCalendar = buildCatalog({ contracts: { acme: { calendar: 'always' } } });
    const evaluation = evaluateOne(ownCalendar, { created: '2026-11-21 12:00' }, '2026-11-21 12:30');
    expect(evaluation.calendarId).toBe('always');
    expect(evaluation.offHours).toBe(false);
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(30);
  });
});
