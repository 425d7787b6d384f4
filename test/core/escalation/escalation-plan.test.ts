import type { EscalationAction } from '../../../src/core/catalog/catalog-schema';
import { actionsForMode } from '../../../src/core/escalation/escalation-plan';
import type { IssueEvaluation } from '../../../src/core/sla/evaluate-issue';
import { buildCatalog, type Doc } from '../../helpers/catalog-builder';
import { evaluateOne, priority, response, status } from '../../helpers/issue-builder';
import { mskLocal } from '../../helpers/instants';

/**
 * Escalation plans. Calendar `office`: Mon–Fri 09:00–18:00 Moscow. Targets: reaction 60, start 120,
 * resolution 480 (critical: resolution 120; high: resolution 240). The ladder:
 * - level 1 at 50 % of the target, every clock;
 * - level 2 ten working minutes before the deadline, every clock;
 * - level 3 at 100 %, resolution only (assign L2, notify, comment);
 * - level 4 at 200 %, resolution only (raise priority).
 * Mon 2026-11-16.
 */
const ladder: Doc = {
  levels: [
    { level: 1, percentOfTarget: 50, actions: [{ kind: 'notify', recipients: ['support_line'] }] },
    { level: 2, minutesBeforeDue: 10, actions: [{ kind: 'notify', recipients: ['support_lead', 'client_contact'] }] },
    {
      level: 3,
      percentOfTarget: 100,
      clocks: ['resolution'],
      actions: [
        { kind: 'assign_line', line: 'L2' },
        { kind: 'notify', recipients: ['account_manager', 'client_team'] },
        { kind: 'comment', text: 'Deadline passed' },
      ],
    },
    { level: 4, percentOfTarget: 200, clocks: ['resolution'], actions: [{ kind: 'raise_priority' }] },
  ],
};

function catalogWith(tariff: Doc = {}) {
  return buildCatalog({
    escalationPolicies: { ladder },
    tariffs: {
      main: {
        escalationPolicy: 'ladder',
        priorities: { critical: { resolution: 120 }, high: { resolution: 240 } },
        ...tariff,
      },
    },
  });
}

/** `[level, clock, due instant, due?]` of every step. */
function steps(evaluation: IssueEvaluation): Array<[number, string, string | null, boolean]> {
  return evaluation.escalations.map((step) => [step.level, step.clock, mskLocal(step.dueAtMs), step.due]);
}

const catalog = catalogWith();

describe('when levels fall due', () => {
  test('Levels fall due by percent of the target and by minutes before the deadline; future ones are projected', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-16 10:00' }, '2026-11-16 10:40');
    expect(steps(evaluation)).toEqual([
      // Level 1 at 50 %: reaction 30 min → 10:30 (due), start 60 → 11:00, resolution 240 → 14:00.
      [1, 'reaction', '2026-11-16 10:30', true],
      [1, 'start', '2026-11-16 11:00', false],
      [1, 'resolution', '2026-11-16 14:00', false],
      // Level 2 ten minutes before each deadline: 50 → 10:50, 110 → 11:50, 470 → 17:50.
      [2, 'reaction', '2026-11-16 10:50', false],
      [2, 'start', '2026-11-16 11:50', false],
      [2, 'resolution', '2026-11-16 17:50', false],
      // Levels 3 and 4 watch resolution only: 480 → 18:00; 960 → 480 more from Tuesday 09:00 → 17:00.
      [3, 'resolution', '2026-11-16 18:00', false],
      [4, 'resolution', '2026-11-17 17:00', false],
    ]);
  });

  test('A level restricted to some clocks never fires for the others, even breached ones', () => {
    // At 12:00 the reaction clock (60) is breached, yet levels 3 and 4 stay on resolution.
    const evaluation = evaluateOne(catalog, { created: '2026-11-16 10:00' }, '2026-11-16 12:00');
    const reactionLevels = evaluation.escalations.filter((step) => step.clock === 'reaction').map((step) => step.level);
    expect(reactionLevels).toEqual([1, 2]);
  });

  test('A stopped clock keeps only the levels it reached before the stop', () => {
    // Response at 10:35: reaction level 1 (10:30) was reached, level 2 (10:50) never will be.
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:35')] },
      '2026-11-16 10:40',
    );
    expect(steps(evaluation).filter(([, clock]) => clock === 'reaction')).toEqual([
      [1, 'reaction', '2026-11-16 10:30', true],
    ]);
  });

  test('A level reached at the very instant the clock stopped does not fire', () => {
    const evaluation = evaluateOne(
      catalog,
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:30')] },
      '2026-11-16 10:40',
    );
    expect(steps(evaluation).filter(([, clock]) => clock === 'reaction')).toEqual([]);
  });

  test('A paused clock projects nothing', () => {
    // Reaction stopped 10:05 (5 min), start stopped 10:10 (10 min): neither reached level 1.
    // Resolution counted 10:00 → 11:00 (60 of 480) and waits: no projection, no level due yet.
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [
          response('2026-11-16 10:05'),
          status('2026-11-16 10:10', 'In Progress'),
          status('2026-11-16 11:00', 'Waiting for customer'),
        ],
      },
      '2026-11-16 12:00',
    );
    expect(evaluation.escalations).toEqual([]);
  });

  test('A breached clock that is paused keeps its due levels and projects no further ones', () => {
    // Resolution 60: levels at 30 (10:30), 50 (10:50), 60 (11:00) are due; level 4 (120) would need
    // 30 more counted minutes, but the issue waits for the customer from 11:30.
    const short = catalogWith({ targets: { reaction: 60, start: 120, resolution: 60 } });
    const history = {
      created: '2026-11-16 10:00',
      events: [response('2026-11-16 10:05'), status('2026-11-16 11:30', 'Waiting for customer')],
    };
    const evaluation = evaluateOne(short, history, '2026-11-16 15:00');
    expect(steps(evaluation).filter(([, clock]) => clock === 'resolution')).toEqual([
      [1, 'resolution', '2026-11-16 10:30', true],
      [2, 'resolution', '2026-11-16 10:50', true],
      [3, 'resolution', '2026-11-16 11:00', true],
    ]);
    // Once work resumes at 14:00, level 4 is projected: 90 counted, 30 more from 14:10 (100 counted) → 14:30.
    const resumed = evaluateOne(
      short,
      { ...history, events: [...history.events, status('2026-11-16 14:00', 'In Progress')] },
      '2026-11-16 14:10',
    );
    expect(steps(resumed).filter(([level]) => level === 4)).toEqual([[4, 'resolution', '2026-11-16 14:30', false]]);
  });

  test('A level that falls due because a priority change shortened the target is due at the change', () => {
    // normal (480) → critical (120) at 13:00 with 180 spent: levels 1 (60), 2 (110) and 3 (120) are all
    // passed at once, at 13:00; level 4 (240) is projected 30 minutes after 13:30.
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [
          response('2026-11-16 10:05'),
          status('2026-11-16 10:10', 'In Progress'),
          priority('2026-11-16 13:00', 'critical'),
        ],
      },
      '2026-11-16 13:30',
    );
    expect(steps(evaluation).filter(([, clock]) => clock === 'resolution')).toEqual([
      [1, 'resolution', '2026-11-16 13:00', true],
      [2, 'resolution', '2026-11-16 13:00', true],
      [3, 'resolution', '2026-11-16 13:00', true],
      [4, 'resolution', '2026-11-16 14:00', false],
    ]);
  });

  test('A level already due before a priority change keeps the instant it fell due', () => {
    // Level 1 under normal: 240 min → 14:00. At 15:00 (300 spent) the priority goes high (240): level 1
    // is now 120 min, passed long ago, but it had been due since 14:00 and stays so.
    // Level 3 (240 under high) is passed only by the change: due at 15:00.
    const evaluation = evaluateOne(
      catalog,
      {
        created: '2026-11-16 10:00',
        events: [
          response('2026-11-16 10:05'),
          status('2026-11-16 10:10', 'In Progress'),
          priority('2026-11-16 15:00', 'high'),
        ],
      },
      '2026-11-16 15:10',
    );
    const resolution = steps(evaluation).filter(([, clock]) => clock === 'resolution');
    expect(resolution[0]).toEqual([1, 'resolution', '2026-11-16 14:00', true]);
    expect(resolution.find(([level]) => level === 3)).toEqual([3, 'resolution', '2026-11-16 15:00', true]);
  });

  test('Without an escalation policy there are no escalations', () => {
    expect(evaluateOne(buildCatalog(), { created: '2026-11-16 10:00' }, '2026-11-17 10:00').escalations).toEqual([]);
  });
});

describe('escalation modes', () => {
  const actions: EscalationAction[] = [
    { kind: 'assign_line', line: 'L2' },
    { kind: 'notify', recipients: ['support_lead', 'client_contact'] },
    { kind: 'notify', recipients: ['account_manager', 'client_team'] },
    { kind: 'notify', recipients: ['client_team'] },
    { kind: 'comment', text: 'Deadline passed', visibleToClient: true },
    { kind: 'raise_priority' },
  ];

  test('"with_client_team" keeps every recipient and visible comments', () => {
    expect(actionsForMode(actions, 'with_client_team')).toEqual(actions);
  });

  test('"minimal_client" drops the client team but keeps the client contact person', () => {
    expect(actionsForMode(actions, 'minimal_client')).toEqual([
      { kind: 'assign_line', line: 'L2' },
      { kind: 'notify', recipients: ['support_lead', 'client_contact'] },
      { kind: 'notify', recipients: ['account_manager'] },
      // The notify to the client team alone is gone.
      { kind: 'comment', text: 'Deadline passed', visibleToClient: true },
      { kind: 'raise_priority' },
    ]);
  });

  test('"without_client" drops every client recipient and makes comments internal', () => {
    expect(actionsForMode(actions, 'without_client')).toEqual([
      { kind: 'assign_line', line: 'L2' },
      { kind: 'notify', recipients: ['support_lead'] },
      { kind: 'notify', recipients: ['account_manager'] },
      { kind: 'comment', text: 'Deadline passed', visibleToClient: false },
      { kind: 'raise_priority' },
    ]);
  });

  test('The tariff mode filters the steps of an evaluation, and a step left with no action is dropped', () => {
    const clientOnly = buildCatalog({
      escalationPolicies: {
        tell: {
          levels: [
            { level: 1, percentOfTarget: 50, actions: [{ kind: 'notify', recipients: ['client_contact'] }] },
            {
              level: 2,
              percentOfTarget: 100,
              actions: [
                { kind: 'notify', recipients: ['support_lead', 'client_team'] },
                { kind: 'comment', text: 'Late' },
              ],
            },
          ],
        },
      },
      tariffs: {
        main: {
          escalationPolicy: 'tell',
          escalationMode: 'without_client',
          targets: { reaction: 60, start: undefined, resolution: undefined },
        },
      },
    });
    const evaluation = evaluateOne(clientOnly, { created: '2026-11-16 10:00' }, '2026-11-16 11:30');
    // Level 1 only told the client: gone. Level 2 keeps the lead and an internal comment.
    expect(evaluation.escalations).toEqual([
      {
        level: 2,
        clock: 'reaction',
        dueAtMs: expect.any(Number),
        due: true,
        actions: [
          { kind: 'notify', recipients: ['support_lead'] },
          { kind: 'comment', text: 'Late', visibleToClient: false },
        ],
      },
    ]);
    expect(mskLocal(evaluation.escalations[0].dueAtMs)).toBe('2026-11-16 11:00');
  });
});
