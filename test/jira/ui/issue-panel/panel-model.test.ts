import { clockRow, countdownText, durationText, hoursText } from '../../../../src/jira/ui/issue-panel/panel-model';
import type { IssueSlaView } from '../../../../src/jira/app/issue-panel-resolver';

const now = Date.parse('2026-11-20T15:00:00+03:00');

describe('issue panel model', () => {
  it('counts down to the stored deadline in the browser and says when it has passed', () => {
    expect(countdownText('2026-11-20T17:30:00+03:00', now)).toBe('2 h 30 min left');
    expect(countdownText('2026-11-20T17:30:00+03:00', now, 'ru')).toBe('осталось 2 ч 30 мин');
    expect(countdownText('2026-11-20T14:15:00+03:00', now)).toBe('overdue by 45 min');
    expect(countdownText(null, now)).toBeNull();
  });

  it('writes long spans in days', () => {
    expect(durationText(3 * 86_400_000 + 2 * 3_600_000)).toBe('3 d 2 h');
  });

  it('shows a stopped clock with its stop instead of a countdown', () => {
    const row = clockRow(
      {
        clock: 'reaction',
        state: 'met',
        targetMinutes: 240,
        elapsedMinutes: 30,
        dueAt: '2026-11-20T14:00:00+03:00',
        stoppedAt: '2026-11-20T10:30:00+03:00',
        breachedAt: null,
        segments: [],
      },
      now,
    );
    expect(row).toEqual({
      clock: 'Reaction',
      state: { text: 'Met', appearance: 'success' },
      progress: 0.125,
      spent: '30 of 240 working min',
      deadline: 'stopped 2026-11-20 10:30',
    });
  });

  it('puts the issue hours next to the month package', () => {
    const hours = (included: number | null, used: number | null): IssueSlaView['hours'] => ({
      issueHours: 1.5,
      month: '2026-11',
      included,
      used,
      remaining: included === null || used === null ? null : included - used,
    });
    expect(hoursText({ hours: hours(25, 30) })).toBe(
      '1.5 h logged on this issue; package 2026-11: 30 of 25 h used, 5 h over',
    );
    expect(hoursText({ hours: hours(null, 12) })).toBe(
      '1.5 h logged on this issue; 12 h used this month (2026-11, no hour limit)',
    );
    expect(hoursText({ hours: hours(25, 10) }, 'ru')).toBe(
      '1.5 ч списано на эту задачу; пакет 2026-11: 10 из 25 ч, осталось 15 ч',
    );
  });
});
