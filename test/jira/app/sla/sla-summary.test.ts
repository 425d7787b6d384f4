import type { IssueHistory } from '../../../../src/core/history/issue-history';
import { evaluateIssue } from '../../../../src/core/sla/evaluate-issue';
import { fieldValueOf, nextProperty, propertyChanged, summarizeEvaluation } from '../../../../src/jira/sla/sla-summary';
import { STATEMENT_WORDS } from '../../../../src/core/statement/statement-words';
import { SLA_STATES } from '../../../../src/jira/sla/sla-property';
import { slaWords } from '../../../../src/jira/ui/shared/sla-words';
import { exampleCatalog, msk } from '../../e2e/jira-app-harness';

const catalog = exampleCatalog();

function summarize(issue: IssueHistory, at: string, line = 'L1') {
  const contract = catalog.contract(issue.contractId);
  if (!contract) throw new Error(`no contract ${issue.contractId}`);
  const term = catalog.tariffAt(contract, issue.createdAtMs);
  return summarizeEvaluation(evaluateIssue(issue, contract, term, msk(at)), term.tariff, 'Europe/Moscow', line, false);
}

const base: IssueHistory = {
  key: 'SUP-1',
  contractId: 'client-a',
  type: 'incident',
  priority: 'normal',
  status: 'New',
  createdAtMs: msk('2026-11-09T10:00'),
  events: [],
  worklogs: [],
};

describe('summarizeEvaluation', () => {
  it('shows the deadline of the open clock that falls due first', () => {
    expect(summarize(base, '2026-11-09T11:00')).toMatchObject({
      slaState: 'ok',
      clock: 'reaction',
      slaDueAt: '2026-11-09T14:00:00+03:00',
      slaTariff: 'basic',
      nextLine: 'L2',
      escalationAllowed: true,
    });
  });

  it('keeps the same summary while a clock runs, so nothing is written as time passes', () => {
    expect(summarize(base, '2026-11-09T11:00')).toEqual(summarize(base, '2026-11-09T13:00'));
  });

  it('does not offer escalation above the top line or for a request type the tariff does not cover', () => {
    expect(summarize(base, '2026-11-09T11:00', 'L3')).toMatchObject({ nextLine: null, escalationAllowed: false });
    const free: IssueHistory = { ...base, key: 'ZETA-1', contractId: 'client-f', type: 'incident' };
    expect(summarize(free, '2026-11-09T11:00')).toMatchObject({ slaState: 'not_covered', escalationAllowed: false });
  });
});

describe('fieldValueOf', () => {
  it('labels the state and deadline without a countdown, in the configured language', () => {
    const summary = summarize(base, '2026-11-09T11:00');
    expect(fieldValueOf(summary, 'Europe/Moscow', 'ru')).toEqual({
      state: 'ok',
      label: 'В срок · реакция срок 2026-11-09 14:00 (+03:00)',
      tariff: 'basic',
      dueAt: '2026-11-09T14:00:00+03:00',
      clock: 'reaction',
      escalationAllowed: true,
      lang: 'ru',
    });
  });

  it('names every state, clock and the daily limit with the words the badge, panel and gadget show', () => {
    const summary = summarize(base, '2026-11-09T11:00');
    for (const language of ['en', 'ru'] as const) {
      const words = slaWords(language);
      for (const state of SLA_STATES) {
        for (const clock of ['reaction', 'start', 'resolution'] as const) {
          const { label } = fieldValueOf(
            { ...summary, slaState: state, clock, slaOverLimit: true },
            'Europe/Moscow',
            language,
          );
          expect(label).toBe(
            `${words.state[state]} · ${words.clock[clock].toLocaleLowerCase(language)} ${words.due('2026-11-09 14:00 (+03:00)')} · ${words.overLimit.toLocaleLowerCase(language)}`,
          );
        }
      }
      // Clock names are the statement's own.
      expect(words.clock).toEqual(STATEMENT_WORDS[language].clocks);
    }
    expect(fieldValueOf({ ...summary, slaState: 'breached' }, 'Europe/Moscow', 'en').label).toBe(
      'Breached · reaction due 2026-11-09 14:00 (+03:00)',
    );
  });
});

describe('propertyChanged', () => {
  const summary = summarize(base, '2026-11-09T11:00');
  const stored = nextProperty(null, summary, { escalations: ['0:resolution:1'] });

  it('is false for the same state with markers in another order', () => {
    expect(propertyChanged({ ...stored, escalations: ['0:resolution:1'] }, nextProperty(stored, summary))).toBe(false);
  });

  it('is true when the state, the line or the markers change', () => {
    expect(propertyChanged(stored, { ...stored, slaState: 'at_risk' })).toBe(true);
    expect(propertyChanged(stored, { ...stored, line: 'L2' })).toBe(true);
    expect(propertyChanged(stored, { ...stored, escalations: ['0:resolution:1', '0:resolution:2'] })).toBe(true);
    expect(propertyChanged(null, stored)).toBe(true);
  });
});
