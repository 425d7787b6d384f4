import { parseCatalog } from '../../../src/core/catalog/parse-catalog';
import { checkRedmineSetup, type SetupCheckApi } from '../../../src/redmine/doctor/check-redmine-setup';
import { setupRunnerScript } from '../../../src/redmine/doctor/setup-runner-script';
import type {
  RedmineCustomField,
  RedmineIssue,
  RedmineProject,
  RedmineProjectSetup,
  RedmineUser,
} from '../../../src/redmine/schemas';
import { redmineIssue } from '../worker/scripted-redmine-api';
import { testCatalogDocument, testConfig } from '../worker/worker-fixtures';

/*
 * `redmine check` and `redmine setup --print` with contract rules: a shared desk bound to no contract
 * (`contractRules.projects`), a subproject under it synced with `sync.includeSubprojects`, a "Client"
 * list field the rules read, and a contract (beta) reached only through the rules, whose statement goes
 * to the shared desk's wiki. Redmine is a scripted fake: every answer is given here, every call logged.
 */

const catalogResult = parseCatalog(testCatalogDocument({ alpha: '2026-01-01', beta: '2026-01-01' }));
if (!catalogResult.ok) throw new Error('test catalog');
const catalog = catalogResult.value;

const TRACKERS = [
  { id: 1, name: 'Bug' },
  { id: 2, name: 'Support' },
  { id: 3, name: 'Kiosk repair' },
];
const WORKER_FIELD_NAMES = [
  'SLA state',
  'SLA reaction due',
  'SLA start due',
  'SLA resolution due',
  'SLA tariff',
  'Support line',
  'SLA flags',
];
const DATE_FIELD_NAMES = ['SLA reaction due date', 'SLA start due date', 'SLA resolution due date'];
const workerFields: RedmineCustomField[] = [...WORKER_FIELD_NAMES, ...DATE_FIELD_NAMES].map((name, index) => ({
  id: 100 + index,
  name,
  customized_type: 'issue',
  field_format: DATE_FIELD_NAMES.includes(name) ? 'date' : 'string',
  trackers: TRACKERS,
}));
const CLIENT: RedmineCustomField = {
  id: 30,
  name: 'Client',
  customized_type: 'issue',
  field_format: 'list',
  possible_values: [{ value: 'Alfa' }, { value: 'Beta' }],
  trackers: TRACKERS,
};
const ALL_FIELD_REFS = [...workerFields, CLIENT].map(({ id, name }) => ({ id, name }));

function project(id: number, identifier: string, parentId?: number): RedmineProject {
  return {
    id,
    name: identifier,
    identifier,
    created_on: '2026-01-01T00:00:00Z',
    updated_on: '2026-01-01T00:00:00Z',
    ...(parentId !== undefined ? { parent: { id: parentId, name: 'desk' } } : {}),
  };
}

function setup(
  base: RedmineProject,
  options: { wiki: boolean; trackers: number[]; fields: Array<{ id: number; name: string }> },
): RedmineProjectSetup {
  return {
    ...base,
    trackers: TRACKERS.filter((tracker) => options.trackers.includes(tracker.id)),
    issue_custom_fields: options.fields,
    enabled_modules: [{ name: 'issue_tracking' }, ...(options.wiki ? [{ name: 'wiki' }] : [])],
  };
}

const ALPHA = project(1, 'alpha-support');
const DESK = project(10, 'desk');
const KIOSK = project(11, 'desk-kiosk', 10);
const OTHER = project(20, 'unrelated');

/** A fake Redmine answering from fixed data; `calls` logs every call in order; `samples`: the first issue of a project. */
function scriptedRedmine(
  setups: Record<string, RedmineProjectSetup | null>,
  customFields: RedmineCustomField[],
  samples: Record<number, RedmineIssue> = {},
) {
  const calls: string[] = [];
  const me: RedmineUser = { id: 7, login: 'sla-worker', firstname: 'SLA', lastname: 'Worker', admin: true };
  const api: SetupCheckApi = {
    getCurrentUser: async () => (calls.push('getCurrentUser'), me),
    listIssueStatuses: async () => (
      calls.push('listIssueStatuses'),
      ['New', 'In Progress', 'Waiting for customer', 'Resolved', 'Closed'].map((name, index) => ({
        id: index + 1,
        name,
      }))
    ),
    listTrackers: async () => (calls.push('listTrackers'), TRACKERS),
    listIssuePriorities: async () => (calls.push('listIssuePriorities'), [{ id: 1, name: 'Normal' }]),
    listCustomFields: async () => (calls.push('listCustomFields'), customFields),
    listGroups: async () => (
      calls.push('listGroups'),
      [
        { id: 50, name: 'Support L1' },
        { id: 51, name: 'Support L2' },
      ]
    ),
    listUsers: async () => (
      calls.push('listUsers'),
      [me, { id: 8, login: 'lead', firstname: 'Lead', lastname: 'Lead' }]
    ),
    listProjects: async () => (calls.push('listProjects'), [ALPHA, DESK, KIOSK, OTHER]),
    getProjectSetup: async (key) => {
      calls.push(`getProjectSetup ${key}`);
      return setups[String(key)] ?? null;
    },
    // The wiki-attachment check: the worker's user is an administrator; the probe upload is taken and deleted.
    getCurrentUserMemberships: async () => (calls.push('getCurrentUserMemberships'), []),
    getRole: async (id) => {
      throw new Error(`unexpected role read ${id}`);
    },
    uploadFile: async (bytes) => (calls.push(`uploadFile ${bytes.length}`), { id: 77, token: '77.probe' }),
    deleteAttachment: async (id) => {
      calls.push(`deleteAttachment ${id}`);
    },
    eachIssuePage: async (query, onPage) => {
      calls.push(`eachIssuePage ${String(query.projectId)}`);
      const sample = samples[Number(query.projectId)];
      const total = sample === undefined ? 0 : 1;
      await onPage(sample === undefined ? [] : [sample], { offset: 0, total, index: 0 });
      return { total, pages: 1, items: total };
    },
  };
  return { api, calls };
}

const RULES_CONFIG = testConfig({
  contractRules: {
    projects: ['desk'],
    rules: [
      { field: 'Client', value: 'Alfa', contract: 'alpha' },
      { field: 'Client', value: ['Beta', 'Бета'], contract: 'beta' },
    ],
  },
  sync: { concurrency: 1, includeSubprojects: true },
  statements: { enabled: true },
});

function healthySetups(): Record<string, RedmineProjectSetup> {
  const full = { trackers: [1, 2], fields: ALL_FIELD_REFS };
  return {
    'alpha-support': setup(ALPHA, { wiki: true, ...full }),
    desk: setup(DESK, { wiki: true, ...full }),
    '11': setup(KIOSK, { wiki: false, ...full }),
  };
}

test('checks the shared project and its subproject, which no contract binds, beside the bound ones', async () => {
  const { api, calls } = scriptedRedmine(healthySetups(), [...workerFields, CLIENT]);
  const report = await checkRedmineSetup(api, RULES_CONFIG, catalog);
  expect(report.ok).toEqual(
    expect.arrayContaining([
      'project alpha-support (#1) → contract alpha',
      'project desk (#10) → shared: contract by the rules',
      'subproject desk-kiosk (#11) of desk: synced',
      'contract rule 1: field "Client" (#30) → alpha',
    ]),
  );
  // The unrelated project is neither read nor checked.
  expect(calls).not.toContain('getProjectSetup 20');
  expect(calls.filter((call) => call.startsWith('getProjectSetup'))).toEqual([
    'getProjectSetup alpha-support',
    'getProjectSetup desk',
    'getProjectSetup 11',
  ]);
  // Only the rule value missing from the list is a problem: "Бета" is no option of "Client".
  expect(report.problems).toEqual([
    {
      code: 'unknown_rule_value',
      path: ['contractRules', 'rules', 1, 'value'],
      message: expect.stringContaining('list field "Client" has no value "Бета"'),
      fix: expect.stringContaining('IssueCustomField.find(30).tap { |cf| cf.possible_values |= ["Бета"]; cf.save! }'),
    },
  ]);
});

test('a shared project that may receive a rule-only contract statement needs its Wiki module', async () => {
  const setups = healthySetups();
  setups.desk = setup(DESK, { wiki: false, trackers: [1, 2], fields: ALL_FIELD_REFS });
  const { api } = scriptedRedmine(setups, [...workerFields, CLIENT]);
  const report = await checkRedmineSetup(api, RULES_CONFIG, catalog);
  expect(report.problems).toContainEqual({
    code: 'wiki_module_off',
    path: ['contractRules', 'projects', 0],
    message: expect.stringContaining('may receive the statements of beta'),
    fix: expect.stringContaining('Project.find(10).tap { |p| p.enabled_module_names |='),
  });
  // Without statements, no wiki is needed.
  const quiet = await checkRedmineSetup(
    api,
    { ...RULES_CONFIG, statements: { ...RULES_CONFIG.statements, enabled: false } },
    catalog,
  );
  expect(quiet.problems.filter((problem) => problem.code === 'wiki_module_off')).toEqual([]);
});

test("the subproject's fields and trackers count: a field it hides and a tracker only it uses are named", async () => {
  const setups = healthySetups();
  const withoutState = ALL_FIELD_REFS.filter((field) => field.name !== 'SLA state' && field.name !== 'Client');
  setups['11'] = setup(KIOSK, { wiki: false, trackers: [1, 2, 3], fields: withoutState });
  // Its first issue does not offer them either (a field "for all projects" would show here).
  const kioskIssue = redmineIssue(900, { project: { id: 11, name: 'desk-kiosk' } });
  const sample = {
    ...kioskIssue,
    custom_fields: withoutState.map((field) => ({ id: field.id, name: field.name, value: null })),
  };
  const { api } = scriptedRedmine(setups, [...workerFields, CLIENT], { 11: sample });
  const report = await checkRedmineSetup(api, RULES_CONFIG, catalog);
  const codes = report.problems.map((problem) => [problem.code, problem.path.join('.')]);
  expect(codes).toEqual(
    expect.arrayContaining([
      ['custom_field_not_in_project', 'fields.state'],
      ['custom_field_not_in_project', 'contractRules.rules.0.field'],
      ['unmapped_tracker', 'mapping.trackers.Kiosk repair'],
    ]),
  );
  expect(report.problems.find((problem) => problem.path.join('.') === 'contractRules.rules.0.field')?.message).toBe(
    'custom field "Client" (#30), read by the contract rules, is not enabled in project desk-kiosk: its requests would be not covered',
  );
});

test('a "Client" field the rules read but Redmine lacks is named once, with the Ruby that creates the list', async () => {
  const { api } = scriptedRedmine(healthySetups(), workerFields);
  const report = await checkRedmineSetup(api, RULES_CONFIG, catalog);
  const missing = report.problems.filter((problem) => problem.code === 'missing_custom_field');
  expect(missing).toHaveLength(1);
  expect(missing[0]).toMatchObject({ path: ['contractRules', 'rules', 0, 'field'] });
  expect(missing[0].fix).toContain('IssueCustomField.find_or_initialize_by(name: "Client")');
  expect(missing[0].fix).toContain('["Alfa", "Beta", "Бета"]');
});

test('setup --print turns on the shared wiki and creates the "Client" list with the rules\' values', () => {
  const script = setupRunnerScript(RULES_CONFIG);
  expect(script).toContain('Project.find_by(identifier: "desk")');
  expect(script).toContain('Project.find_by(identifier: "alpha-support")');
  expect(script).toMatch(
    /IssueCustomField\.find_or_initialize_by\(name: "Client"\); cf\.field_format = 'list' if cf\.new_record\?; cf\.possible_values = \(cf\.possible_values \|\| \[\]\) \| \["Alfa", "Beta", "Бета"\]/,
  );
  // Without a rule-only contract the shared project's wiki is not touched.
  const bound = setupRunnerScript(
    testConfig({
      contractRules: { projects: ['desk'], rules: [{ field: 'Client', value: 'Alfa', contract: 'alpha' }] },
      statements: { enabled: true },
    }),
  );
  expect(bound).not.toContain('identifier: "desk"');
});
