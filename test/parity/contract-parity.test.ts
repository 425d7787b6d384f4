import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseCatalog } from '../../src/core/catalog/parse-catalog';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog';
import type { ContractRules } from '../../src/core/contracts/contract-rules-schema';
import type { IssueHistory } from '../../src/core/history/issue-history';
import { evaluatePortfolio } from '../../src/core/sla/evaluate-portfolio';
import { buildMonthlyStatement } from '../../src/core/statement/monthly-statement';
import { statementToJson } from '../../src/core/statement/statement-json';
import { SLA_ISSUE_FIELDS } from '../../src/jira/client/jira-schemas';
import { jiraMappingSchema } from '../../src/jira/config/jira-mapping-schema';
import {
  contractFieldIds,
  jiraContractAttributes,
  jiraContractRules,
  MOVE_FIELD_IDS,
} from '../../src/jira/mapping/contract-attributes';
import { HISTORY_FIELD_IDS, jiraIssueToHistory } from '../../src/jira/mapping/jira-issue-history';
import { evaluateJiraIssues } from '../../src/jira/sla/evaluate-jira-issues';
import {
  projectLineage,
  redmineContractAttributes,
  redmineContractRules,
} from '../../src/redmine/mapping/contract-attributes';
import type { RedmineIssue, RedmineProject } from '../../src/redmine/schemas';
import { cachedIssueFromRedmine } from '../../src/redmine/worker/cached-issue-from-redmine';
import { historyOfCachedIssue } from '../../src/redmine/worker/history-of-cached-issue';
import { loadRedmineDirectory } from '../../src/redmine/worker/redmine-directory';
import { runTariffSla } from '../helpers/cli';
import { msk, mskIso } from '../helpers/instants';
import { connectClient } from '../jira/client/stand-in-client';
import { startJiraStandIn } from '../jira/stand-in/jira-stand-in';
import { journal, redmineIssue, ScriptedRedmineApi, STAFF_USER } from '../redmine/worker/scripted-redmine-api';
import { testConfig } from '../redmine/worker/worker-fixtures';
import {
  EXPECTED_CONTRACTS,
  EXPECTED_NOT_COVERED,
  EXPECTED_OVER_LIMIT,
  SCENARIO,
  SCENARIO_AT,
  SCENARIO_MONTH,
  scenarioCatalogDocument,
  type StatementFigures,
} from './multi-client-scenario';

/**
 * Contract rules on every surface: the same shared service desk (two clients told apart by the client
 * named on the request, one with a project of its own) through the CLI (`--contract-rules`), the
 * Jira mapping (JSM organizations read from the Jira stand-in) and the Redmine mapping (a "Client"
 * list field and its journals) gives the same contracts, the same daily-limit answers (counted per
 * contract across both projects), the same "not covered" request and the same statements per client.
 */
const AT_MS = msk(SCENARIO_AT);
const CONTRACT_IDS = ['client-a', 'client-b'] as const;
const catalogResult = parseCatalog(scenarioCatalogDocument());
if (!catalogResult.ok) throw new Error('scenario catalog is invalid');
const catalog: CompiledCatalog = catalogResult.value;

/** What a surface answers, by scenario name. */
interface SurfaceAnswer {
  contracts: Record<string, string>;
  overLimit: string[];
  notCovered: string[];
  statements: Record<string, StatementFigures>;
}

function figuresOf(json: unknown, nameOfKey: (key: string) => string): StatementFigures {
  const statement = z
    .object({
      contracts: z.array(
        z.object({
          incidents: z.object({ received: z.number(), overLimit: z.number(), perDay: z.unknown() }),
          sla: z.unknown(),
        }),
      ),
      notices: z.array(z.object({ code: z.string(), message: z.string() })),
    })
    .parse(json);
  const [contract] = statement.contracts;
  return {
    received: contract.incidents.received,
    overLimit: contract.incidents.overLimit,
    perDay: contract.incidents.perDay,
    sla: contract.sla,
    notCovered: statement.notices
      .filter((notice) => notice.code === 'issue_not_covered')
      .map((notice) => nameOfKey(notice.message.split(':')[0])),
  };
}

/** Evaluation and a statement per client from histories (the adapters' path into the core). */
function answerOfHistories(
  histories: IssueHistory[],
  rules: ContractRules,
  nameOfKey: (key: string) => string,
): SurfaceAnswer {
  const portfolio = evaluatePortfolio(catalog, histories, AT_MS, { contractRules: rules });
  expect(portfolio.problems).toEqual([]);
  const statements: Record<string, StatementFigures> = {};
  for (const contractId of CONTRACT_IDS) {
    const statement = buildMonthlyStatement(catalog, histories, portfolio, {
      month: SCENARIO_MONTH,
      contractIds: [contractId],
    });
    statements[contractId] = figuresOf(statementToJson(statement, 'en'), nameOfKey);
  }
  return {
    contracts: Object.fromEntries(
      portfolio.evaluations.map((evaluation) => [nameOfKey(evaluation.key), evaluation.contractId]),
    ),
    overLimit: portfolio.evaluations
      .filter((evaluation) => evaluation.overLimit)
      .map((evaluation) => nameOfKey(evaluation.key)),
    notCovered: portfolio.notCovered.map((issue) => nameOfKey(issue.key)),
    statements,
  };
}

// ---------------------------------------------------------------- CLI

const RULES_DOCUMENT = {
  rules: [
    { organization: 'Alfa', contract: 'client-a' },
    { organization: 'Beta', contract: 'client-b' },
    { project: 'alfa', contract: 'client-a' },
  ],
};

const cliEvaluationSchema = z.object({
  issues: z.array(z.object({ key: z.string(), contract: z.string(), overLimit: z.boolean() })),
  notCovered: z.array(z.object({ key: z.string(), reason: z.string() })),
});

async function runCli(): Promise<SurfaceAnswer> {
  const folder = mkdtempSync(join(tmpdir(), 'contract-parity-'));
  try {
    const issues = SCENARIO.map((request) => ({
      key: request.name,
      type: 'incident',
      priority: 'normal',
      status: 'New',
      createdAt: mskIso(`2026-11-16 ${request.created}`),
      // The file gives the values at creation: a later change of client is not part of it.
      attributes: { project: request.project, organizations: request.client === null ? [] : [request.client] },
    }));
    const files = {
      catalog: join(folder, 'catalog.json'),
      issues: join(folder, 'issues.json'),
      rules: join(folder, 'rules.yml'),
    };
    writeFileSync(files.catalog, JSON.stringify(scenarioCatalogDocument()));
    writeFileSync(files.issues, JSON.stringify({ issues }));
    writeFileSync(files.rules, JSON.stringify(RULES_DOCUMENT));
    const common = [
      '--config',
      files.catalog,
      '--issues',
      files.issues,
      '--contract-rules',
      files.rules,
      '--at',
      mskIso(SCENARIO_AT),
    ];
    const evaluated = await runTariffSla(['evaluate', ...common, '--json']);
    expect(evaluated.code).toBe(0);
    const json = cliEvaluationSchema.parse(JSON.parse(evaluated.stdout));
    const statements: Record<string, StatementFigures> = {};
    for (const contractId of CONTRACT_IDS) {
      const report = await runTariffSla([
        'report',
        ...common,
        '--month',
        SCENARIO_MONTH,
        '--contract',
        contractId,
        '--format',
        'json',
        '--lang',
        'en',
      ]);
      expect(report.code).toBe(0);
      statements[contractId] = figuresOf(JSON.parse(report.stdout), (key) => key);
    }
    return {
      contracts: Object.fromEntries(json.issues.map((issue) => [issue.key, issue.contract])),
      overLimit: json.issues.filter((issue) => issue.overLimit).map((issue) => issue.key),
      notCovered: json.notCovered.map((issue) => issue.key),
      statements,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- Jira

const ORGANIZATIONS = 'customfield_10002';
const JIRA_MAPPING = jiraMappingSchema.parse({
  projects: {
    DESK: { statuses: { Open: 'New' }, priorities: { Medium: 'normal' }, issueTypes: { Incident: 'incident' } },
    ALFA: {
      contract: 'client-a',
      statuses: { Open: 'New' },
      priorities: { Medium: 'normal' },
      issueTypes: { Incident: 'incident' },
    },
  },
  contractRules: {
    organizationsField: ORGANIZATIONS,
    rules: [
      { organization: 'Alfa', contract: 'client-a' },
      { organization: 'Beta', contract: 'client-b' },
    ],
  },
});
const ORGANIZATION_IDS: Readonly<Record<string, string>> = { Alfa: '1', Beta: '2', Zeta: '9' };
const organization = (name: string) => [{ id: ORGANIZATION_IDS[name], name }];

async function runJira(): Promise<SurfaceAnswer> {
  const standIn = await startJiraStandIn({ now: () => AT_MS });
  try {
    standIn.addProject({ key: 'DESK', id: '10001', typeKey: 'service_desk' });
    standIn.addProject({ key: 'ALFA', id: '10002', typeKey: 'service_desk' });
    const names = new Map<string, string>();
    for (const request of SCENARIO) {
      const seeded = standIn.seedIssue({
        project: request.project === 'desk' ? 'DESK' : 'ALFA',
        created: msk(`2026-11-16 ${request.created}`),
        customFields: request.client === null ? {} : { [ORGANIZATIONS]: organization(request.client) },
        history: request.clientLater
          ? [
              {
                at: msk(`2026-11-16 ${request.clientLater.at}`),
                customFields: { [ORGANIZATIONS]: organization(request.clientLater.to) },
              },
            ]
          : [],
      });
      names.set(seeded.key, request.name);
    }
    const { client } = connectClient(standIn);
    const issues = [];
    for await (const issue of client.searchJqlAll({
      jql: 'project in (DESK, ALFA) ORDER BY created ASC',
      fields: [...SLA_ISSUE_FIELDS, ...contractFieldIds(JIRA_MAPPING)],
    }))
      issues.push(issue);
    const changelogs = await client.bulkFetchChangelogs(
      issues.map((issue) => issue.id),
      { fieldIds: [...HISTORY_FIELD_IDS, ...contractFieldIds(JIRA_MAPPING), ...MOVE_FIELD_IDS] },
    );
    expect(standIn.violations()).toEqual([]);
    const inputs = issues.map((issue) => ({
      issue,
      histories: changelogs.find((entry) => entry.issueId === issue.id)?.histories ?? [],
      property: null,
      project: JIRA_MAPPING.projects[issue.fields.project?.key ?? ''],
    }));
    const nameOfKey = (key: string) => names.get(key) ?? key;
    // The app's evaluation (what the sweep and the panel run) …
    const app = evaluateJiraIssues({ catalog, mapping: JIRA_MAPPING, escalateSinceMs: 0 }, inputs, AT_MS);
    // … and the histories the project page's statements are built from.
    const histories = inputs.map((input) => ({
      ...jiraIssueToHistory(input, input.project),
      contractAttributes: jiraContractAttributes(input, JIRA_MAPPING),
    }));
    const answer = answerOfHistories(histories, jiraContractRules(JIRA_MAPPING)!, nameOfKey);
    const appEvaluations = [...app.evaluated.values()].map((item) => item.evaluation);
    expect({
      contracts: Object.fromEntries(
        appEvaluations.map((evaluation) => [nameOfKey(evaluation.key), evaluation.contractId]),
      ),
      overLimit: appEvaluations
        .filter((evaluation) => evaluation.overLimit)
        .map((evaluation) => nameOfKey(evaluation.key)),
      notCovered: [...app.notCovered.values()].map((issue) => nameOfKey(issue.key)),
    }).toEqual({ contracts: answer.contracts, overLimit: answer.overLimit, notCovered: answer.notCovered });
    return answer;
  } finally {
    await standIn.close();
  }
}

// ---------------------------------------------------------------- Redmine

const CLIENT_FIELD = { id: 30, name: 'Client' };
const REDMINE_PROJECTS: RedmineProject[] = [
  {
    id: 20,
    name: 'Service desk',
    identifier: 'desk',
    created_on: '2026-01-01T00:00:00Z',
    updated_on: '2026-01-01T00:00:00Z',
  },
  { id: 21, name: 'Alfa', identifier: 'alfa', created_on: '2026-01-01T00:00:00Z', updated_on: '2026-01-01T00:00:00Z' },
];

class ScenarioRedmineApi extends ScriptedRedmineApi {
  override async listProjects() {
    await super.listProjects();
    return REDMINE_PROJECTS;
  }
}

function redmineIssueOf(request: (typeof SCENARIO)[number], id: number): RedmineIssue {
  const project = REDMINE_PROJECTS[request.project === 'desk' ? 0 : 1];
  const created = new Date(msk(`2026-11-16 ${request.created}`)).toISOString().replace('.000', '');
  const base = redmineIssue(id, {
    project: { id: project.id, name: project.name },
    created_on: created,
    updated_on: created,
  });
  const later = request.clientLater;
  return {
    ...base,
    custom_fields: [...base.custom_fields, { ...CLIENT_FIELD, value: later?.to ?? request.client }],
    journals: later
      ? [
          journal(id * 10, new Date(msk(`2026-11-16 ${later.at}`)).toISOString().replace('.000', ''), STAFF_USER, {
            details: [
              { property: 'cf', name: String(CLIENT_FIELD.id), old_value: request.client, new_value: later.to },
            ],
          }),
        ]
      : [],
  };
}

async function runRedmine(): Promise<SurfaceAnswer> {
  const config = testConfig({
    contracts: { 'client-a': { projects: ['alfa'] } },
    contractRules: {
      rules: [
        { field: 'Client', value: 'Alfa', contract: 'client-a' },
        { field: 'Client', value: 'Beta', contract: 'client-b' },
      ],
    },
    staff: { users: [STAFF_USER.id] },
    lines: {},
  });
  const directory = await loadRedmineDirectory(new ScenarioRedmineApi(), config, catalog);
  if (!directory.ok) throw new Error(JSON.stringify(directory.issues));
  const lineage = projectLineage(REDMINE_PROJECTS);
  const histories = SCENARIO.map((request, index) => {
    const issue = redmineIssueOf(request, 101 + index);
    const bound = directory.value.projectsById.get(issue.project.id)?.contractId ?? '';
    const cached = cachedIssueFromRedmine(issue, directory.value, config, bound);
    if (!cached.ok) throw new Error(cached.problem.message);
    return {
      ...historyOfCachedIssue(cached.value, index),
      contractAttributes: redmineContractAttributes(issue, lineage),
    };
  });
  const names = new Map(SCENARIO.map((request, index) => [`#${101 + index}`, request.name]));
  return answerOfHistories(histories, redmineContractRules(config)!, (key) => names.get(key) ?? key);
}

// ---------------------------------------------------------------- the comparison

test('the CLI, the Jira mapping and the Redmine mapping give the same contracts, limits and statements', async () => {
  const [cli, jira, redmine] = [await runCli(), await runJira(), await runRedmine()];
  expect(cli.contracts).toEqual(EXPECTED_CONTRACTS);
  expect(cli.overLimit).toEqual(EXPECTED_OVER_LIMIT);
  expect(cli.notCovered).toEqual(EXPECTED_NOT_COVERED);
  // Privacy: no client's statement names the request no contract covers, on any surface.
  expect(cli.statements['client-a']).toMatchObject({ received: 4, overLimit: 2, notCovered: [] });
  expect(cli.statements['client-b']).toMatchObject({ received: 2, overLimit: 0, notCovered: [] });
  expect(jira).toEqual(cli);
  expect(redmine).toEqual(cli);
});
