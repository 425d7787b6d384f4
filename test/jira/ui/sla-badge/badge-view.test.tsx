import '../bridge-stand-in';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import React from 'react';
import { parse } from 'yaml';
import { z } from 'zod';
import { badgeModel, type BadgeFieldValue } from '../../../../src/jira/ui/sla-badge/badge-model';
import { BadgeView } from '../../../../src/jira/ui/sla-badge/badge-view';
import { failOnConsoleWarnings, renderForgeMarkup } from '../forge-render';

const NOW_MS = Date.parse('2026-11-20T15:00:00+03:00');
const DUE = '2026-11-20T17:30:00+03:00';

/** UI Kit components are host elements named after the component; the markup shows the tree Jira renders. */
function render(
  value: BadgeFieldValue | null,
  language: 'en' | 'ru',
  workingMinutesLeft: number | null = null,
  timeZone = 'Europe/Moscow',
): string {
  return renderForgeMarkup(
    <BadgeView model={badgeModel({ value, workingMinutesLeft, nowMs: NOW_MS, timeZone, language })} />,
  );
}

const CASES = [
  { state: 'ok', appearance: 'inprogress', en: 'On track', ru: 'В срок' },
  { state: 'at_risk', appearance: 'moved', en: 'At risk', ru: 'Под угрозой' },
  { state: 'breached', appearance: 'removed', en: 'Breached', ru: 'Нарушен' },
  { state: 'paused', appearance: 'default', en: 'Paused', ru: 'Пауза' },
  { state: 'met', appearance: 'success', en: 'Met', ru: 'Выполнен' },
  { state: 'waiting', appearance: 'new', en: 'Waiting for estimate', ru: 'Ждёт оценки' },
  { state: 'not_covered', appearance: 'default', en: 'Not covered', ru: 'Не покрыто тарифом' },
] as const;

describe('the SLA badge (UI Kit view of the SLA field)', () => {
  failOnConsoleWarnings();

  it.each(CASES)('shows $state as a coloured lozenge in English and Russian', ({ state, appearance, en, ru }) => {
    for (const [language, text] of [
      ['en', en],
      ['ru', ru],
    ] as const) {
      const markup = render(
        { state, dueAt: state === 'met' || state === 'not_covered' ? undefined : DUE, clock: 'resolution' },
        language,
      );
      expect(markup).toContain(`<Lozenge appearance="${appearance}" isBold>${text}</Lozenge>`);
    }
  });

  it('counts down working time left from the engine, and the wall clock until it answers', () => {
    expect(render({ state: 'at_risk', dueAt: DUE, clock: 'resolution' }, 'en', 130)).toContain(
      '2 h 10 min working time left',
    );
    expect(render({ state: 'at_risk', dueAt: DUE, clock: 'resolution' }, 'ru', 130)).toContain(
      'осталось 2 ч 10 мин рабочего времени',
    );
    expect(render({ state: 'ok', dueAt: DUE, clock: 'resolution' }, 'en')).toContain('2 h 30 min left');
    expect(render({ state: 'ok', dueAt: DUE, clock: 'resolution' }, 'ru')).toContain('осталось 2 ч 30 мин');
  });

  it('says how far a breached clock is over', () => {
    const due = '2026-11-20T14:25:00+03:00';
    expect(render({ state: 'breached', dueAt: due, clock: 'reaction' }, 'en')).toContain('overdue by 35 min');
    expect(render({ state: 'breached', dueAt: due, clock: 'reaction' }, 'ru')).toContain('просрочено на 35 мин');
    expect(render({ state: 'breached', dueAt: due, clock: 'reaction' }, 'en', -95)).toContain(
      '1 h 35 min working time over',
    );
  });

  it('gives the deadline in the viewer’s zone and names the zone', () => {
    expect(render({ state: 'ok', dueAt: DUE, clock: 'resolution' }, 'en', null, 'Asia/Yekaterinburg')).toContain(
      'Resolution: due 2026-11-20 19:30 (Asia/Yekaterinburg)',
    );
    expect(render({ state: 'ok', dueAt: DUE, clock: 'resolution' }, 'ru', null, 'Europe/Moscow')).toContain(
      'Решение: срок 20.11.2026 17:30 (Europe/Moscow)',
    );
  });

  it('shows a paused clock without a countdown and an unset field as not covered', () => {
    expect(render({ state: 'paused', clock: 'resolution' }, 'en')).toContain('the deadline moves while paused');
    expect(render(null, 'en')).toContain('Not covered');
    expect(render({ state: 'met' }, 'en')).not.toContain('left');
  });
});

describe('the SLA field formatter (list views and exports)', () => {
  const manifest = z
    .object({
      modules: z
        .object({
          'jira:customField': z.array(
            z
              .object({ view: z.object({ formatter: z.object({ expression: z.string(), export: z.boolean() }) }) })
              .loose(),
          ),
        })
        .loose(),
    })
    .loose()
    .parse(parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'manifest.yml'), 'utf8')));
  const expression = manifest.modules['jira:customField'][0].view.formatter.expression;

  /** The expression uses the part of Jira expressions that JavaScript shares; `new Date()` is pinned to NOW_MS. */
  function format(value: unknown): string {
    class PinnedDate extends Date {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(NOW_MS);
        else super(args[0] as string);
      }
    }
    return new Function('value', 'Date', `return ${expression}`)(value, PinnedDate) as string;
  }

  it('adds the time left or overdue to the label, in the label’s language', () => {
    expect(
      format({ state: 'at_risk', label: 'At risk · resolution due 2026-11-20 17:30 (+03:00)', dueAt: DUE, lang: 'en' }),
    ).toBe('At risk · resolution due 2026-11-20 17:30 (+03:00) · 2 h 30 min left');
    expect(format({ state: 'breached', label: 'Нарушен', dueAt: '2026-11-20T13:45:00+03:00', lang: 'ru' })).toBe(
      'Нарушен · просрочено на 1 ч 15 мин',
    );
    expect(format({ state: 'met', label: 'Met', dueAt: DUE, lang: 'en' })).toBe('Met');
    expect(format(null)).toBe('');
    expect(manifest.modules['jira:customField'][0].view.formatter.export).toBe(true);
  });
});
