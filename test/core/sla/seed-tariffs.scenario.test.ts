import type { IssueEvaluation } from '../../../src/core/sla/evaluate-issue';
import {
  clockOf,
  estimate,
  evaluateAt,
  evaluateOne,
  issue,
  response,
  status,
  type IssueSpec,
} from '../../helpers/issue-builder';
import { mskLocal } from '../../helpers/instants';
import { seedCatalog } from '../../helpers/seed-catalog';

/**
 * The seed tariffs of examples/catalog.yml on hand-computed cases. Calendars (Moscow, 2026 production
 * calendar): msk-9-18 (Базовый, free), msk-8-20 (Стандартный), msk-24x7 (Расширенный), msk-9-19 (hour
 * packages, unlimited, banks). Tue 2026-11-03 is a shortened pre-holiday day (one hour less) and Wed
 * 2026-11-04 a holiday. Escalation policy "standard": L1 at 80 %, L2 at 100 %, L3 at 150 % (resolution).
 */
const catalog = seedCatalog();

function steps(evaluation: IssueEvaluation): Array<[number, string, string | null, boolean]> {
  return evaluation.escalations.map((step) => [step.level, step.clock, mskLocal(step.dueAtMs), step.due]);
}

describe('Базовый (basic): 9–18, reaction 240, resolution 480, 5 incidents a day, with the client team', () => {
  // Created Monday 2026-11-02 15:00, before client-a moved to Стандартный on 2026-11-16.
  const spec: IssueSpec = {
    key: 'ALFA-1',
    contract: 'client-a',
    created: '2026-11-02 15:00',
    events: [response('2026-11-03 09:30'), status('2026-11-03 09:40', 'In Progress')],
  };
  const evaluation = evaluateOne(catalog, spec, '2026-11-05 11:00');

  test('Reaction across a short pre-holiday day: 180 min on Monday + 30 on Tuesday, met', () => {
    expect(evaluation.tariffId).toBe('basic');
    const reaction = clockOf(evaluation, 'reaction');
    expect(reaction.state).toBe('met');
    expect(reaction.elapsedMinutes).toBe(210);
    // Deadline: 180 on Monday (15:00 → 18:00) + 60 on Tuesday → 10:00.
    expect(mskLocal(reaction.dueAtMs)).toBe('2026-11-03 10:00');
  });

  test('Resolution: the shortened day ends at 17:00 and the holiday does not count', () => {
    const resolution = clockOf(evaluation, 'resolution');
    // 180 (Mon) + 480 (Tue 09:00–17:00) + 0 (Wed, holiday) + 120 (Thu 09:00–11:00) = 780.
    expect(resolution.elapsedMinutes).toBe(780);
    expect(resolution.state).toBe('breached');
    // 480 reached on Tuesday: 180 + 300 → 14:00.
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-03 14:00');
    expect(evaluation.clocks.start).toBeUndefined();
  });

  test('Escalations of the standard policy, every recipient kept', () => {
    expect(steps(evaluation)).toEqual([
      // Reaction L1 at 192 min: 180 + 12 → Tue 09:12, before the 09:30 response; L2 (10:00) never came.
      [1, 'reaction', '2026-11-03 09:12', true],
      // Resolution L1 at 384: 180 + 204 → Tue 12:24.
      [1, 'resolution', '2026-11-03 12:24', true],
      [2, 'resolution', '2026-11-03 14:00', true],
      // L3 at 720: 180 + 480 = 660 by Tuesday evening, 60 more on Thursday → 10:00.
      [3, 'resolution', '2026-11-05 10:00', true],
    ]);
    const level3 = evaluation.escalations.find((step) => step.level === 3);
    expect(level3?.actions).toContainEqual({ kind: 'notify', recipients: ['account_manager', 'client_team'] });
    const level2 = evaluation.escalations.find((step) => step.level === 2);
    expect(level2?.actions).toContainEqual(expect.objectContaining({ kind: 'comment', visibleToClient: true }));
  });

  test('The sixth request of a day is over the limit of five', () => {
    const hours = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00'];
    const issues = hours.map((hour, index) =>
      issue({
        key: `ALFA-${index + 1}`,
        contract: 'client-a',
        type: index === 2 ? 'consultation' : 'incident',
        created: `2026-11-12 ${hour}`,
      }),
    );
    const portfolio = evaluateAt(catalog, issues, '2026-11-12 18:00');
    // Basic covers every type and counts every type: the consultation is the third of six.
    expect(
      portfolio.evaluations.filter((evaluation) => evaluation.overLimit).map((evaluation) => evaluation.key),
    ).toEqual(['ALFA-6']);
  });
});

describe('client-a changes from Базовый to Стандартный on 2026-11-16', () => {
  test('An incident created on Sunday 23:59 is Базовый: due Monday 13:00 on 9–18', () => {
    const evaluation = evaluateOne(catalog, { contract: 'client-a', created: '2026-11-15 23:59' }, '2026-11-16 09:30');
    expect(evaluation.tariffId).toBe('basic');
    // Clock starts Monday 09:00; 240 minutes → 13:00.
    expect(mskLocal(clockOf(evaluation, 'reaction').dueAtMs)).toBe('2026-11-16 13:00');
  });

  test('An incident created on Monday 00:00 is Стандартный: due Monday 10:00 on 8–20', () => {
    const evaluation = evaluateOne(catalog, { contract: 'client-a', created: '2026-11-16 00:00' }, '2026-11-16 09:30');
    expect(evaluation.tariffId).toBe('standard');
    // Clock starts Monday 08:00; 120 minutes → 10:00.
    expect(mskLocal(clockOf(evaluation, 'reaction').dueAtMs)).toBe('2026-11-16 10:00');
  });
});

describe('Стандартный (standard): 8–20, reaction 120, resolution 240, minimal client participation', () => {
  test('Client B (Russian statuses): created Friday 20:30, paused overnight, resolved within target', () => {
    const spec: IssueSpec = {
      contract: 'client-b',
      status: 'Новая',
      created: '2026-11-20 20:30',
      events: [
        status('2026-11-23 08:45', 'В работе'),
        status('2026-11-23 10:00', 'Ожидает ответа клиента'),
        status('2026-11-24 09:00', 'В работе'),
        status('2026-11-24 10:30', 'Решена'),
      ],
    };
    const evaluation = evaluateOne(catalog, spec, '2026-11-24 12:00');
    expect(evaluation.offHours).toBe(true);
    expect(mskLocal(evaluation.clockStartMs)).toBe('2026-11-23 08:00');
    // Reaction stopped by leaving "Новая" at 08:45: 45 of 120.
    expect(clockOf(evaluation, 'reaction').elapsedMinutes).toBe(45);
    const resolution = clockOf(evaluation, 'resolution');
    // 08:00 → 10:00 = 120, paused until Tuesday 09:00, 09:00 → 10:30 = 90: 210 of 240.
    expect(resolution.elapsedMinutes).toBe(210);
    expect(resolution.state).toBe('met');
    expect(mskLocal(resolution.stoppedAtMs)).toBe('2026-11-24 10:30');
    // L1 at 192 = 120 + 72 → Tuesday 10:12, before the stop.
    expect(steps(evaluation)).toEqual([[1, 'resolution', '2026-11-24 10:12', true]]);
  });

  test('A critical incident (resolution 180) breaches; the client contact is told, the client team is not', () => {
    const spec: IssueSpec = {
      contract: 'client-b',
      status: 'Новая',
      priority: 'critical',
      created: '2026-11-23 09:00',
      events: [response('2026-11-23 09:20'), status('2026-11-23 09:30', 'В работе')],
    };
    const evaluation = evaluateOne(catalog, spec, '2026-11-23 13:00');
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.targetMinutes).toBe(180);
    expect(resolution.elapsedMinutes).toBe(240);
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-23 12:00');
    expect(steps(evaluation)).toEqual([
      [1, 'resolution', '2026-11-23 11:24', true], // 80 % of 180 = 144 min
      [2, 'resolution', '2026-11-23 12:00', true],
      [3, 'resolution', '2026-11-23 13:30', false], // 150 % = 270 min, 30 after 13:00
    ]);
    expect(evaluation.escalations[1].actions).toContainEqual({
      kind: 'notify',
      recipients: ['support_lead', 'account_manager', 'client_contact'],
    });
    expect(evaluation.escalations[2].actions).toContainEqual({ kind: 'notify', recipients: ['account_manager'] });
  });
});

describe('Расширенный (extended): 24/7, reaction 30, resolution 120, without the client', () => {
  const evaluation = evaluateOne(
    catalog,
    { contract: 'client-c', created: '2026-11-21 03:00', events: [response('2026-11-21 03:20')] },
    '2026-11-21 05:30',
  );

  test('Saturday night is working time: nothing is off hours', () => {
    expect(evaluation.offHours).toBe(false);
    expect(clockOf(evaluation, 'reaction').state).toBe('met');
    const resolution = clockOf(evaluation, 'resolution');
    expect(resolution.elapsedMinutes).toBe(150);
    expect(mskLocal(resolution.breachedAtMs)).toBe('2026-11-21 05:00');
  });

  test('Escalations stay inside the provider: no client recipients, internal comments', () => {
    expect(steps(evaluation)).toEqual([
      [1, 'resolution', '2026-11-21 04:36', true], // 96 min
      [2, 'resolution', '2026-11-21 05:00', true],
      [3, 'resolution', '2026-11-21 06:00', false], // 180 min
    ]);
    const [, level2, level3] = evaluation.escalations;
    expect(level2.actions).toEqual([
      { kind: 'assign_line', line: 'L2' },
      { kind: 'notify', recipients: ['support_lead', 'account_manager'] },
      {
        kind: 'comment',
        text: 'Срок по SLA истёк; обращение передано на вторую линию поддержки.',
        visibleToClient: false,
      },
    ]);
    expect(level3.actions).toEqual([
      { kind: 'assign_line', line: 'L3' },
      { kind: 'raise_priority' },
      { kind: 'notify', recipients: ['account_manager'] },
    ]);
  });

  test('The 25th incident of a day is over the limit of 24', () => {
    const issues = Array.from({ length: 25 }, (_, index) =>
      issue({
        key: `GAMMA-${String(index + 1).padStart(2, '0')}`,
        contract: 'client-c',
        created: `2026-11-21 ${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}`,
      }),
    );
    const portfolio = evaluateAt(catalog, issues, '2026-11-21 23:00');
    expect(
      portfolio.evaluations.filter((evaluation) => evaluation.overLimit).map((evaluation) => evaluation.key),
    ).toEqual(['GAMMA-25']);
  });
});

describe('hour packages (hours-25 for client-d): 10/5 from 9:00 to 19:00, reaction 2 h, start of work 4 h', () => {
  test('An incident at 17:30: reaction due Tuesday 09:30, start of work due 11:30 and breached', () => {
    const spec: IssueSpec = {
      contract: 'client-d',
      created: '2026-11-23 17:30',
      events: [response('2026-11-24 09:10'), status('2026-11-24 12:00', 'In Progress')],
    };
    const evaluation = evaluateOne(catalog, spec, '2026-11-24 13:00');
    expect(evaluation.tariffId).toBe('hours-25');
    expect(evaluation.offHours).toBe(false);
    // Reaction: 90 on Monday (17:30 → 19:00) + 10 on Tuesday = 100 of 120, deadline 90 + 30 → 09:30.
    const reaction = clockOf(evaluation, 'reaction');
    expect(reaction.elapsedMinutes).toBe(100);
    expect(mskLocal(reaction.dueAtMs)).toBe('2026-11-24 09:30');
    // Start of work: 90 + 180 (09:00 → 12:00) = 270 of 240; 240 reached at 90 + 150 → 11:30.
    const start = clockOf(evaluation, 'start');
    expect(start.elapsedMinutes).toBe(270);
    expect(mskLocal(start.breachedAtMs)).toBe('2026-11-24 11:30');
    // An incident has no resolution target in an hour package.
    expect(evaluation.clocks.resolution).toBeUndefined();
  });

  test('A bug before 16:00 is due at 19:00 the same day; a bug at 16:30 gets 480 minutes', () => {
    const early = clockOf(
      evaluateOne(catalog, { contract: 'client-d', type: 'bug', created: '2026-11-23 12:00' }, '2026-11-23 12:30'),
      'resolution',
    );
    // 12:00 → 19:00 = 420 < 480.
    expect(early.targetMinutes).toBe(420);
    expect(mskLocal(early.dueAtMs)).toBe('2026-11-23 19:00');
    const late = clockOf(
      evaluateOne(catalog, { contract: 'client-d', type: 'bug', created: '2026-11-23 16:30' }, '2026-11-23 17:00'),
      'resolution',
    );
    // 150 on Monday + 330 on Tuesday from 09:00 → 14:30.
    expect(late.targetMinutes).toBe(480);
    expect(mskLocal(late.dueAtMs)).toBe('2026-11-24 14:30');
  });

  test('A consultation gets 720 minutes: 540 on Monday from 10:00, 180 on Tuesday', () => {
    const resolution = clockOf(
      evaluateOne(
        catalog,
        { contract: 'client-d', type: 'consultation', created: '2026-11-23 10:00' },
        '2026-11-23 11:00',
      ),
      'resolution',
    );
    expect(mskLocal(resolution.dueAtMs)).toBe('2026-11-24 12:00');
  });

  test('An enhancement waits for the estimate, then is due estimate-many working minutes later', () => {
    const waiting = clockOf(
      evaluateOne(
        catalog,
        { contract: 'client-d', type: 'enhancement', created: '2026-11-23 10:00' },
        '2026-11-23 10:30',
      ),
      'resolution',
    );
    expect(waiting.state).toBe('waiting_estimate');
    const estimated = clockOf(
      evaluateOne(
        catalog,
        {
          contract: 'client-d',
          type: 'enhancement',
          created: '2026-11-23 10:00',
          events: [estimate('2026-11-23 11:00', 600)],
        },
        '2026-11-23 12:00',
      ),
      'resolution',
    );
    // 11:00 → 19:00 = 480, then 120 on Tuesday → 11:00.
    expect(estimated.targetMinutes).toBe(600);
    expect(mskLocal(estimated.dueAtMs)).toBe('2026-11-24 11:00');
  });
});

describe('unlimited (client-g): reaction 60, start of work 180 on 9–19', () => {
  test('On the shortened day (09:00–18:00) reaction is due at its end, start of work after the holiday', () => {
    const evaluation = evaluateOne(catalog, { contract: 'client-g', created: '2026-11-03 17:00' }, '2026-11-03 17:30');
    expect(evaluation.tariffId).toBe('unlimited');
    // 17:00 → 18:00 = 60: due exactly at the end of the shortened day.
    expect(mskLocal(clockOf(evaluation, 'reaction').dueAtMs)).toBe('2026-11-03 18:00');
    // 60 on Tuesday, none on the Wednesday holiday, 120 on Thursday → 11:00.
    expect(mskLocal(clockOf(evaluation, 'start').dueAtMs)).toBe('2026-11-05 11:00');
  });
});

describe('bank (bank-15 for client-e): reaction 180, start of work 360 on 9–19', () => {
  test('Friday 18:00 is still working time on 9–19: one hour on Friday, the rest on Monday', () => {
    const evaluation = evaluateOne(catalog, { contract: 'client-e', created: '2026-11-20 18:00' }, '2026-11-20 18:30');
    expect(evaluation.tariffId).toBe('bank-15');
    expect(evaluation.offHours).toBe(false);
    // Reaction: 60 + 120 → Monday 11:00. Start: 60 + 300 → Monday 14:00.
    expect(mskLocal(clockOf(evaluation, 'reaction').dueAtMs)).toBe('2026-11-23 11:00');
    expect(mskLocal(clockOf(evaluation, 'start').dueAtMs)).toBe('2026-11-23 14:00');
    // The same instant is after hours on Базовый (9–18).
    expect(
      evaluateOne(catalog, { contract: 'client-a', created: '2026-11-13 18:00' }, '2026-11-13 18:30').offHours,
    ).toBe(true);
  });
});

describe('free (client-f): bugs only, reaction 480, same-day bug resolution', () => {
  test('A bug at 13:00 is due by 18:00 the same day; its reaction runs into Tuesday', () => {
    const evaluation = evaluateOne(
      catalog,
      { contract: 'client-f', type: 'bug', created: '2026-11-23 13:00' },
      '2026-11-23 14:00',
    );
    expect(evaluation.covered).toBe(true);
    // Same-day cap: 13:00 → 18:00 = 300 < 480.
    expect(clockOf(evaluation, 'resolution').targetMinutes).toBe(300);
    expect(mskLocal(clockOf(evaluation, 'resolution').dueAtMs)).toBe('2026-11-23 18:00');
    // Reaction 480: 300 on Monday + 180 on Tuesday → 12:00.
    expect(mskLocal(clockOf(evaluation, 'reaction').dueAtMs)).toBe('2026-11-24 12:00');
  });

  test('A consultation is not covered and escalates nothing', () => {
    const evaluation = evaluateOne(
      catalog,
      { contract: 'client-f', type: 'consultation', created: '2026-11-23 10:00' },
      '2026-11-25 10:00',
    );
    expect(evaluation.covered).toBe(false);
    expect(evaluation.state).toBe('not_covered');
    expect(clockOf(evaluation, 'reaction').state).toBe('not_covered');
    expect(evaluation.clocks.resolution).toBeUndefined();
    expect(evaluation.escalations).toEqual([]);
  });
});
