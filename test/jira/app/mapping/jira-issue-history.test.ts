import { JiraChangeHistorySchema, JiraIssueSchema } from '../../../../src/jira/client/jira-schemas';
import { projectMappingSchema } from '../../../../src/jira/config/jira-mapping-schema';
import { parseCatalog } from '../../../../src/core/catalog/parse-catalog';
import { evaluatePortfolio } from '../../../../src/core/sla/evaluate-portfolio';
import { jiraIssueToHistory } from '../../../../src/jira/mapping/jira-issue-history';
import { exampleCatalog } from '../../e2e/jira-app-harness';

const catalog = exampleCatalog();
const project = projectMappingSchema.parse({
  contract: 'client-a',
  statuses: { Open: 'New' },
  priorities: { Medium: 'normal', High: 'high' },
  issueTypes: { Incident: 'incident' },
});

const issue = JiraIssueSchema.parse({
  id: '10001',
  key: 'SUP-1',
  fields: {
    summary: 'VPN drops',
    created: '2026-11-09T10:00:00.000+0300',
    status: { id: '3', name: 'In Progress', statusCategory: { key: 'indeterminate' } },
    priority: { id: '2', name: 'High' },
    issuetype: { id: '10002', name: 'Incident' },
    project: { id: '1', key: 'SUP' },
  },
});

function history(created: string, author: string, items: Array<Record<string, string | null>>) {
  return JiraChangeHistorySchema.parse({ id: created, created, author: { accountId: author }, items });
}

const histories = [
  history('2026-11-09T10:30:00.000+0300', 'agent', [
    { field: 'status', fieldId: 'status', fromString: 'Open', toString: 'In Progress' },
  ]),
  history('2026-11-09T11:00:00.000+0300', 'agent', [
    { field: 'priority', fieldId: 'priority', fromString: 'Medium', toString: 'High' },
  ]),
  history('2026-11-09T11:30:00.000+0300', 'agent', [
    {
      field: 'timeoriginalestimate',
      fieldId: 'timeoriginalestimate',
      from: null,
      to: '5400',
      fromString: null,
      toString: '1h 30m',
    },
  ]),
];

describe('jiraIssueToHistory', () => {
  it('takes the creation values from the first change of each field and maps Jira names to catalog names', () => {
    const mapped = jiraIssueToHistory({ issue, histories, property: null }, project);
    expect(mapped).toMatchObject({
      key: 'SUP-1',
      contractId: 'client-a',
      status: 'New',
      priority: 'normal',
      type: 'incident',
      line: 'L1',
      createdAtMs: Date.parse('2026-11-09T07:00:00Z'),
    });
    expect(mapped.events).toEqual([
      { atMs: Date.parse('2026-11-09T07:30:00Z'), kind: 'status', to: 'In Progress', from: 'New', by: 'agent' },
      { atMs: Date.parse('2026-11-09T08:00:00Z'), kind: 'priority', to: 'high' },
      { atMs: Date.parse('2026-11-09T08:30:00Z'), kind: 'estimate', minutes: 90 },
    ]);
  });

  it('adds the recorded first response and support-line changes in time order', () => {
    const property = {
      response: { atMs: Date.parse('2026-11-09T07:15:00Z'), by: 'agent' },
      lineHistory: [{ atMs: Date.parse('2026-11-09T08:10:00Z'), to: 'L2' }],
    };
    const mapped = jiraIssueToHistory({ issue, histories, property }, project);
    expect(mapped.events.map((event) => event.kind)).toEqual(['response', 'status', 'priority', 'line', 'estimate']);
  });

  it('passes an unmapped Jira priority through, so the core applies the catalog default or reports the issue as the CLI does', () => {
    const unmapped = JiraIssueSchema.parse({
      ...issue,
      fields: { ...issue.fields, priority: { id: '9', name: 'Blocker' }, issuetype: { id: '9', name: 'Epic' } },
    });
    const mapped = jiraIssueToHistory({ issue: unmapped, histories: [], property: null }, project);
    expect([mapped.priority, mapped.type]).toEqual(['Blocker', 'Epic']);
    // examples/catalog.yml has defaults (priority normal, type incident): the core takes them, as `evaluate` does.
    expect(
      evaluatePortfolio(catalog, [mapped], Date.parse('2026-11-09T08:00:00Z')).evaluations.map((evaluation) => [
        evaluation.priority,
        evaluation.type,
      ]),
    ).toEqual([['normal', 'incident']]);
    // Without defaults the issue is the CLI's invalid issue, with its code and path.
    const strict = parseCatalog({ ...catalog.catalog, defaults: { statuses: catalog.catalog.defaults?.statuses } });
    if (!strict.ok) throw new Error('catalog without defaults should validate');
    const { evaluations, problems } = evaluatePortfolio(strict.value, [mapped], Date.parse('2026-11-09T08:00:00Z'));
    expect(evaluations).toEqual([]);
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['unknown_request_type', ['issues', 0, 'type']],
      ['unknown_priority', ['issues', 0, 'priority']],
    ]);
  });

  it('books worklogs at their start, in minutes, on the line of that moment', () => {
    const worklogs = [
      {
        id: '1',
        issueId: '10001',
        started: '2026-11-09T12:00:00.000+0300',
        timeSpentSeconds: 1800,
        author: { accountId: 'agent' },
      },
    ];
    const property = { response: null, lineHistory: [{ atMs: Date.parse('2026-11-09T08:10:00Z'), to: 'L2' }] };
    const mapped = jiraIssueToHistory({ issue, histories: [], property, worklogs }, project);
    expect(mapped.worklogs).toEqual([
      { id: '1', atMs: Date.parse('2026-11-09T09:00:00Z'), minutes: 30, author: 'agent', line: 'L2' },
    ]);
  });
});
