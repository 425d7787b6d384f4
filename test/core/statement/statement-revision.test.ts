import { DateTime } from 'luxon';
import type { IssueHistory } from '../../../src/core/history/issue-history';
import { buildMonthlyStatement, type MonthlyStatement } from '../../../src/core/statement/monthly-statement';
import {
  statementMaterialText,
  statementRevisionDue,
  TIME_ONLY_REVISION_MS,
} from '../../../src/core/statement/statement-revision';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { catalogWith, issue } from '../ledger/ledger-fixture';

const HOUR = 3_600_000;
const catalog = catalogWith({ c: { name: 'Client', terms: [{ tariff: 'pack10', from: '2026-10-01' }] } });
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();

function statementAt(nowIso: string, issues: IssueHistory[]): MonthlyStatement {
  return buildMonthlyStatement(catalog, issues, evaluatePortfolio(catalog, issues, at(nowIso)), { month: '2026-10' });
}

describe('statementMaterialText', () => {
  // Never answered: its reaction clock breached on the 5th and is still running.
  const open = issue('c', '2026-10-05T10:00:00+03:00', [['2026-10-05T12:00:00+03:00', 30]], { key: 'R-1' });

  it('stays the same while only an open breach grows during the day', () => {
    const morning = statementAt('2026-10-20T10:00:00+03:00', [open]);
    const afternoon = statementAt('2026-10-20T16:30:00+03:00', [open]);
    const breach = (statement: MonthlyStatement) => statement.contracts[0].kpis.breaches[0];
    // The figure a reader would see did move...
    expect(breach(afternoon).elapsedMinutes).toBeGreaterThan(breach(morning).elapsedMinutes);
    // ...but nothing a reader needs to act on.
    expect(statementMaterialText(afternoon)).toBe(statementMaterialText(morning));
  });

  it('changes with a response, a worklog, a new request or a breach that time alone caused', () => {
    const base = statementMaterialText(statementAt('2026-10-20T10:00:00+03:00', [open]));
    const answered: IssueHistory = {
      ...open,
      events: [{ kind: 'response' as const, atMs: at('2026-10-20T09:00:00+03:00') }],
    };
    const worked = {
      ...open,
      worklogs: [...open.worklogs, { atMs: at('2026-10-20T09:30:00+03:00'), minutes: 15, author: 'e' }],
    };
    const fresh = issue('c', '2026-10-20T09:50:00+03:00', [], { key: 'R-2' });
    expect(statementMaterialText(statementAt('2026-10-20T10:00:00+03:00', [answered]))).not.toBe(base);
    expect(statementMaterialText(statementAt('2026-10-20T10:00:00+03:00', [worked]))).not.toBe(base);
    const withFresh = statementMaterialText(statementAt('2026-10-20T10:00:00+03:00', [open, fresh]));
    expect(withFresh).not.toBe(base);
    // R-2's reaction target passes in the afternoon with nothing happening: a new breach is material.
    const later = statementAt('2026-10-20T16:30:00+03:00', [open, fresh]);
    expect(later.contracts[0].kpis.breaches.map((breach) => breach.key)).toEqual(['R-1', 'R-2']);
    expect(statementMaterialText(later)).not.toBe(withFresh);
  });
});

describe('statementRevisionDue', () => {
  const previous = { materialKey: 'm1', revisedAtMs: 0 };

  it('never rewrites a page that would say the same', () => {
    expect(statementRevisionDue({ previous: undefined, materialKey: 'm2', pageChanged: false, nowMs: 0 })).toBe(false);
    expect(statementRevisionDue({ previous, materialKey: 'm2', pageChanged: false, nowMs: 10 * HOUR })).toBe(false);
  });

  it('publishes a material change, or a first version, at once', () => {
    expect(statementRevisionDue({ previous, materialKey: 'm2', pageChanged: true, nowMs: 1 })).toBe(true);
    expect(statementRevisionDue({ previous: undefined, materialKey: 'm1', pageChanged: true, nowMs: 1 })).toBe(true);
  });

  it('lets time alone move the page once per revision period', () => {
    const due = (nowMs: number) => statementRevisionDue({ previous, materialKey: 'm1', pageChanged: true, nowMs });
    expect(due(TIME_ONLY_REVISION_MS - 1)).toBe(false);
    expect(due(TIME_ONLY_REVISION_MS)).toBe(true);
    expect(
      statementRevisionDue({
        previous,
        materialKey: 'm1',
        pageChanged: true,
        nowMs: 2 * HOUR,
        timeOnlyRevisionMs: HOUR,
      }),
    ).toBe(true);
  });
});
