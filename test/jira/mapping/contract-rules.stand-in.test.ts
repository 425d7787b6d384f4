import { SLA_ISSUE_FIELDS } from '../../../src/jira/client/jira-schemas';
import { crossCheckMapping, type AppSettings } from '../../../src/jira/config/app-settings';
import { jiraMappingSchema, type JiraMapping } from '../../../src/jira/config/jira-mapping-schema';
import {
  contractFieldIds,
  jiraContractAttributes,
  jiraContractRules,
  MOVE_FIELD_IDS,
} from '../../../src/jira/mapping/contract-attributes';
import { HISTORY_FIELD_IDS } from '../../../src/jira/mapping/jira-issue-history';
import { evaluateJiraIssues, type JiraIssueInput } from '../../../src/jira/sla/evaluate-jira-issues';
import { issuesFromZodError } from '../../../src/core/errors/validation-issue';
import { connectClient } from '../client/stand-in-client';
import { exampleCatalog } from '../e2e/jira-app-harness';
import { startJiraStandIn, type JiraStandIn } from '../stand-in/jira-stand-in';

/**
 * A shared JSM service desk SUP serves several clients: the request's organization (JSM's
 * Organizations field, customfield_10002) or the "Client" select (customfield_10050) names the
 * client; project ALFA belongs to client A outright. Everything is read from the Jira stand-in
 * through the app's own client, as the app reads it.
 */
const ORGANIZATIONS = 'customfield_10002';
const CLIENT = 'customfield_10050';
const NOW = Date.parse('2026-11-20T12:00:00+03:00');
const catalog = exampleCatalog();
const alfa = { id: '1', name: 'Alfa LLC' };
const beta = { id: '2', name: 'Beta JSC' };
const zeta = { id: '9', name: 'Zeta Fund' };

const MAPPING_DOCUMENT = {
  projects: {
    SUP: { statuses: { Open: 'New' }, priorities: { Medium: 'normal' }, issueTypes: { Incident: 'incident' } },
    ALFA: { contract: 'client-a', priorities: { Medium: 'normal' }, issueTypes: { Incident: 'incident' } },
  },
  contractRules: {
    organizationsField: ORGANIZATIONS,
    rules: [
      { organization: 'Alfa LLC', contract: 'client-a' },
      { organization: '2', contract: 'client-b' },
      { field: CLIENT, value: ['Gamma'], contract: 'client-c' },
    ],
  },
};
const mapping: JiraMapping = jiraMappingSchema.parse(MAPPING_DOCUMENT);
const settings: AppSettings = { catalog, mapping, escalateSinceMs: 0 };

let standIn: JiraStandIn;

beforeEach(async () => {
  standIn = await startJiraStandIn({ now: () => NOW });
  standIn.addProject({ key: 'SUP', id: '10001', typeKey: 'service_desk' });
  standIn.addProject({ key: 'ALFA', id: '10002', typeKey: 'software' });
  const seed = (created: string, customFields: Record<string, unknown>, history: Array<Record<string, unknown>> = []) =>
    standIn.seedIssue({
      project: 'SUP',
      created: `2026-11-16T${created}:00+03:00`,
      customFields,
      history: history.map((change) => ({
        at: `2026-11-16T${String(change.at)}:00+03:00`,
        customFields: change.fields as Record<string, unknown>,
      })),
    });
  seed('09:00', { [ORGANIZATIONS]: [alfa] }, [{ at: '15:00', fields: { [ORGANIZATIONS]: [beta] } }]); // SUP-1
  seed('10:00', { [ORGANIZATIONS]: [beta] }); // SUP-2
  seed('11:00', { [CLIENT]: { id: '10201', value: 'Gamma' } }); // SUP-3
  seed('12:00', {}, [{ at: '12:30', fields: { [ORGANIZATIONS]: [alfa] } }]); // SUP-4: organization added at triage
  seed('13:00', { [ORGANIZATIONS]: [zeta] }); // SUP-5
  standIn.seedIssue({ project: 'ALFA', created: '2026-11-16T14:00:00+03:00' }); // ALFA-1
});

afterEach(async () => {
  expect(standIn.violations()).toEqual([]);
  await standIn.close();
});

/** The issues as the app reads them: a search with the rules' fields, and their changelogs in one bulk request. */
async function readInputs(): Promise<JiraIssueInput[]> {
  const { client } = connectClient(standIn);
  const issues = [];
  for await (const issue of client.searchJqlAll({
    jql: 'project in (SUP, ALFA) ORDER BY created ASC',
    fields: [...SLA_ISSUE_FIELDS, ...contractFieldIds(mapping)],
  }))
    issues.push(issue);
  const changelogs = await client.bulkFetchChangelogs(
    issues.map((issue) => issue.id),
    { fieldIds: [...HISTORY_FIELD_IDS, ...contractFieldIds(mapping), ...MOVE_FIELD_IDS] },
  );
  return issues.map((issue) => ({
    issue,
    histories: changelogs.find((entry) => entry.issueId === issue.id)?.histories ?? [],
    property: null,
    project: mapping.projects[issue.fields.project?.key ?? ''],
  }));
}

test('the attributes at creation: the first organization of a moved request, names and ids, the select option', async () => {
  const inputs = await readInputs();
  const attributes = Object.fromEntries(
    inputs.map((input) => [input.issue.key, jiraContractAttributes(input, mapping)]),
  );
  expect(attributes['SUP-1']).toEqual({
    project: ['SUP', '10001'],
    organizations: ['Alfa LLC', '1'],
    fields: { [CLIENT]: [] },
  });
  expect(attributes['SUP-3'].fields).toEqual({ [CLIENT]: ['Gamma', '10201'] });
  expect(attributes['SUP-4'].organizations).toEqual(['Alfa LLC', '1']);
});

test('each request of the shared desk gets its client; the other project keeps its own contract; Zeta is not covered', async () => {
  const { evaluated, notCovered, problems } = evaluateJiraIssues(settings, await readInputs(), NOW);
  expect(problems.size).toBe(0);
  const contracts = [...evaluated.values()].map((item) => [item.evaluation.key, item.evaluation.contractId]);
  expect(contracts).toEqual([
    ['SUP-1', 'client-a'], // moved to Beta later: the organization at creation decides
    ['SUP-2', 'client-b'], // matched by the organization's id
    ['SUP-3', 'client-c'], // the "Client" select
    ['SUP-4', 'client-a'], // created without an organization: the first one given decides
    ['ALFA-1', 'client-a'], // the project's own contract
  ]);
  expect([...notCovered.values()].map((issue) => [issue.key, issue.reason])).toEqual([
    [
      'SUP-5',
      `not covered: no contract rule matched project "SUP", "10001", organizations "Zeta Fund", "9", ${CLIENT} empty, and the rules name no default contract`,
    ],
  ]);
  // The evaluation's history carries the contract the rules chose.
  expect([...evaluated.values()].every((item) => item.history.contractId === item.evaluation.contractId)).toBe(true);
});

test('the Jira rule list: the mapping rules, then each project with a contract, then the default', () => {
  expect(jiraContractRules(mapping)?.rules.map((rule) => [rule.kind, rule.contract])).toEqual([
    ['organization', 'client-a'],
    ['organization', 'client-b'],
    ['field', 'client-c'],
    ['project', 'client-a'],
  ]);
  expect(jiraContractRules(jiraMappingSchema.parse({ projects: { SUP: { contract: 'client-a' } } }))).toBeNull();
});

test('the mapping names what is wrong: a project without contract and no rules, an organization rule without the field, an unknown contract', () => {
  const problems = (document: unknown) => {
    const parsed = jiraMappingSchema.safeParse(document);
    return parsed.success
      ? crossCheckMapping(catalog, parsed.data).map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      : issuesFromZodError(parsed.error).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };
  expect(problems({ projects: { SUP: {} } })).toEqual([
    'projects.SUP.contract: name the contract of this project, or add "contractRules" choosing the contract of its issues',
  ]);
  expect(
    problems({ projects: { SUP: {} }, contractRules: { rules: [{ organization: 'Alfa', contract: 'client-a' }] } }),
  ).toEqual([
    'contractRules.organizationsField: rule 1 matches a JSM organization: name the Organizations field, e.g. organizationsField: customfield_10002',
  ]);
  expect(
    problems({
      projects: { SUP: {} },
      contractRules: { rules: [{ project: 'SUP', contract: 'client-z' }], default: 'nobody' },
    }),
  ).toEqual([
    expect.stringMatching(/^contractRules\.rules\.0\.contract: unknown contract "client-z"/),
    expect.stringMatching(/^contractRules\.default: unknown contract "nobody"/),
  ]);
});
