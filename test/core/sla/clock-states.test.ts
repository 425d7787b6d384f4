import { buildCatalog } from '../../helpers/catalog-builder';
import { clockOf, evaluateAt, evaluateOne, issue, response, status } from '../../helpers/issue-builder';
import { mskLocal } from '../../helpers/instants';

/**
 * Clock states at the evaluation instant. Catalog: `office` Mon–Fri 09:00–18:00 Moscow; reaction 60,
 * start 120, resolution 480, at risk at 80 %. Mon 2026-11-16.
 */
const catalog = buildCatalog();

describe('at-risk threshold', () => {
  test('A running clock turns at risk when 80 % of its target has elapsed', () => {
    // 80 % of 60 = 48 minutes: 10:47 is below, 10:48 is on the threshold.
    const before = clockOf(evaluateOne(catalog, { created: '2026-11-16 10:00' }, '2026-11-16 10:47'), 'reaction');
    expect(before.state).toBe('running');
    expect(before.atRiskAtMs).toBeNull();
    const on = clockOf(evaluateOne(catalog, { created: '2026-11-16 10:00' }, '2026-11-16 10:48'), 'reaction');
    expect(on.state).toBe('at_risk');
    expect(mskLocal(on.atRiskAtMs)).toBe('2026-11-16 10:48');
  });

  test("The tariff's atRiskPercent moves the threshold", () => {
    const early = buildCatalog({ tariffs: { main: { atRiskPercent: 50 } } });
    // 50 % of 60 = 30 minutes.
    expect(clockOf(evaluateOne(early, { created: '2026-11-16 10:00' }, '2026-11-16 10:29'), 'reaction').state).toBe(
      'running',
    );
    expect(clockOf(evaluateOne(early, { created: '2026-11-16 10:00' }, '2026-11-16 10:30'), 'reaction').state).toBe(
      'at_risk',
    );
  });

  test('A clock exactly at its deadline is at risk, not yet breached', () => {
    const reaction = clockOf(evaluateOne(catalog, { created: '2026-11-16 10:00' }, '2026-11-16 11:00'), 'reaction');
    expect(reaction.state).toBe('at_risk');
    expect(reaction.remainingMinutes).toBe(0);
    expect(reaction.breachedAtMs).toBeNull();
  });
});

describe('met at the deadline, breached one minute later', () => {
  test('A clock stopped exactly at its deadline has met its target', () => {
    // 10:00 + 480 working minutes = 18:00, the end of the working day.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:05'), status('2026-11-16 18:00', 'Resolved')] },
      '2026-11-17 12:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('met');
    expect(resolution.elapsedMinutes).toBe(480);
    expect(resolution.remainingMinutes).toBe(0);
    expect(resolution.breachedAtMs).toBeNull();
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-16 18:00');
  });

  test('A clock stopped one working minute after its deadline is breached, dated at the deadline', () => {
    // 480 on Monday + 09:00 → 09:01 on Tuesday = 481.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:05'), status('2026-11-17 09:01', 'Resolved')] },
      '2026-11-17 12:00',
    );
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.state).toBe('breached');
    expect(resolution.elapsedMinutes).toBe(481);
    expect(resolution.remainingMinutes).toBe(-1);
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-16 18:00');
    expect(mskLocal(resolution.stoppedAtMs)).toBe('2026-11-17 09:01');
  });

  test('A running clock one minute past its deadline is breached', () => {
    const reaction = clockOf(evaluateOne(catalog, { created: '2026-11-16 10:00' }, '2026-11-16 11:01'), 'reaction');
    expect(reaction.state).toBe('breached');
    expect(reaction.elapsedMinutes).toBe(61);
    expect(mskLocal(reaction.breachedAtMs)).toBe('2026-11-16 11:00');
    expect(mskLocal(reaction.dueAtMs)).toBe('2026-11-16 11:00');
  });

  test('The issue state is its most urgent clock state', () => {
    // Reaction met (response at 10:10), resolution breached at 18:00; at Tuesday 10:00 the issue is breached.
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [response('2026-11-16 10:10'), status('2026-11-16 10:20', 'In Progress')],
      },
      '2026-11-17 10:00',
    );
    expect(clockOf(evaluation, 'reaction').state).toBe('met');
    expect(clockOf(evaluation, 'resolution').state).toBe('breached');
    expect(evaluation.state).toBe('breached');
  });
});

describe('the evaluation instant', () => {
  const history = {
    created: '2026-11-16 10:00',
    events: [
      response('2026-11-16 10:30'),
      status('2026-11-16 11:00', 'In Progress'),
      status('2026-11-16 12:00', 'Resolved'),
    ],
  };

  test('Events after the evaluation instant are ignored: the clocks replay as they stood then', () => {
    const evaluation = evaluateOne(catalog, history, '2026-11-16 10:20');
    expect(evaluation.status).toBe('New');
    expect(clockOf(evaluation, 'reaction').state).toBe('running');
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(20);
    expect(clockOf(evaluation, 'resolution').stoppedAtMs).toBeNull();
  });

  test('An event exactly at the evaluation instant counts', () => {
    const evaluation = evaluateOne(catalog, history, '2026-11-16 10:30');
    expect(clockOf(evaluation, 'reaction').state).toBe('met');
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(30);
  });

  test('An issue created after the evaluation instant is left out, neither evaluated nor reported', () => {
    const early = issue({ key: 'EARLY', created: '2026-11-16 10:00' });
    // Its contract does not even exist: had it been looked at, it would be a problem.
    const late = issue({ key: 'LATE', contract: 'nobody', created: '2026-11-16 16:00' });
    const portfolio = evaluateAt(catalog, [early, late], '2026-11-16 15:00');
    expect(portfolio.evaluations.map((evaluation) => evaluation.key)).toEqual(['EARLY']);
    expect(portfolio.problems).toEqual([]);
  });

  test('An issue created exactly at the evaluation instant is evaluated with nothing elapsed', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-16 10:00' }, '2026-11-16 10:00');
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(0);
    expect(mskLocal(clockOf(evaluation, 'reaction').dueAtMs)).toBe('2026-11-16 11:00');
  });
});

describe('pause at the evaluation instant', () => {
  test('A change to a pause status at exactly the evaluation instant already reads paused', () => {
    // Triggers evaluate right at the change: the zero-length pause span must still count as paused.
    const events = [response('2026-11-16 10:05'), status('2026-11-16 11:00', 'Waiting for customer')];
    const atChange = clockOf(
      evaluateOne(catalog, { created: '2026-11-16 10:00', events }, '2026-11-16 11:00'),
      'resolution',
    );
    expect(atChange.state).toBe('paused');
    expect(atChange.dueAtMs).toBeNull();
    expect(atChange.elapsedMinutes).toBe(60);
    const minuteBefore = clockOf(
      evaluateOne(catalog, { created: '2026-11-16 10:00', events }, '2026-11-16 10:59'),
      'resolution',
    );
    expect(minuteBefore.state).toBe('running');
  });
});
