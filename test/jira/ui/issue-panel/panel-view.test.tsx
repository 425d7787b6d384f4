import '../bridge-stand-in';
import React from 'react';
import type { IssueSlaView, PanelClock } from '../../../../src/jira/app/issue-panel-resolver';
import type { SlaState } from '../../../../src/jira/sla/sla-property';
import { PanelView } from '../../../../src/jira/ui/issue-panel/panel-view';
import { bridgeCalls } from '../bridge-stand-in';
import { failOnConsoleWarnings, renderForgeMarkup } from '../forge-render';

const NOW_MS = Date.parse('2026-11-20T15:00:00+03:00');

function clock(overrides: Partial<PanelClock>): PanelClock {
  return {
    clock: 'resolution',
    state: 'running',
    targetMinutes: 480,
    elapsedMinutes: 350,
    dueAt: '2026-11-20T17:10:00+03:00',
    stoppedAt: null,
    breachedAt: null,
    segments: [],
    ...overrides,
  };
}

/** A panel view per state, as the resolver answers it. */
function view(state: SlaState): IssueSlaView {
  const clocks: Record<SlaState, PanelClock[]> = {
    ok: [clock({ clock: 'reaction', state: 'met', stoppedAt: '2026-11-20T09:40:00+03:00' }), clock({})],
    at_risk: [clock({ state: 'at_risk', elapsedMinutes: 420, dueAt: '2026-11-20T16:00:00+03:00' })],
    breached: [
      clock({
        state: 'breached',
        elapsedMinutes: 515,
        dueAt: '2026-11-20T14:25:00+03:00',
        breachedAt: '2026-11-20T14:25:00+03:00',
      }),
    ],
    paused: [clock({ state: 'paused', dueAt: null, pausedBy: 'Waiting for customer' })],
    met: [clock({ state: 'met', stoppedAt: '2026-11-20T12:00:00+03:00' })],
    waiting: [clock({ state: 'waiting_estimate', targetMinutes: null, dueAt: null })],
    not_covered: [],
  };
  return {
    issueKey: 'SUP-7',
    contract: { id: 'client-a', name: 'Client A' },
    tariff: { id: 'basic', name: 'Basic' },
    state,
    line: 'L1',
    nextLine: 'L2',
    escalationAllowed: true,
    clocks: clocks[state],
    explain: 'resolution: 350 of 480 working min',
    escalations: {
      done: [],
      next:
        state === 'ok' || state === 'at_risk'
          ? [{ level: 1, clock: 'resolution', dueAt: '2026-11-20T16:30:00+03:00' }]
          : [],
    },
    hours: { issueHours: 1.5, month: '2026-11', included: 25, used: 10, remaining: 15 },
    overLimit: false,
    evaluatedAt: '2026-11-20T15:00:00+03:00',
    language: 'ru',
    zone: 'Europe/Moscow',
  };
}

function render(state: SlaState, language: 'en' | 'ru', expanded = false, timeZone = 'Europe/Moscow'): string {
  return renderForgeMarkup(
    <PanelView
      view={view(state)}
      nowMs={NOW_MS}
      locale={{ language, timeZone }}
      expanded={expanded}
      onToggle={() => undefined}
    />,
  );
}

/** Per state: the lozenge and the at-a-glance line that matters, in both languages. */
const EXPECTED: Record<SlaState, { en: string[]; ru: string[] }> = {
  ok: {
    en: [
      '>On track</Lozenge>',
      'Resolution: 2 h 10 min working time left',
      'next escalation: level 1 (Resolution) 2026-11-20 16:30',
    ],
    ru: [
      '>В срок</Lozenge>',
      'Решение: осталось 2 ч 10 мин рабочего времени',
      'следующая эскалация: уровень 1 (Решение) 20.11.2026 16:30',
    ],
  },
  at_risk: {
    en: [
      '>At risk</Lozenge>',
      'Resolution: 1 h 00 min working time left',
      'Resolution: due 2026-11-20 16:00 (1 h 00 min left)',
    ],
    ru: ['>Под угрозой</Lozenge>', 'Решение: срок 20.11.2026 16:00 (осталось 1 ч 00 мин)'],
  },
  breached: {
    en: ['appearance="removed"', '>Breached</Lozenge>', 'Resolution: 35 min working time over', 'overdue by 35 min'],
    ru: ['>Нарушен</Lozenge>', 'Решение: превышено на 35 мин рабочего времени', 'просрочено на 35 мин'],
  },
  paused: {
    en: ['>Paused</Lozenge>', 'paused: Waiting for customer'],
    ru: ['>Пауза</Lozenge>', 'пауза: Waiting for customer'],
  },
  met: {
    en: ['appearance="success"', '>Met</Lozenge>', 'no escalation coming'],
    ru: ['>Выполнен</Lozenge>', 'эскалаций не предстоит'],
  },
  waiting: { en: ['>Waiting for estimate</Lozenge>'], ru: ['>Ждёт оценки</Lozenge>'] },
  not_covered: { en: ['>Not covered</Lozenge>'], ru: ['>Не покрыто тарифом</Lozenge>'] },
};

describe('the SLA issue panel (UI Kit)', () => {
  failOnConsoleWarnings();

  it.each(Object.keys(EXPECTED) as SlaState[])('shows %s at a glance in English and Russian', (state) => {
    for (const language of ['en', 'ru'] as const) {
      const markup = render(state, language);
      for (const text of EXPECTED[state][language])
        expect({ state, language, text, found: markup.includes(text) }).toEqual({ state, language, text, found: true });
    }
  });

  it('names the zone its times are in, and converts to the viewer’s zone', () => {
    expect(render('at_risk', 'en', false, 'Asia/Yekaterinburg')).toContain('Resolution: due 2026-11-20 18:00');
    expect(render('at_risk', 'en', false, 'Asia/Yekaterinburg')).toContain('times in Asia/Yekaterinburg');
    expect(render('at_risk', 'ru')).toContain('время: Europe/Moscow');
  });

  it('keeps the breakdown folded until asked, then shows clocks, hours and the explanation', () => {
    const folded = render('ok', 'en');
    expect(folded).toContain('Why these numbers');
    expect(folded).not.toContain('350 of 480 working min');
    const open = render('ok', 'ru', true);
    expect(open).toContain('Скрыть расчёт');
    expect(open).toContain('350 из 480 раб. мин');
    expect(open).toContain('пакет 2026-11: 10 из 25 ч, осталось 15 ч');
    expect(open).toContain('resolution: 350 of 480 working min');
  });

  it('renders without calling the bridge for anything but handing Jira the tree', () => {
    bridgeCalls.length = 0;
    render('ok', 'en', true);
    expect(bridgeCalls.map((call) => call.name)).toEqual(['reconcile']);
  });
});
