import { MemoryKeyValueStore } from '../../../../src/jira/store/memory-key-value-store';
import type { JiraClient } from '../../../../src/jira/client/jira-client';
import {
  JiraChangeHistorySchema,
  JiraIssueSchema,
  SLA_ISSUE_FIELDS,
  type JiraIssue,
} from '../../../../src/jira/client/jira-schemas';
import type { AppSettings } from '../../../../src/jira/config/app-settings';
import { jiraMappingSchema, projectMappingSchema } from '../../../../src/jira/config/jira-mapping-schema';
import { jiraIssueToHistory } from '../../../../src/jira/mapping/jira-issue-history';
import { satisfactionScore } from '../../../../src/jira/mapping/jira-rating';
import { JiraProjectIssueSource } from '../../../../src/jira/report/project-issue-source';
import { exampleCatalog } from '../../e2e/jira-app-harness';

/** The client's satisfaction rating from JSM's request feedback or a 1–5 custom field of a Jira issue. */
const catalog = exampleCatalog();
const base = {
  contract: 'client-a',
  statuses: { Open: 'New' },
  priorities: { Medium: 'normal' },
  issueTypes: { Incident: 'incident' },
};
const jsm = projectMappingSchema.parse({
  ...base,
  satisfaction: { field: 'customfield_10040', dateField: 'customfield_10041' },
});
const numberField = projectMappingSchema.parse({ ...base, satisfaction: { field: 'customfield_10050' } });

function issueWith(fields: Record<string, unknown>): JiraIssue {
  return JiraIssueSchema.parse({
    id: '10001',
    key: 'SUP-1',
    fields: {
      summary: 'VPN drops',
      created: '2026-11-09T10:00:00.000+0300',
      updated: '2026-11-12T10:00:00.000+0300',
      resolutiondate: '2026-11-10T12:00:00.000+0300',
      status: { id: '5', name: 'Resolved', statusCategory: { key: 'done' } },
      priority: { id: '3', name: 'Medium' },
      issuetype: { id: '10002', name: 'Incident' },
      ...fields,
    },
  });
}

test('JSM request feedback: the rating, its comment and the "Satisfaction date" field', () => {
  const issue = issueWith({
    customfield_10040: { rating: 4, comment: { body: 'Quick, thanks' } },
    customfield_10041: '2026-11-11T09:15:00.000+0300',
  });
  expect(jiraIssueToHistory({ issue, histories: [], property: null }, jsm).rating).toEqual({
    score: 4,
    atMs: Date.parse('2026-11-11T06:15:00Z'),
    comment: 'Quick, thanks',
  });
});

test('A number or select field is dated by its last change in the changelog, else by the resolution date', () => {
  const histories = [
    JiraChangeHistorySchema.parse({
      id: '1',
      created: '2026-11-10T15:00:00.000+0300',
      items: [{ field: 'Satisfaction', fieldId: 'customfield_10050', fromString: null, toString: '3' }],
    }),
    JiraChangeHistorySchema.parse({
      id: '2',
      created: '2026-11-11T16:00:00.000+0300',
      items: [{ field: 'Satisfaction', fieldId: 'customfield_10050', fromString: '3', toString: '5' }],
    }),
  ];
  expect(
    jiraIssueToHistory({ issue: issueWith({ customfield_10050: 5 }), histories, property: null }, numberField).rating,
  ).toEqual({ score: 5, atMs: Date.parse('2026-11-11T13:00:00Z') });
  expect(
    jiraIssueToHistory(
      { issue: issueWith({ customfield_10050: { value: '2 — недоволен' } }), histories: [], property: null },
      numberField,
    ).rating,
  ).toEqual({
    score: 2,
    atMs: Date.parse('2026-11-10T09:00:00Z'),
  });
});

test('No rating without a mapped field, or when the field holds no score 1–5', () => {
  const mapped = (fields: Record<string, unknown>, project = numberField) =>
    jiraIssueToHistory({ issue: issueWith(fields), histories: [], property: null }, project).rating;
  expect(mapped({ customfield_10050: 5 }, projectMappingSchema.parse(base))).toBeUndefined();
  for (const value of [null, 0, 6, 4.5, 'great', { value: null }, { rating: 9 }, [5]])
    expect(mapped({ customfield_10050: value })).toBeUndefined();
});

test.each([
  [5, 5],
  ['3', 3],
  [{ rating: 1 }, 1],
  [{ value: '4.0' }, 4],
  [{ value: '10' }, null],
])('satisfactionScore(%j) is %j', (value, score) => {
  expect(satisfactionScore(value)).toBe(score);
});

test('The mapping refuses a field that is not a custom field id', () => {
  expect(
    projectMappingSchema
      .safeParse({ ...base, satisfaction: { field: 'Satisfaction' } })
      .error?.issues.map((issue) => [issue.path.join('.'), issue.message]),
  ).toEqual([['satisfaction.field', 'expected a custom field id such as "customfield_10040"']]);
});

test('The project source asks Jira for the satisfaction fields and their changes, and the history carries the rating', async () => {
  const calls: Array<[string, unknown]> = [];
  const rated = issueWith({ customfield_10040: { rating: 5 }, customfield_10041: '2026-11-11T09:15:00.000+0300' });
  const scripted: Pick<JiraClient, 'searchJqlAll' | 'bulkFetchChangelogs' | 'getIssueWorklogs'> = {
    async *searchJqlAll(params) {
      calls.push(['searchJqlAll', params.fields]);
      yield rated;
    },
    async bulkFetchChangelogs(ids, options) {
      calls.push(['bulkFetchChangelogs', options?.fieldIds]);
      return ids.map((issueId) => ({ issueId, histories: [] }));
    },
    async getIssueWorklogs(id) {
      calls.push(['getIssueWorklogs', id]);
      return [];
    },
  };
  const jira = new Proxy(scripted, {
    get: (target, name) =>
      name in target
        ? Reflect.get(target, name)
        : () => Promise.reject(new Error(`unscripted Jira call ${String(name)}`)),
  }) as JiraClient;
  const settings: AppSettings = {
    catalog,
    mapping: jiraMappingSchema.parse({
      projects: { SUP: { ...base, satisfaction: { field: 'customfield_10040', dateField: 'customfield_10041' } } },
    }),
    escalateSinceMs: 0,
  };
  const {
    issues: [history],
  } = await new JiraProjectIssueSource(
    { jira, store: new MemoryKeyValueStore(), now: () => Date.parse('2026-11-20T12:00:00Z') },
    settings,
  ).load('SUP', Date.parse('2026-11-01T00:00:00+03:00'), Date.parse('2026-12-01T00:00:00+03:00'));
  expect(history.rating).toEqual({ score: 5, atMs: Date.parse('2026-11-11T06:15:00Z') });
  expect(calls).toEqual([
    ['searchJqlAll', [...SLA_ISSUE_FIELDS, 'customfield_10040', 'customfield_10041']],
    ['bulkFetchChangelogs', ['status', 'priority', 'issuetype', 'timeoriginalestimate', 'customfield_10040']],
    ['getIssueWorklogs', '10001'],
  ]);
});
