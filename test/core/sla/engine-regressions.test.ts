import { clockOf, estimate, evaluateOne, status, type } from '../../helpers/issue-builder';
import { mskLocal } from '../../helpers/instants';
import { seedCatalog } from '../../helpers/seed-catalog';

/** Two engine defects found by comparing the engine with an independent implementation, pinned to their reproductions (examples/catalog.yml). */
const catalog = seedCatalog();

describe('a clock that starts counting again exactly at the evaluation instant', () => {
  // Базовый (client-a before 16 Nov): 9–18, resolution 480. Mon 2026-11-09.
  const spec = {
    contract: 'client-a',
    created: '2026-11-09 10:00',
    events: [status('2026-11-09 11:00', 'Resolved'), status('2026-11-09 12:00', 'In Progress')],
  };

  test('A reopen at exactly now reads running with its deadline, as it does one minute later', () => {
    const atReopen = clockOf(evaluateOne(catalog, spec, '2026-11-09 12:00'), 'resolution');
    expect([atReopen.state, atReopen.elapsedMinutes, mskLocal(atReopen.dueAtMs)]).toEqual([
      'running',
      60,
      '2026-11-10 10:00',
    ]);
    const minuteLater = clockOf(evaluateOne(catalog, spec, '2026-11-09 12:01'), 'resolution');
    expect([minuteLater.state, minuteLater.elapsedMinutes, mskLocal(minuteLater.dueAtMs)]).toEqual([
      'running',
      61,
      '2026-11-10 10:00',
    ]);
  });

  test('A resume from a pause status at exactly now reads running', () => {
    const paused = {
      contract: 'client-a',
      created: '2026-11-09 10:00',
      events: [status('2026-11-09 11:00', 'Waiting for customer'), status('2026-11-09 12:00', 'In Progress')],
    };
    const resolution = clockOf(evaluateOne(catalog, paused, '2026-11-09 12:00'), 'resolution');
    expect([resolution.state, resolution.elapsedMinutes, mskLocal(resolution.dueAtMs)]).toEqual([
      'running',
      60,
      '2026-11-10 10:00',
    ]);
  });

  test('The first estimate of an enhancement at exactly now starts its clock running', () => {
    const enhancement = {
      contract: 'client-d',
      type: 'enhancement',
      created: '2026-11-09 10:00',
      events: [estimate('2026-11-09 12:00', 600)],
    };
    const resolution = clockOf(evaluateOne(catalog, enhancement, '2026-11-09 12:00'), 'resolution');
    expect([resolution.state, resolution.elapsedMinutes, mskLocal(resolution.dueAtMs)]).toEqual([
      'running',
      0,
      '2026-11-10 12:00',
    ]);
  });
});

describe('a request that leaves an estimate-based type', () => {
  // Пакет 25 часов (client-d): 10/5 schedule 9–19; enhancement by estimate, bug 480 (cutoff 16:00).
  const spec = {
    contract: 'client-d',
    type: 'enhancement',
    created: '2026-11-09 16:30',
    events: [estimate('2026-11-11 09:00', 600), type('2026-11-11 10:00', 'bug')],
  };

  test('Before the change the estimate counts from the first estimate: running, 30 of 600', () => {
    const resolution = clockOf(evaluateOne(catalog, spec, '2026-11-11 09:30'), 'resolution');
    expect([resolution.state, resolution.elapsedMinutes, resolution.targetMinutes]).toEqual(['running', 30, 600]);
  });

  test('The breach the type change causes is dated at the change, 10:00, not at the first estimate', () => {
    const resolution = clockOf(evaluateOne(catalog, spec, '2026-11-11 12:00'), 'resolution');
    expect(resolution.state).toBe('breached');
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-11 10:00');
    // The at-risk instant and the escalation levels are dated by the same rule: at the change as well.
    expect(mskLocal(resolution.atRiskAtMs)).toBe('2026-11-11 10:00');
  });
});
