import type { RedmineCustomField } from '../../../src/redmine/schemas';
import { cachedIssueFromRedmine } from '../../../src/redmine/worker/cached-issue-from-redmine';
import { historyOfCachedIssue } from '../../../src/redmine/worker/history-of-cached-issue';
import { ratingScore } from '../../../src/redmine/worker/rating-of-issue';
import { loadRedmineDirectory, type RedmineDirectory } from '../../../src/redmine/worker/redmine-directory';
import { CUSTOM_FIELDS, journal, redmineIssue, ScriptedRedmineApi, STAFF_USER } from './scripted-redmine-api';
import { testCatalog, testConfig } from './worker-fixtures';

/** The client's satisfaction rating read from a configured Redmine custom field (a list 1–5 or a number). */
const SATISFACTION: RedmineCustomField = {
  id: 20,
  name: 'Satisfaction',
  customized_type: 'issue',
  field_format: 'list',
};

/** The scripted Redmine with one more issue custom field. */
class RedmineWithField extends ScriptedRedmineApi {
  constructor(private readonly extra: RedmineCustomField) {
    super();
  }

  override async listCustomFields() {
    await super.listCustomFields();
    return [...CUSTOM_FIELDS, this.extra];
  }
}

const config = testConfig({ satisfaction: { field: 'Satisfaction' } });

async function directoryWith(field: RedmineCustomField) {
  const api = new RedmineWithField(field);
  const loaded = await loadRedmineDirectory(api, config, testCatalog());
  return { loaded, api };
}

describe('Redmine satisfaction field', () => {
  let directory: RedmineDirectory;
  beforeAll(async () => {
    const { loaded, api } = await directoryWith(SATISFACTION);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    directory = loaded.value;
    expect(api.callsOf('listCustomFields')).toHaveLength(1);
  });

  const rated = (
    id: number,
    value: string | null,
    journals = [
      journal(1, '2026-11-21T09:30:00Z', STAFF_USER, {
        details: [{ property: 'cf', name: '20', old_value: null, new_value: value ?? '' }],
      }),
    ],
  ) => {
    const issue = redmineIssue(id, { updated_on: '2026-11-21T09:30:00Z', journals });
    issue.custom_fields = [...issue.custom_fields, { id: 20, name: 'Satisfaction', value }];
    return issue;
  };

  it('reads the score and dates it at the journal that set the field, into the cached issue and its history', () => {
    const outcome = cachedIssueFromRedmine(rated(1, '4'), directory, config, 'alpha');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.rating).toEqual({ score: 4, atMs: Date.parse('2026-11-21T09:30:00Z') });
    expect(historyOfCachedIssue(outcome.value).rating).toEqual({ score: 4, atMs: Date.parse('2026-11-21T09:30:00Z') });
  });

  it('takes a rating set when the issue was created as given at creation', () => {
    const outcome = cachedIssueFromRedmine(rated(2, '5', []), directory, config, 'alpha');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.rating).toEqual({ score: 5, atMs: Date.parse('2026-11-20T07:00:00Z') });
  });

  it('ignores an empty or odd value and keeps the issue', () => {
    for (const value of [null, '', 'good', '0', '7']) {
      const outcome = cachedIssueFromRedmine(rated(3, value), directory, config, 'alpha');
      if (!outcome.ok) throw new Error(outcome.problem.message);
      expect(outcome.value.rating).toBeUndefined();
    }
  });

  it('reads no rating when the worker is not configured for one', async () => {
    const plain = await loadRedmineDirectory(new RedmineWithField(SATISFACTION), testConfig(), testCatalog());
    if (!plain.ok) throw new Error(JSON.stringify(plain.issues));
    expect(plain.value.ratingFieldId).toBeNull();
    const outcome = cachedIssueFromRedmine(rated(4, '5'), plain.value, testConfig(), 'alpha');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.rating).toBeUndefined();
  });
});

test('A missing rating field, or one of a text format, is a configuration problem with its path', async () => {
  const missing = await directoryWith({ ...SATISFACTION, name: 'Other' });
  expect(missing.loaded.ok ? [] : missing.loaded.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([
    ['missing_custom_field', 'satisfaction.field'],
  ]);
  const text = await directoryWith({ ...SATISFACTION, field_format: 'string' });
  expect(text.loaded.ok ? [] : text.loaded.issues.map((issue) => issue.message)).toEqual([
    'custom field "Satisfaction" has format "string": a rating needs format List (values 1–5), Integer or Float',
  ]);
});

test.each([
  ['5', 5],
  ['1 — очень недоволен', 1],
  ['4.0', 4],
  [['3'], 3],
  ['4.5', null],
  ['10', null],
  ['', null],
])('ratingScore(%j) is %j', (value, expected) => {
  expect(ratingScore(value)).toBe(expected);
});
