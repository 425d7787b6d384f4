import { buildCatalog } from '../../helpers/catalog-builder';
import { clockOf, estimate, evaluateOne, priority, response, status, type } from '../../helpers/issue-builder';
import { mskLocal } from '../../helpers/instants';

/**
 * Where targets come from and how they follow changes. Calendar `office`: Mon–Fri 09:00–18:00
 * Moscow (540 min a day), Tue 2026-11-03 shortened to 09:00–17:00, Wed 2026-11-04 a holiday.
 * Mon 2026-11-16, Sat 2026-11-21.
 */

describe('target precedence', () => {
  const catalog = buildCatalog({
    tariffs: {
      main: {
        priorities: { critical: { reaction: 30 }, high: { resolution: 240 } },
        requestTypes: { bug: { reaction: 20, resolution: 300 } },
      },
    },
  });

  test('A priority target wins over the tariff default', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-16 10:00', priority: 'critical' }, '2026-11-16 10:10');
    expect(clockOf(evaluation, 'reaction').targetMinutes).toBe(30);
    expect(clockOf(evaluation, 'reaction').targetSource).toEqual({ kind: 'priority', priority: 'critical' });
    // The priority has no resolution target: the tariff default applies.
    expect(clockOf(evaluation, 'resolution').targetMinutes).toBe(480);
    expect(clockOf(evaluation, 'resolution').targetSource).toEqual({ kind: 'tariff' });
  });

  test('A request type rule wins over the priority target', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', priority: 'critical', type: 'bug' },
      '2026-11-16 10:10',
    );
    expect(clockOf(evaluation, 'reaction').targetMinutes).toBe(20);
    expect(clockOf(evaluation, 'reaction').targetSource).toEqual({ kind: 'request_type', type: 'bug' });
  });

  test('A clock without any target does not run', () => {
    const noStart = buildCatalog({ tariffs: { main: { targets: { start: undefined } } } });
    const evaluation = evaluateOne(noStart, { created: '2026-11-16 10:00' }, '2026-11-16 10:10');
    expect(evaluation.clocks.start).toBeUndefined();
    expect(Object.keys(evaluation.clocks)).toEqual(['reaction', 'resolution']);
  });
});

describe('same-day bug rule (sameDayCutoff 16:00, bug resolution 480)', () => {
  const catalog = buildCatalog({
    tariffs: { main: { requestTypes: { bug: { resolution: 480, sameDayCutoff: '16:00' } } } },
  });
  const bugAt = (created: string, at: string, events = [response(created)]) =>
    clockOf(evaluateOne(catalog, { type: 'bug', created, events }, at), 'resolution');

  test('A bug submitted before 16:00 on a working day is due by the end of that working day', () => {
    // 12:00 → 18:00 = 360 working minutes, shorter than 480: the target becomes 360.
    const resolution = bugAt('2026-11-16 12:00', '2026-11-16 17:00');
    expect(resolution.targetMinutes).toBe(360);
    expect(resolution.elapsedMinutes).toBe(300);
    expect(resolution.remainingMinutes).toBe(60);
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 18:00');
    expect(resolution.targetSource).toMatchObject({ kind: 'same_day', cutoff: '16:00', ruleMinutes: 480 });
  });

  test('A bug submitted at 15:59 still falls under the same-day rule', () => {
    const resolution = bugAt('2026-11-16 15:59', '2026-11-16 16:00');
    // 15:59 → 18:00 = 121 minutes.
    expect(resolution.targetMinutes).toBe(121);
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 18:00');
  });

  test('A bug submitted at 16:00 gets the normal target and runs into the next day', () => {
    const resolution = bugAt('2026-11-16 16:00', '2026-11-16 17:00');
    expect(resolution.targetMinutes).toBe(480);
    // 16:00 → 18:00 = 120 on Monday, 360 on Tuesday from 09:00 → 15:00.
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-17 15:00');
    expect(resolution.targetSource).toEqual({ kind: 'request_type', type: 'bug' });
  });

  test('The rule never lengthens a target: a bug at 09:00 keeps 480 minutes, due 17:00', () => {
    // 09:00 → 18:00 holds 540 minutes, more than 480.
    const resolution = bugAt('2026-11-16 09:00', '2026-11-16 10:00');
    expect(resolution.targetMinutes).toBe(480);
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 17:00');
  });

  test('A bug submitted on a weekend gets the normal target', () => {
    const resolution = bugAt('2026-11-21 10:00', '2026-11-21 11:00');
    expect(resolution.targetMinutes).toBe(480);
    // Monday 09:00 + 480 = 17:00.
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-23 17:00');
  });

  test('A bug submitted on a holiday gets the normal target', () => {
    const resolution = bugAt('2026-11-04 10:00', '2026-11-04 11:00');
    expect(resolution.targetMinutes).toBe(480);
    // Thursday 2026-11-05 09:00 + 480 = 17:00.
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-05 17:00');
  });

  test('On a shortened pre-holiday day the same-day deadline is the shortened end, 17:00', () => {
    // Tue 2026-11-03 runs 09:00–17:00: 12:00 → 17:00 = 300 minutes.
    const resolution = bugAt('2026-11-03 12:00', '2026-11-03 13:00');
    expect(resolution.targetMinutes).toBe(300);
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-03 17:00');
  });

  test('A pause still moves a same-day deadline', () => {
    // Target 360 (12:00 → 18:00). Counted 12:00 → 13:00 = 60, paused until 15:00, then 300 left:
    // 180 on Monday (15:00 → 18:00) and 120 on Tuesday → 11:00.
    const resolution = bugAt('2026-11-16 12:00', '2026-11-16 16:00', [
      response('2026-11-16 12:05'),
      status('2026-11-16 13:00', 'Waiting for customer'),
      status('2026-11-16 15:00', 'In Progress'),
    ]);
    expect(resolution.targetMinutes).toBe(360);
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-17 11:00');
  });

  test('A same-day bug still open the next morning is breached at the end of its day', () => {
    const resolution = bugAt('2026-11-16 12:00', '2026-11-17 09:30');
    expect(resolution.state).toBe('breached');
    // 360 on Monday + 30 on Tuesday.
    expect(resolution.elapsedMinutes).toBe(390);
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-16 18:00');
  });

  test('Other request types are not capped', () => {
    const evaluation = evaluateOne(catalog, { type: 'incident', created: '2026-11-16 12:00' }, '2026-11-16 13:00');
    // 480 from 12:00: 360 on Monday, 120 on Tuesday → 11:00.
    expect(mskLocal(clockOf(evaluation, 'resolution').dueAtMs)).toBe('2026-11-17 11:00');
  });
});

describe('estimate-based resolution', () => {
  const catalog = buildCatalog({ tariffs: { main: { requestTypes: { enhancement: { resolution: 'estimate' } } } } });
  const enhancement = (events: ReturnType<typeof estimate>[], at: string) =>
    evaluateOne(
      catalog,
      { type: 'enhancement', created: '2026-11-16 10:00', events: [response('2026-11-16 10:05'), ...events] },
      at,
    );

  test('Without an estimate the resolution clock waits: no target, no deadline, nothing elapsed', () => {
    const resolution = clockOf(enhancement([], '2026-11-16 15:00'), 'resolution');
    expect(resolution.state).toBe('waiting_estimate');
    expect(resolution.targetMinutes).toBeNull();
    expect(resolution.dueAtMs).toBeNull();
    expect(resolution.elapsedMinutes).toBe(0);
  });

  test('The deadline counts from the first estimate, for the estimated minutes', () => {
    const resolution = clockOf(enhancement([estimate('2026-11-16 12:00', 120)], '2026-11-16 13:00'), 'resolution');
    expect(resolution.state).toBe('running');
    expect(resolution.targetMinutes).toBe(120);
    // Counted from 12:00 only, not from creation at 10:00.
    expect(resolution.elapsedMinutes).toBe(60);
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 14:00');
  });

  test('A revised estimate replaces the minutes but the clock still counts from the first estimate', () => {
    const evaluation = enhancement(
      [estimate('2026-11-16 12:00', 120), estimate('2026-11-16 13:00', 240)],
      '2026-11-16 15:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.targetMinutes).toBe(240);
    expect(resolution.elapsedMinutes).toBe(180);
    // 12:00 + 240 = 16:00.
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 16:00');
    expect(resolution.targetSource).toEqual({
      kind: 'estimate',
      estimateMinutes: 240,
      estimatedAtMs: expect.any(Number),
    });
    expect(mskLocal(resolution.targetSource?.kind === 'estimate' ? resolution.targetSource.estimatedAtMs : null)).toBe(
      '2026-11-16 12:00',
    );
  });

  test('A revised estimate below the time already spent breaches at the revision', () => {
    // 240 estimated at 10:30; at 12:30, 120 minutes spent, re-estimated to 60: breached by the change
    // at 12:30, not at 11:30 when 60 minutes had been spent under the old estimate.
    const resolution = clockOf(
      enhancement([estimate('2026-11-16 10:30', 240), estimate('2026-11-16 12:30', 60)], '2026-11-16 13:00'),
      'resolution',
    );
    expect(resolution.state).toBe('breached');
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-16 12:30');
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 11:30');
  });

  test('An enhancement resolved before any estimate has met its resolution target', () => {
    const resolution = clockOf(enhancement([status('2026-11-16 11:00', 'Resolved')], '2026-11-16 15:00'), 'resolution');
    expect(resolution.state).toBe('met');
    expect(resolution.targetMinutes).toBeNull();
  });

  test('An estimate given after the evaluation instant is not known yet', () => {
    const resolution = clockOf(enhancement([estimate('2026-11-16 16:00', 120)], '2026-11-16 15:00'), 'resolution');
    expect(resolution.state).toBe('waiting_estimate');
  });

  test('Reaction and start of work of an estimate-based request run as usual', () => {
    const evaluation = evaluateOne(catalog, { type: 'enhancement', created: '2026-11-16 10:00' }, '2026-11-16 10:30');
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(30);
    expect(clockOf(evaluation, 'start').state).toBe('running');
  });
});

describe('priority and type changes', () => {
  const catalog = buildCatalog({
    tariffs: {
      main: {
        priorities: { critical: { reaction: 30, resolution: 120 }, high: { resolution: 240 } },
        requestTypes: { consultation: { resolution: 960 }, bug: { resolution: 240 } },
      },
    },
  });
  const started = [response('2026-11-16 10:05'), status('2026-11-16 10:10', 'In Progress')];

  test('A priority change applies the new target to the time already spent', () => {
    // normal (480) → high (240) at 11:00; at 12:00, 120 minutes elapsed of 240, due 10:00 + 240 = 14:00.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [...started, priority('2026-11-16 11:00', 'high')] },
      '2026-11-16 12:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.targetMinutes).toBe(240);
    expect(resolution.elapsedMinutes).toBe(120);
    expect(resolution.state).toBe('running');
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 14:00');
    expect(evaluation.priority).toBe('high');
  });

  test('A breach caused by a priority change is dated at the change', () => {
    // normal → critical (120) at 13:00, when 180 minutes were already spent: breached at 13:00,
    // though under the new target the deadline was 12:00.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [...started, priority('2026-11-16 13:00', 'critical')] },
      '2026-11-16 14:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('breached');
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-16 13:00');
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 12:00');
  });

  test('A priority change that keeps the target does not move an earlier breach', () => {
    // normal (480): due Monday 18:00. normal → low at Tuesday 10:00; low has no target of its own,
    // so the 480 stays and the breach stays dated Monday 18:00.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [...started, priority('2026-11-17 10:00', 'low')] },
      '2026-11-17 12:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('breached');
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-16 18:00');
  });

  test('A priority change after a breach keeps the earlier breach instant', () => {
    // Breached Monday 18:00 under 480; raised to critical (120) on Tuesday 10:00: still breached since Monday.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [...started, priority('2026-11-17 10:00', 'critical')] },
      '2026-11-17 12:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.targetMinutes).toBe(120);
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-16 18:00');
  });

  test('Lowering the priority applies the longer target to the time spent, so a breach can clear', () => {
    // critical (120) breached at 12:00; lowered to normal (480) at 13:00; at 14:00, 240 of 480 spent.
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        priority: 'critical',
        events: [...started, priority('2026-11-16 13:00', 'normal')],
      },
      '2026-11-16 14:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('running');
    expect(resolution.targetMinutes).toBe(480);
    expect(resolution.breachedAtMs).toBeNull();
  });

  test('A priority change after a clock stopped does not touch that clock', () => {
    // Reaction met at 10:05 with 5 of 60; the raise to critical at 11:00 comes after the stop.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [...started, priority('2026-11-16 11:00', 'critical')] },
      '2026-11-16 12:00',
    );
    const reaction = clockOf(evaluation, 'reaction');
    expect(reaction.targetMinutes).toBe(60);
    expect(reaction.priority).toBe('normal');
    expect(clockOf(evaluation, 'resolution').priority).toBe('critical');
  });

  test('A priority change after the evaluation instant is ignored', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [...started, priority('2026-11-16 13:00', 'critical')] },
      '2026-11-16 12:00',
    );
    expect(clockOf(evaluation, 'resolution').targetMinutes).toBe(480);
    expect(evaluation.priority).toBe('normal');
  });

  test('A type change mid-flight applies the new type rule: consultation turned bug breaches at the change', () => {
    // consultation (960) → bug (240) at 15:00, when 300 minutes were spent.
    const evaluation = evaluateOne(
      catalog,
      { type: 'consultation', created: '2026-11-16 10:00', events: [...started, type('2026-11-16 15:00', 'bug')] },
      '2026-11-16 16:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.type).toBe('bug');
    expect(resolution.targetMinutes).toBe(240);
    expect(resolution.state).toBe('breached');
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-16 15:00');
    expect(evaluation.type).toBe('bug');
  });

  test('A type change made before the new deadline just moves the deadline', () => {
    // consultation → bug at 12:00 with 120 spent: 240 from 10:00 → due 14:00.
    const evaluation = evaluateOne(
      catalog,
      { type: 'consultation', created: '2026-11-16 10:00', events: [...started, type('2026-11-16 12:00', 'bug')] },
      '2026-11-16 13:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    // At 13:00: 180 of 240 spent (75 %, below the 80 % at-risk threshold).
    expect(resolution.state).toBe('running');
    expect(resolution.targetMinutes).toBe(240);
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 14:00');
    expect(resolution.breachedAtMs).toBeNull();
  });
});
