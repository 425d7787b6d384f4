import type { StatementNotice } from '../../../src/core/statement/left-out-issues';
import { noticeMessage, noticeText } from '../../../src/core/statement/statement-notices';

const problem = (code: string, path: Array<string | number>, value?: string) => ({
  code,
  path,
  message: `engine words for ${code}`,
  ...(value === undefined ? {} : { value }),
});

const NOTICES: Record<string, StatementNotice> = {
  invalid: {
    code: 'issue_invalid',
    path: ['issues', 1, 'createdAt'],
    message: 'left out, invalid: bad instant',
    leftOut: { reason: 'issue_invalid', problems: [problem('invalid_instant', ['issues', 1, 'createdAt'])] },
  },
  after: {
    code: 'issue_created_after_at',
    path: ['issues', 2, 'createdAt'],
    message: 'x',
    leftOut: { reason: 'issue_created_after_at', key: 'LATE-1' },
  },
  before: {
    code: 'issue_before_first_term',
    path: ['issues', 3, 'createdAt'],
    message: 'x',
    leftOut: { reason: 'issue_before_first_term', key: 'EARLY-1', contract: 'client-d', from: '2026-09-01' },
  },
  unknown: {
    code: 'issue_not_evaluated',
    path: ['issues', 4],
    message: 'x',
    leftOut: {
      reason: 'issue_not_evaluated',
      key: 'ODD-1',
      problems: [
        problem('unknown_contract', ['issues', 4, 'contract'], 'nobody'),
        problem('unknown_request_type', ['issues', 4, 'type'], 'wish'),
        problem('unknown_priority', ['issues', 4, 'events', 0, 'to'], 'urgent!'),
      ],
    },
  },
  failed: {
    code: 'issue_not_evaluated',
    path: ['issues', 5],
    message: 'x',
    leftOut: {
      reason: 'issue_not_evaluated',
      key: 'HUGE-1',
      problems: [problem('evaluation_failed', ['issues', 5], 'no working time within 200 years')],
    },
  },
  silent: {
    code: 'issue_not_evaluated',
    path: ['issues', 6],
    message: 'x',
    leftOut: { reason: 'issue_not_evaluated', key: 'QUIET-1', problems: [] },
  },
};

describe('notices of left-out issues in the statement language', () => {
  it('says every reason in Russian, with the issue, the contract and the offending values', () => {
    const said = Object.fromEntries(Object.entries(NOTICES).map(([name, notice]) => [name, noticeText(notice, 'ru')]));
    expect(said).toEqual({
      invalid: 'issues[1].createdAt: не включена в отчёт, ошибка в данных: engine words for invalid_instant',
      after: 'issues[2].createdAt: LATE-1: не включена в отчёт, создана после момента, на который составлен отчёт',
      before:
        'issues[3].createdAt: EARLY-1: не включена в отчёт, создана до начала первого срока договора «client-d» (с 2026-09-01)',
      unknown:
        'issues[4]: ODD-1: не включена в отчёт, issues[4].contract: неизвестный договор «nobody»: опишите его в разделе contracts каталога; ' +
        'issues[4].type: неизвестный тип заявки «wish»: добавьте его в requestTypes каталога; ' +
        'issues[4].events[0].to: неизвестный приоритет «urgent!»: добавьте его в priorities каталога',
      failed:
        'issues[5]: HUGE-1: не включена в отчёт, issues[5]: SLA не удалось рассчитать (no working time within 200 years); остальные заявки рассчитаны',
      silent: 'issues[6]: QUIET-1: не включена в отчёт, не рассчитана',
    });
  });

  it('says every reason in English', () => {
    expect(noticeText(NOTICES.after, 'en')).toBe(
      "issues[2].createdAt: LATE-1: left out, created after the statement's instant",
    );
    expect(noticeText(NOTICES.before, 'en')).toBe(
      'issues[3].createdAt: EARLY-1: left out, created before the first term of contract "client-d" (from 2026-09-01)',
    );
    expect(noticeText(NOTICES.unknown, 'en')).toContain(
      'ODD-1: left out, issues[4].contract: unknown contract "nobody"',
    );
    expect(noticeText(NOTICES.silent, 'en')).toBe('issues[6]: QUIET-1: left out, not evaluated');
  });

  it('keeps any other notice as the engine wrote it, and gives the JSON message without the path', () => {
    const other: StatementNotice = { code: 'worklog_before_contract', path: ['issues', 7], message: 'not billed' };
    expect(noticeText(other, 'ru')).toBe('issues[7]: not billed');
    expect(noticeMessage(NOTICES.after, 'ru')).toBe(
      'LATE-1: не включена в отчёт, создана после момента, на который составлен отчёт',
    );
  });
});
