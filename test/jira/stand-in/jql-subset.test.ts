import { JqlSubsetError, parseJqlSubset, type JqlIssueView } from './jql-subset';

const context = { now: Date.parse('2026-11-20T12:00:00Z'), timeZone: 'Europe/Moscow' };

function issue(id: number, overrides: Partial<JqlIssueView> = {}): JqlIssueView {
  return {
    id,
    key: `SUP-${id}`,
    project: { id: '10000', key: 'SUP', name: 'Support' },
    status: { id: '1', name: 'Open', categoryKey: 'new', categoryName: 'To Do' },
    priority: { id: '3', name: 'Medium', rank: 2 },
    issueType: { id: '10002', name: 'Incident' },
    created: Date.parse('2026-11-19T09:00:00Z'),
    updated: Date.parse('2026-11-19T09:00:00Z'),
    resolved: null,
    assignee: null,
    reporter: 'r1',
    labels: [],
    ...overrides,
  };
}

const run = (jql: string, issues: JqlIssueView[]) => {
  const query = parseJqlSubset(jql, context);
  return issues
    .filter((candidate) => query.matches(candidate))
    .sort(query.compare)
    .map((candidate) => candidate.key);
};

describe('parseJqlSubset', () => {
  const ops = issue(1, { key: 'OPS-1', project: { id: '10001', key: 'OPS', name: 'Operations' } });
  const done = issue(2, {
    status: { id: '5', name: 'Resolved', categoryKey: 'done', categoryName: 'Done' },
    resolved: Date.parse('2026-11-19T10:00:00Z'),
  });
  const urgent = issue(3, {
    priority: { id: '1', name: 'Highest', rank: 0 },
    updated: Date.parse('2026-11-20T11:00:00Z'),
    labels: ['vip'],
    assignee: 'a1',
  });
  const all = [ops, done, urgent];

  it('matches projects by key, id or name, case-insensitively', () => {
    expect(run('project = sup', all)).toEqual(['SUP-2', 'SUP-3']);
    expect(run("project in (10001, 'Support')", all)).toEqual(['OPS-1', 'SUP-2', 'SUP-3']);
    expect(run('project not in (SUP)', all)).toEqual(['OPS-1']);
  });

  it('compares dates given as zone-local text, epoch milliseconds or relative periods', () => {
    expect(run('updated >= "2026-11-20 13:30"', all)).toEqual(['SUP-3']);
    expect(run(`updated > ${Date.parse('2026-11-19T09:00:00Z')}`, all)).toEqual(['SUP-3']);
    expect(run('updated >= -2h', all)).toEqual(['SUP-3']);
    expect(run('resolved is EMPTY', all)).toEqual(['OPS-1', 'SUP-3']);
  });

  it('reads date values only in the forms Jira documents for date fields (JQL fields: Created)', () => {
    const at = Date.parse('2026-11-19T09:00:00Z');
    // Unquoted digits: milliseconds after the epoch, exact and the same in every time zone.
    expect(run(`created >= ${at} AND created <= ${at}`, all)).toEqual(['OPS-1', 'SUP-2', 'SUP-3']);
    expect(run(`created > ${at}`, all)).toEqual([]);
    // Quoted digits are a period in minutes (the default unit), not an instant: nothing is that far ahead.
    expect(run(`created <= "${at}"`, all)).toEqual(['OPS-1', 'SUP-2', 'SUP-3']);
    expect(run(`created >= "${at}"`, all)).toEqual([]);
    // Formatted dates are read in the caller's zone (Moscow here, UTC+3), to the minute.
    expect(run('created >= "2026/11/19 12:00" AND created <= "2026-11-19 12:00"', all)).toHaveLength(3);
    expect(run('created >= "2026-11-19 09:00"', all)).toHaveLength(3);
    expect(run('created > "2026/11/19"', all)).toHaveLength(3);
    // Periods: w, d, h, m (minutes when no unit), combined.
    expect(run('created >= "-1d 3h"', all)).toHaveLength(3);
    expect(run('created >= "-1d 2h"', all)).toEqual([]);
    expect(run('created >= "-1620"', all)).toHaveLength(3);
    for (const undocumented of [
      '"2026-11-19T09:00"',
      '"2026-11-19T09:00:00Z"',
      '"2026-11-19 09:00:00"',
      '"19.11.2026"',
      '"2026-11-19 9:00"',
      '-1.5d',
    ]) {
      expect(() => parseJqlSubset(`created >= ${undocumented}`, context)).toThrow(
        /Date value .* for field 'created' is invalid/,
      );
    }
  });

  it('combines status categories, labels and assignees with AND, OR, NOT and parentheses', () => {
    expect(run('statusCategory != Done AND (labels = vip OR project = OPS)', all)).toEqual(['OPS-1', 'SUP-3']);
    expect(run('NOT statusCategory = "To Do"', all)).toEqual(['SUP-2']);
    expect(run('assignee is not EMPTY', all)).toEqual(['SUP-3']);
    expect(run('key in (SUP-2, OPS-1)', all)).toEqual(['OPS-1', 'SUP-2']);
  });

  it('matches `!=`, `not in` and NOT only where the field has a value, as Jira does', () => {
    const other = issue(4, { assignee: 'a2', labels: ['billing'], priority: null });
    const four = [...all, other];
    // The unassigned OPS-1 and SUP-2 match neither `assignee = a1` nor any of its negations.
    expect(run('assignee != a1', four)).toEqual(['SUP-4']);
    expect(run('assignee not in (a1)', four)).toEqual(['SUP-4']);
    expect(run('NOT assignee = a1', four)).toEqual(['SUP-4']);
    expect(run('NOT NOT assignee = a1', four)).toEqual(['SUP-3']);
    expect(run('labels != vip', four)).toEqual(['SUP-4']);
    expect(run('priority != Highest', four)).toEqual(['OPS-1', 'SUP-2']);
    expect(run('NOT resolved > "2026-11-01"', four)).toEqual([]);
    // NOT over a group: De Morgan, each clause negated the same way.
    expect(run('NOT (assignee = a1 OR labels = vip)', four)).toEqual(['SUP-4']);
    expect(run('NOT (assignee = a1 AND labels = vip)', four)).toEqual(['SUP-4']);
    // `is EMPTY` is the way to ask for the empty ones, and NOT turns it into `is not EMPTY`.
    expect(run('assignee is EMPTY', four)).toEqual(['OPS-1', 'SUP-2']);
    expect(run('NOT assignee is EMPTY', four)).toEqual(['SUP-3', 'SUP-4']);
    expect(run('assignee != a1 OR assignee is EMPTY', four)).toEqual(['OPS-1', 'SUP-2', 'SUP-4']);
  });

  it('treats an issue without the indexed property as empty: no `=`, `!=` or NOT matches it', () => {
    const propertyContext = {
      ...context,
      propertyAliases: { slaState: { propertyKey: 'tariff-sla', path: 'slaState', type: 'string' as const } },
    };
    const withState = (id: number, state: string | null) =>
      issue(id, state === null ? {} : { properties: new Map([['tariff-sla', { slaState: state }]]) });
    const issues = [withState(1, 'breached'), withState(2, 'ok'), withState(3, null)];
    const search = (jql: string) =>
      issues.filter((candidate) => parseJqlSubset(jql, propertyContext).matches(candidate)).map((c) => c.key);
    expect(search('slaState = breached')).toEqual(['SUP-1']);
    expect(search('slaState != breached')).toEqual(['SUP-2']);
    expect(search('NOT slaState = breached')).toEqual(['SUP-2']);
    expect(search('NOT slaState in (breached, ok)')).toEqual([]);
    expect(search('slaState is EMPTY')).toEqual(['SUP-3']);
    expect(search('NOT slaState is EMPTY')).toEqual(['SUP-1', 'SUP-2']);
  });

  it('orders by the named fields, id order otherwise', () => {
    expect(run('ORDER BY priority DESC, key ASC', all)).toEqual(['SUP-3', 'OPS-1', 'SUP-2']);
    expect(run('project = SUP ORDER BY updated DESC', all)).toEqual(['SUP-3', 'SUP-2']);
    expect(run('', all)).toEqual(['OPS-1', 'SUP-2', 'SUP-3']);
  });

  it('refuses what it does not support instead of matching everything', () => {
    expect(() => parseJqlSubset('sprint in openSprints()', context)).toThrow(JqlSubsetError);
    expect(() => parseJqlSubset('assignee = currentUser()', context)).toThrow(
      "Unable to find JQL function 'currentUser()'.",
    );
    expect(() => parseJqlSubset('updated >= "last week"', context)).toThrow(/Date value 'last week'/);
    expect(() => parseJqlSubset('project = SUP ORDER BY labels', context)).toThrow(/Not able to sort/);
    expect(() => parseJqlSubset('project = "SUP', context)).toThrow(/unterminated/);
    expect(() => parseJqlSubset('project = SUP extra', context)).toThrow(/unexpected text/);
  });
});
