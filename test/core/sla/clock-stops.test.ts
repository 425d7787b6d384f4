import { buildCatalog } from '../../helpers/catalog-builder';
import { clockOf, evaluateOne, response, status } from '../../helpers/issue-builder';
import { mskLocal } from '../../helpers/instants';

/**
 * When each clock stops. Catalog: `office` Mon–Fri 09:00–18:00 Moscow; reaction 60, start 120,
 * resolution 480 working minutes. Mon 2026-11-16 is a working Monday.
 */
const catalog = buildCatalog();

describe('reaction clock', () => {
  test('Reaction stops at the first response', () => {
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [response('2026-11-16 10:20'), status('2026-11-16 10:50', 'In Progress')],
      },
      '2026-11-16 12:00',
    );
    const reaction = clockOf(evaluation, 'reaction');
    // 10:00 → 10:20 = 20 working minutes of 60.
    expect(reaction.state).toBe('met');
    expect(reaction.elapsedMinutes).toBe(20);
    expect(mskLocal(reaction.stoppedAtMs)).toBe('2026-11-16 10:20');
    // The deadline it met: 10:00 + 60 min.
    expect(mskLocal(reaction.dueAtMs)).toBe('2026-11-16 11:00');
  });

  test('Reaction stops at the first status change out of the initial status, even without a response', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [status('2026-11-16 10:30', 'Waiting for customer')] },
      '2026-11-16 12:00',
    );
    const reaction = clockOf(evaluation, 'reaction');
    expect(reaction.state).toBe('met');
    expect(reaction.elapsedMinutes).toBe(30);
    expect(mskLocal(reaction.stoppedAtMs)).toBe('2026-11-16 10:30');
  });

  test('A later response does not move the reaction stop set by an earlier one', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:20'), response('2026-11-16 10:40')] },
      '2026-11-16 12:00',
    );
    expect(mskLocal(clockOf(evaluation, 'reaction').stoppedAtMs)).toBe('2026-11-16 10:20');
  });

  test('A status event that repeats the creation status does not stop the reaction clock', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [status('2026-11-16 10:10', 'New')] },
      '2026-11-16 10:30',
    );
    const reaction = clockOf(evaluation, 'reaction');
    expect(reaction.state).toBe('running');
    expect(reaction.stoppedAtMs).toBeNull();
    expect(reaction.elapsedMinutes).toBe(30);
  });

  test("The contract's initial status decides: an issue created waiting that moves into the initial status has not been answered", () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', status: 'Waiting for customer', events: [status('2026-11-16 10:30', 'New')] },
      '2026-11-16 11:00',
    );
    const reaction = clockOf(evaluation, 'reaction');
    // Paused 10:00–10:30, then counting in "New": 30 of 60, still open.
    expect([reaction.state, reaction.elapsedMinutes, reaction.stoppedAtMs]).toEqual(['running', 30, null]);
  });

  test('An issue created in another status reacts when it moves anywhere but the initial status', () => {
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        status: 'Triage',
        events: [status('2026-11-16 10:10', 'New'), status('2026-11-16 10:40', 'Waiting for customer')],
      },
      '2026-11-16 11:00',
    );
    const reaction = clockOf(evaluation, 'reaction');
    expect([reaction.state, reaction.elapsedMinutes, mskLocal(reaction.stoppedAtMs)]).toEqual([
      'met',
      40,
      '2026-11-16 10:40',
    ]);
  });

  test('A contract whose initial status has another name stops reaction on leaving that status', () => {
    const ownStatuses = buildCatalog({
      contracts: {
        acme: {
          statuses: { initial: 'Open', paused: ['Waiting for customer'], working: ['In Progress'], done: ['Resolved'] },
        },
      },
    });
    const evaluation = evaluateOne(
      ownStatuses,
      { created: '2026-11-16 10:00', status: 'Open', events: [status('2026-11-16 10:25', 'New')] },
      '2026-11-16 11:00',
    );
    expect(mskLocal(clockOf(evaluation, 'reaction').stoppedAtMs)).toBe('2026-11-16 10:25');
  });

  test('Reaction counts only working time: Monday evening and Tuesday morning add up', () => {
    // 17:30 → 18:00 = 30 min on Monday, then Tuesday 09:00 → 09:40 = 40 min: 70 > 60.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 17:30', events: [response('2026-11-17 09:40')] },
      '2026-11-17 12:00',
    );
    const reaction = clockOf(evaluation, 'reaction');
    expect(reaction.elapsedMinutes).toBe(70);
    expect(reaction.state).toBe('breached');
    // 60 min were used up at Tuesday 09:30 (30 on Monday + 30 on Tuesday).
    expect(mskLocal(reaction.breachedAtMs)).toBe('2026-11-17 09:30');
  });
});

describe('start-of-work clock', () => {
  test('Start of work stops at the first working status', () => {
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [response('2026-11-16 10:15'), status('2026-11-16 11:30', 'In Progress')],
      },
      '2026-11-16 15:00',
    );
    const start = clockOf(evaluation, 'start');
    expect(start.state).toBe('met');
    expect(start.elapsedMinutes).toBe(90);
    expect(mskLocal(start.stoppedAtMs)).toBe('2026-11-16 11:30');
  });

  test('Start of work stops when the issue goes straight to a done status', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [status('2026-11-16 10:45', 'Resolved')] },
      '2026-11-16 15:00',
    );
    const start = clockOf(evaluation, 'start');
    expect(start.state).toBe('met');
    expect(mskLocal(start.stoppedAtMs)).toBe('2026-11-16 10:45');
    expect(start.elapsedMinutes).toBe(45);
  });

  test('An issue created directly in a working status has met start of work at creation', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-16 10:00', status: 'In Progress' }, '2026-11-16 15:00');
    const start = clockOf(evaluation, 'start');
    expect(start.state).toBe('met');
    expect(start.elapsedMinutes).toBe(0);
    expect(mskLocal(start.stoppedAtMs)).toBe('2026-11-16 10:00');
  });

  test('Leaving the creation status for a non-working status does not stop start of work', () => {
    // A status that is neither working nor done nor a pause ("Triage") counts on.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [status('2026-11-16 10:30', 'Triage')] },
      '2026-11-16 11:00',
    );
    const start = clockOf(evaluation, 'start');
    expect(start.state).toBe('running');
    expect(start.elapsedMinutes).toBe(60);
    // 120 − 60 = 60 min left from 11:00.
    expect(mskLocal(start.dueAtMs)).toBe('2026-11-16 12:00');
  });
});

describe('resolution clock', () => {
  test('Resolution stops at the first done status', () => {
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [status('2026-11-16 10:30', 'In Progress'), status('2026-11-16 15:00', 'Resolved')],
      },
      '2026-11-16 17:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('met');
    expect(resolution.elapsedMinutes).toBe(300);
    expect(mskLocal(resolution.stoppedAtMs)).toBe('2026-11-16 15:00');
  });

  test('Moving from one done status to another keeps the stop at the first', () => {
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [status('2026-11-16 15:00', 'Resolved'), status('2026-11-16 16:00', 'Closed')],
      },
      '2026-11-16 17:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(mskLocal(resolution.stoppedAtMs)).toBe('2026-11-16 15:00');
    expect(resolution.elapsedMinutes).toBe(300);
  });

  test('A reopen resumes the resolution clock and the time spent done does not count', () => {
    // Counted 10:00 → 12:00 (120), done 12:00 → 15:00 (not counted), counting again 15:00 → 17:00 (120).
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [status('2026-11-16 12:00', 'Resolved'), status('2026-11-16 15:00', 'In Progress')],
      },
      '2026-11-16 17:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('running');
    expect(resolution.stoppedAtMs).toBeNull();
    expect(resolution.elapsedMinutes).toBe(240);
    // 240 left from Monday 17:00: 60 on Monday, 180 on Tuesday from 09:00 → 12:00.
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-17 12:00');
  });

  test('After a reopen the clock stops again at the next done status', () => {
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [
          status('2026-11-16 12:00', 'Resolved'),
          status('2026-11-16 15:00', 'In Progress'),
          status('2026-11-16 16:00', 'Closed'),
        ],
      },
      '2026-11-17 12:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    // 120 before the first resolve + 60 after the reopen.
    expect(resolution.elapsedMinutes).toBe(180);
    expect(mskLocal(resolution.stoppedAtMs)).toBe('2026-11-16 16:00');
    expect(resolution.state).toBe('met');
  });

  test('A reopened issue breaches once the counted time before and after the reopen passes the target', () => {
    // 120 before the resolve; after the reopen Monday 15:00 → 18:00 = 180 (300 in all), then 180 more on
    // Tuesday reach 480 at 12:00. At Tuesday 15:00: 120 + 180 + 360 = 660.
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [status('2026-11-16 12:00', 'Resolved'), status('2026-11-16 15:00', 'In Progress')],
      },
      '2026-11-17 15:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.elapsedMinutes).toBe(660);
    expect(resolution.state).toBe('breached');
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-17 12:00');
    expect(resolution.remainingMinutes).toBe(480 - 660);
  });
});

describe('issues created already in work or done', () => {
  test('An issue created directly in a working status has its reaction met at creation', () => {
    const reaction = clockOf(
      evaluateOne(catalog, { created: '2026-11-16 10:00', status: 'In Progress' }, '2026-11-16 15:00'),
      'reaction',
    );
    expect(reaction.state).toBe('met');
    expect(reaction.elapsedMinutes).toBe(0);
    expect(mskLocal(reaction.stoppedAtMs)).toBe('2026-11-16 10:00');
  });

  test('An issue imported already closed has every clock met, none paused or running', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-16 10:00', status: 'Closed' }, '2026-11-18 15:00');
    expect(evaluation.state).toBe('met');
    for (const name of ['reaction', 'start', 'resolution'] as const)
      expect(clockOf(evaluation, name).state).toBe('met');
  });
});
