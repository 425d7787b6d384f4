import { escalationKey, reopenCycleAt, type EscalationIntent } from '../../../src/core/escalation/escalation-intents';
import { evaluatePortfolio, type PortfolioOptions } from '../../../src/core/sla/evaluate-portfolio';
import { buildCatalog, type Doc } from '../../helpers/catalog-builder';
import { issue, priority, response, status, type IssueSpec } from '../../helpers/issue-builder';
import { msk, mskLocal } from '../../helpers/instants';

/**
 * Escalation intents: what every tracker does about the levels that fell due. Calendar `office`
 * (Mon–Fri 09:00–18:00 Moscow), reaction 60, start 120, resolution 480; lines L1 < L2 < L3;
 * priorities low < normal < high < critical. Mon 2026-11-16.
 */
const ladder: Doc = {
  levels: [
    {
      level: 1,
      percentOfTarget: 50,
      clocks: ['resolution'],
      actions: [{ kind: 'notify', recipients: ['support_line'] }, { kind: 'raise_priority' }],
    },
    {
      level: 2,
      percentOfTarget: 75,
      clocks: ['resolution'],
      actions: [
        { kind: 'assign_line', line: 'L3' },
        { kind: 'comment', text: 'Escalated', visibleToClient: true },
        { kind: 'notify', recipients: ['support_lead', 'client_team'] },
      ],
    },
    {
      level: 3,
      percentOfTarget: 100,
      clocks: ['resolution'],
      actions: [
        { kind: 'assign_line', line: 'L2' },
        { kind: 'raise_priority', to: 'normal' },
      ],
    },
    {
      level: 4,
      percentOfTarget: 50,
      clocks: ['reaction'],
      actions: [{ kind: 'notify', recipients: ['client_contact'] }],
    },
  ],
};

function catalogWith(tariff: Doc = {}) {
  return buildCatalog({
    escalationPolicies: { ladder },
    tariffs: { main: { escalationPolicy: 'ladder', supportLines: ['L1', 'L2', 'L3'], ...tariff } },
  });
}

function intentsAt(
  spec: IssueSpec,
  at: string,
  options: PortfolioOptions['intents'] = {},
  tariff: Doc = {},
): EscalationIntent[] {
  const portfolio = evaluatePortfolio(catalogWith(tariff), [issue(spec)], msk(at), { intents: options });
  expect(portfolio.problems).toEqual([]);
  return portfolio.intents[0];
}

const summary = (intents: EscalationIntent[]) =>
  intents.map((intent) => [
    intent.key,
    mskLocal(intent.dueAtMs),
    intent.decision,
    intent.skipReason,
    intent.line,
    intent.priority,
  ]);

describe('which levels and in what order', () => {
  test('Due levels come oldest first, each with its identity; projected levels give no intent', () => {
    // Resolution 480 from 10:00: 50 % at 14:00, 75 % at 16:00, 100 % at 18:00. Reaction 50 % at 10:30 (answered 10:20 → stopped).
    const intents = intentsAt(
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:20')] },
      '2026-11-16 16:30',
    );
    expect(summary(intents)).toEqual([
      ['0:resolution:1', '2026-11-16 14:00', 'act', null, null, 'high'],
      ['0:resolution:2', '2026-11-16 16:00', 'act', null, 'L3', null],
    ]);
    expect(intents[0].identity).toEqual({ cycle: 0, clock: 'resolution', level: 1 });
  });

  test('Levels due at one instant are ordered by level, then reaction, start, resolution', () => {
    const both: Doc = {
      levels: [{ level: 1, percentOfTarget: 100, actions: [{ kind: 'notify', recipients: ['support_line'] }] }],
    };
    const catalog = buildCatalog({
      escalationPolicies: { both },
      tariffs: { main: { escalationPolicy: 'both', targets: { reaction: 60, start: 60, resolution: 60 } } },
    });
    const portfolio = evaluatePortfolio(catalog, [issue({ created: '2026-11-16 10:00' })], msk('2026-11-16 12:00'), {
      intents: {},
    });
    expect(portfolio.intents[0].map((intent) => intent.key)).toEqual(['0:reaction:1', '0:start:1', '0:resolution:1']);
  });

  test('Levels the tracker records as done give no intent, and later ones start from where those left the issue', () => {
    // Level 1 raised normal → high in an earlier run: the issue now says high.
    const spec: IssueSpec = {
      created: '2026-11-16 10:00',
      priority: 'normal',
      events: [response('2026-11-16 10:20'), priority('2026-11-16 14:01', 'high')],
    };
    const intents = intentsAt(spec, '2026-11-17 10:30', { done: () => new Set(['0:resolution:1']) });
    expect(summary(intents)).toEqual([
      ['0:resolution:2', '2026-11-16 16:00', 'act', null, 'L3', null],
      // Level 3 names L2 (below L3, where level 2 put it) and "normal" (below high): it moves nothing.
      ['0:resolution:3', '2026-11-16 18:00', 'act', null, null, null],
    ]);
  });
});

describe('act or skip', () => {
  test('A done issue records its due levels without acting', () => {
    const intents = intentsAt(
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:20'), status('2026-11-16 14:30', 'Resolved')] },
      '2026-11-16 15:00',
    );
    expect(summary(intents)).toEqual([['0:resolution:1', '2026-11-16 14:00', 'skip', 'issue_done', null, null]]);
  });

  test('A level of a clock that stopped is recorded without acting', () => {
    // Reaction 50 % at 10:30; the response at 10:40 stopped the clock before the tracker acted.
    const intents = intentsAt(
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:40')] },
      '2026-11-16 10:45',
    );
    expect(summary(intents)).toEqual([['0:reaction:4', '2026-11-16 10:30', 'skip', 'clock_stopped', null, null]]);
  });

  test('Levels due before the tracker served the contract are recorded without acting', () => {
    const intents = intentsAt(
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:20')] },
      '2026-11-16 16:30',
      { escalateSinceMs: msk('2026-11-16 15:00') },
    );
    expect(summary(intents)).toEqual([
      ['0:resolution:1', '2026-11-16 14:00', 'skip', 'before_enabled', null, null],
      ['0:resolution:2', '2026-11-16 16:00', 'act', null, 'L3', null],
    ]);
  });

  test('A level reached before a reopen keeps its cycle; one reached after it belongs to the new cycle', () => {
    const spec: IssueSpec = {
      created: '2026-11-16 10:00',
      events: [
        response('2026-11-16 10:20'),
        status('2026-11-16 14:30', 'Resolved'),
        status('2026-11-16 15:00', 'In Progress'),
      ],
    };
    // 270 min by 14:30; resumed 15:00, 75 % (360) at 16:30.
    const intents = intentsAt(spec, '2026-11-16 17:00');
    expect(summary(intents)).toEqual([
      ['0:resolution:1', '2026-11-16 14:00', 'act', null, null, 'high'],
      ['1:resolution:2', '2026-11-16 16:30', 'act', null, 'L3', null],
    ]);
  });

  test('The reopen cycle counts each move out of a done status', () => {
    const statuses = catalogWith().contract('acme')!.statuses;
    const events = [
      status('2026-11-16 11:00', 'Resolved'),
      status('2026-11-16 12:00', 'In Progress'),
      status('2026-11-16 13:00', 'Closed'),
      status('2026-11-16 14:00', 'New'),
    ];
    const history = issue({ created: '2026-11-16 10:00', events });
    expect(
      [11, 12, 13, 14].map((hour) =>
        reopenCycleAt(history.status, history.events, statuses, msk(`2026-11-16 ${hour}:30`)),
      ),
    ).toEqual([0, 1, 1, 2]);
    expect(escalationKey({ cycle: 2, clock: 'start', level: 3 })).toBe('2:start:3');
  });
});

describe('line, priority, visibility and note', () => {
  test('The line moves only up the tariff lines, from the line the issue is on', () => {
    const on: IssueSpec = {
      created: '2026-11-16 10:00',
      events: [response('2026-11-16 10:20'), { at: '2026-11-16 11:00', kind: 'line', to: 'L3' }],
    };
    expect(intentsAt(on, '2026-11-16 16:30').map((intent) => intent.line)).toEqual([null, null]);
  });

  test('A priority is raised to the named one only when it is higher, else one step up, never past the top', () => {
    const critical = intentsAt(
      { created: '2026-11-16 10:00', priority: 'critical', events: [response('2026-11-16 10:20')] },
      '2026-11-17 10:30',
      {},
      { priorities: { critical: { resolution: 480 } } },
    );
    expect(critical.map((intent) => intent.priority)).toEqual([null, null, null]);
    const low = intentsAt(
      { created: '2026-11-16 10:00', priority: 'low', events: [response('2026-11-16 10:20')] },
      '2026-11-17 10:30',
    );
    // low → normal (level 1); level 3 names normal, no longer higher.
    expect(low.map((intent) => [intent.priorityBefore, intent.priority])).toEqual([
      ['low', 'normal'],
      ['normal', null],
      ['normal', null],
    ]);
  });

  test('The comment decides visibility; without one, notifying a client recipient makes the note visible', () => {
    const reaction = intentsAt({ created: '2026-11-16 10:00' }, '2026-11-16 10:45');
    expect(reaction.map((intent) => [intent.key, intent.visibleToClient, intent.recipients])).toEqual([
      ['0:reaction:4', true, ['client_contact']],
    ]);
    const resolution = intentsAt(
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:20')] },
      '2026-11-16 16:30',
    );
    expect(resolution.map((intent) => [intent.visibleToClient, intent.recipients])).toEqual([
      [false, ['support_line']],
      [true, ['support_lead', 'client_team']],
    ]);
  });

  test('The escalation mode "without client" keeps the note internal and drops client recipients', () => {
    const intents = intentsAt(
      { created: '2026-11-16 10:00', events: [response('2026-11-16 10:20')] },
      '2026-11-16 16:30',
      {},
      { escalationMode: 'without_client' },
    );
    expect(intents.map((intent) => [intent.visibleToClient, intent.recipients])).toEqual([
      [false, ['support_line']],
      [false, ['support_lead']],
    ]);
  });

  test('The note is localized and names the level, the line, the priority and the recipients', () => {
    const spec: IssueSpec = { key: 'SUP-7', created: '2026-11-16 10:00', events: [response('2026-11-16 10:20')] };
    const [first, second] = intentsAt(spec, '2026-11-16 16:30', { language: 'ru' });
    expect(first.note).toBe(
      [
        'SUP-7: достигнут уровень эскалации 1 по сроку «решение» в 2026-11-16 14:00 (+03:00).',
        'Приоритет повышен с normal до high.',
        'Внимание: линия поддержки.',
      ].join('\n'),
    );
    expect(second.subject).toBe('[Tariff SLA] SUP-7: эскалация по SLA (решение), уровень 2');
    const [english] = intentsAt(spec, '2026-11-16 16:30', { language: 'en' });
    expect(english.note).toBe(
      [
        'SUP-7 reached escalation level 1 of its resolution SLA clock at 2026-11-16 14:00 (+03:00).',
        'Its priority is raised from normal to high.',
        'Attention: support line.',
      ].join('\n'),
    );
    const [, secondEn] = intentsAt(spec, '2026-11-16 16:30');
    expect(secondEn.note.split('\n').slice(1)).toEqual([
      'Escalated',
      'The request is handed to support line L3.',
      "Attention: support lead, client's team.",
    ]);
  });
});

describe('the evaluation entry point', () => {
  test('An issue whose evaluation throws becomes a problem with a code and a path; the others are evaluated', () => {
    const catalog = catalogWith();
    const good = issue({ key: 'OK-1', created: '2026-11-16 10:00' });
    const bad = { ...issue({ key: 'BAD-1', created: '2026-11-16 10:00' }), events: null as never };
    const portfolio = evaluatePortfolio(catalog, [bad, good], msk('2026-11-16 11:00'));
    expect(portfolio.evaluations.map((evaluation) => evaluation.key)).toEqual(['OK-1']);
    expect(portfolio.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['evaluation_failed', ['issues', 0]],
    ]);
    expect(portfolio.problems[0].message).toMatch(/^issue "BAD-1" could not be evaluated: /);
  });

  test('Peers count toward the daily limit without being evaluated for the caller', () => {
    const catalog = buildCatalog({ tariffs: { main: { incidentsPerDay: 2 } } });
    const peers = [
      issue({ key: 'P-1', created: '2026-11-16 09:10' }),
      issue({ key: 'P-2', created: '2026-11-16 09:20' }),
    ];
    const mine = issue({ key: 'M-1', created: '2026-11-16 09:30' });
    const alone = evaluatePortfolio(catalog, [mine], msk('2026-11-16 12:00'));
    const withPeers = evaluatePortfolio(catalog, [mine], msk('2026-11-16 12:00'), { limitPeers: [...peers, mine] });
    expect([
      alone.evaluations.map((e) => [e.key, e.overLimit]),
      withPeers.evaluations.map((e) => [e.key, e.overLimit]),
    ]).toEqual([[['M-1', false]], [['M-1', true]]]);
  });
});
