import { slaJqlFunction, SLA_JQL_FUNCTIONS, type SlaJqlFunction } from '../../../src/jira/app/sla-jql-functions';
import { SLA_PROPERTY_KEY, slaPropertySchema, type SlaProperty } from '../../../src/jira/sla/sla-property';
import { manifestPropertyAliases } from '../stand-in/app-property-aliases';
import { parseJqlSubset, resolveAppFunctions, type AppJqlFunction, type JqlIssueView } from '../stand-in/jql-subset';

const NOW_MS = Date.parse('2026-11-20T15:00:00+03:00');
const call = (operator: string, ...args: string[]) => ({ clause: { field: 'issue', operator, arguments: args } });

function property(overrides: Partial<SlaProperty>): SlaProperty {
  return slaPropertySchema.parse({
    v: 1,
    slaState: 'ok',
    slaDueAt: null,
    slaTariff: 'basic',
    contract: 'client-a',
    clock: null,
    line: 'L1',
    escalationAllowed: true,
    nextLine: 'L2',
    ...overrides,
  });
}

/** Issues as the stand-in indexes them, each with the app's property as the app writes it. */
/** `slaOverLimit` is written beside the evaluation's fields by the core's over-limit rule. */
const ISSUES: Array<[string, Record<string, unknown> | null]> = [
  [
    'SUP-1',
    property({ slaState: 'breached', slaReactionState: 'met', slaResolutionState: 'breached', slaEverBreached: true }),
  ],
  [
    'SUP-2',
    property({
      slaState: 'at_risk',
      clock: 'resolution',
      slaDueAt: '2026-11-20T16:30:00+03:00',
      slaReactionState: 'met',
      slaResolutionState: 'at_risk',
      slaResolutionDueAt: '2026-11-20T16:30:00+03:00',
      slaEverBreached: false,
    }),
  ],
  [
    'SUP-3',
    property({
      slaState: 'breached',
      slaReactionState: 'breached',
      slaResolutionState: 'ok',
      slaResolutionDueAt: '2026-11-21T12:00:00+03:00',
      slaEverBreached: true,
    }),
  ],
  [
    'SUP-4',
    property({
      slaState: 'ok',
      clock: 'reaction',
      slaDueAt: '2026-11-20T15:45:00+03:00',
      slaReactionState: 'ok',
      slaReactionDueAt: '2026-11-20T15:45:00+03:00',
      slaResolutionState: 'ok',
      slaEverBreached: false,
    }),
  ],
  [
    'SUP-5',
    {
      ...property({ slaState: 'met', slaReactionState: 'met', slaResolutionState: 'met', slaEverBreached: false }),
      slaOverLimit: true,
    },
  ],
  ['SUP-6', null],
];

const VIEWS: JqlIssueView[] = ISSUES.map(([key, value], index) => ({
  id: index + 1,
  key,
  project: { id: '10000', key: 'SUP', name: 'Support' },
  status: { id: '1', name: 'Open', categoryKey: 'new', categoryName: 'To Do' },
  priority: null,
  issueType: { id: '1', name: 'Incident' },
  created: NOW_MS - 86_400_000,
  updated: NOW_MS,
  resolved: null,
  assignee: null,
  reporter: null,
  labels: [],
  properties: new Map(value === null ? [] : [[SLA_PROPERTY_KEY, value]]),
}));

const FUNCTIONS = Object.fromEntries(
  SLA_JQL_FUNCTIONS.map((name) => [name, ((request) => slaJqlFunction(name, request)) satisfies AppJqlFunction]),
) as Record<SlaJqlFunction, AppJqlFunction>;

/** Runs a query as Jira does: the app's functions answered first, then the search over the indexed property. */
async function search(jql: string): Promise<string[]> {
  const appFunctions = await resolveAppFunctions(jql, FUNCTIONS);
  const query = parseJqlSubset(jql, {
    now: NOW_MS,
    timeZone: 'Europe/Moscow',
    propertyAliases: manifestPropertyAliases(),
    appFunctions,
  });
  return VIEWS.filter((view) => query.matches(view)).map((view) => view.key);
}

describe('the SLA JQL functions', () => {
  it('answer with JQL over the indexed property aliases, per clock when a clock is named', () => {
    expect(slaJqlFunction('slaBreached', call('in'))).toEqual({ jql: 'slaState = breached' });
    expect(slaJqlFunction('slaBreached', call('in', 'Resolution'))).toEqual({ jql: 'slaResolutionState = breached' });
    expect(slaJqlFunction('slaAtRisk', call('not in', 'reaction'))).toEqual({
      jql: '(NOT (slaReactionState = at_risk) OR slaReactionState IS EMPTY)',
    });
    expect(slaJqlFunction('slaDueWithin', call('in', '2h'))).toEqual({
      jql: 'slaDueAt >= now() AND slaDueAt <= "+2h"',
    });
    expect(slaJqlFunction('slaDueWithin', call('in', '30m', 'reaction'))).toEqual({
      jql: 'slaReactionDueAt >= now() AND slaReactionDueAt <= "+30m"',
    });
    expect(slaJqlFunction('slaOverLimit', call('in'))).toEqual({ jql: 'slaOverLimit = true' });
  });

  it('name the bad argument or operator instead of guessing', () => {
    expect(slaJqlFunction('slaBreached', call('in', 'lunch'))).toEqual({
      error: 'slaBreached: unknown clock "lunch": use reaction, start or resolution',
    });
    expect(slaJqlFunction('slaDueWithin', call('in', 'soon'))).toEqual({
      error: 'slaDueWithin: slaDueWithin needs a period such as "2h", "30m", "1d" or "1w" (got "soon")',
    });
    expect(slaJqlFunction('slaOverLimit', call('=', ''))).toEqual({
      error: 'slaOverLimit works with "in" and "not in" (got "=")',
    });
    expect(slaJqlFunction('slaOverLimit', { nonsense: true })).toEqual({
      error: 'slaOverLimit: Jira sent a call the app cannot read',
    });
  });

  it('find the right issues in the Jira stand-in', async () => {
    expect(await search('issue in slaBreached()')).toEqual(['SUP-1', 'SUP-3']);
    expect(await search('project = SUP AND issue in slaBreached("resolution")')).toEqual(['SUP-1']);
    expect(await search('issue in slaBreached(reaction)')).toEqual(['SUP-3']);
    expect(await search('issue in slaAtRisk()')).toEqual(['SUP-2']);
    expect(await search('issue in slaDueWithin("1h")')).toEqual(['SUP-4']);
    expect(await search('issue in slaDueWithin("2h")')).toEqual(['SUP-2', 'SUP-4']);
    expect(await search('issue in slaDueWithin("2h", "resolution")')).toEqual(['SUP-2']);
    expect(await search('issue in slaOverLimit()')).toEqual(['SUP-5']);
    expect(await search('project = SUP AND issue not in slaBreached() AND slaEverBreached != true')).toEqual([
      'SUP-2',
      'SUP-4',
      'SUP-5',
    ]);
    expect(await search('slaEverBreached = true')).toEqual(['SUP-1', 'SUP-3']);
    // An issue without the app's property (SUP-6) is not breached, so `not in` finds it.
    expect(await search('issue not in slaBreached()')).toEqual(['SUP-2', 'SUP-4', 'SUP-5', 'SUP-6']);
    expect(await search('issue not in slaOverLimit()')).toEqual(['SUP-1', 'SUP-2', 'SUP-3', 'SUP-4', 'SUP-6']);
    expect(await search('issue not in slaDueWithin("1h")')).toEqual(['SUP-1', 'SUP-2', 'SUP-3', 'SUP-5', 'SUP-6']);
  });

  it('surface an app error as Jira would, under the query', async () => {
    await expect(search('issue in slaDueWithin("tomorrow")')).rejects.toThrow('slaDueWithin needs a period');
  });
});
