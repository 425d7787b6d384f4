import { nextTransitionAtMs } from '../../../src/core/sla/next-transition';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildCatalog } from '../../helpers/catalog-builder';
import { evaluateOne, issue, response, status, type IssueSpec } from '../../helpers/issue-builder';
import { msk, mskLocal } from '../../helpers/instants';

/**
 * Catalog: `office` Mon–Fri 09:00–18:00 Moscow; reaction 60, start 120, resolution 480, at risk at 80 %.
 * Mon 2026-11-16.
 */
const catalog = buildCatalog();

function next(spec: IssueSpec, at: string, source: CompiledCatalog = catalog): string | null {
  const evaluation = evaluateOne(source, spec, at);
  const contract = source.contract(evaluation.contractId);
  if (!contract) throw new Error('no contract');
  const term = source.tariffAt(contract, evaluation.createdAtMs);
  return mskLocal(
    nextTransitionAtMs(evaluation, { calendar: term.calendar, atRiskPercent: term.tariff.atRiskPercent }, msk(at)),
  );
}

/** The evaluation's badge state at a Moscow wall time, for the oracle below. */
function stateAt(spec: IssueSpec, atMs: number): string {
  const portfolio = evaluatePortfolio(catalog, [issue(spec)], atMs);
  const evaluation = portfolio.evaluations[0];
  return JSON.stringify([
    evaluation.state,
    Object.values(evaluation.clocks).map((clock) => clock?.state),
    evaluation.escalations.filter((step) => step.due).length,
  ]);
}

describe('nextTransitionAtMs', () => {
  test('A new issue changes next when its reaction clock turns at risk (80 % of 60 minutes)', () => {
    expect(next({ created: '2026-11-16 10:00' }, '2026-11-16 10:05')).toBe('2026-11-16 10:48');
  });

  test('An at-risk clock changes next at its breach, the first working instant after the deadline', () => {
    expect(next({ created: '2026-11-16 10:00' }, '2026-11-16 10:50')).toBe('2026-11-16 11:00:00'); // 1 ms past the deadline
  });

  test('A deadline at the end of the working day is breached only when the next working day begins', () => {
    // Reaction answered; resolution 480 min from 10:00 ends at 18:00 exactly.
    const spec: IssueSpec = {
      created: '2026-11-16 10:00',
      events: [response('2026-11-16 10:05'), status('2026-11-16 10:06', 'In Progress')],
    };
    expect(next(spec, '2026-11-16 17:30')).toBe('2026-11-17 09:00:00'); // 1 ms into the day
  });

  test('Every clock stopped: nothing changes until the next event', () => {
    const spec: IssueSpec = {
      created: '2026-11-16 10:00',
      events: [
        response('2026-11-16 10:05'),
        status('2026-11-16 10:06', 'In Progress'),
        status('2026-11-16 11:00', 'Resolved'),
      ],
    };
    expect(next(spec, '2026-11-16 12:00')).toBeNull();
  });

  test('Nothing is missed: the state is the same at every minute before the instant and differs at it (oracle, minute by minute)', () => {
    const spec: IssueSpec = { created: '2026-11-16 10:00', events: [response('2026-11-16 10:20')] };
    let atMs = msk('2026-11-16 10:30');
    const endMs = msk('2026-11-18 12:00');
    let checked = 0;
    while (atMs < endMs) {
      const evaluation = evaluatePortfolio(catalog, [issue(spec)], atMs).evaluations[0];
      const contract = catalog.contract(evaluation.contractId);
      if (!contract) throw new Error('no contract');
      const term = catalog.tariffAt(contract, evaluation.createdAtMs);
      const nextMs = nextTransitionAtMs(
        evaluation,
        { calendar: term.calendar, atRiskPercent: term.tariff.atRiskPercent },
        atMs,
      );
      const before = stateAt(spec, atMs);
      const stop = nextMs === null ? endMs : Math.min(nextMs, endMs);
      for (let minute = atMs + 60_000; minute < stop; minute += 60_000) expect(stateAt(spec, minute)).toBe(before);
      if (nextMs === null || nextMs >= endMs) break;
      expect(stateAt(spec, nextMs)).not.toBe(before);
      checked++;
      atMs = nextMs;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});
