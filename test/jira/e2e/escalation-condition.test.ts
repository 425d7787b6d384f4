/**
 * The workflow condition that offers escalation transitions (manifest `jira:workflowCondition`) reads the
 * app's read-only SLA field, which only the app writes, never the issue property anyone who may edit the
 * issue can rewrite. Evaluated here with the manifest's own expression over the stand-in's issue, as Jira
 * would: the issue's fields (the app's field by its id) and properties, and the app's own properties,
 * where the app publishes the field's id on this site.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { publishServedProjects } from '../../../src/jira/app/served-projects';
import { runSweep } from '../../../src/jira/app/sweep';
import { loadAppSettings } from '../../../src/jira/config/app-settings';
import { createJiraClient } from '../../../src/jira/client/jira-client';
import { issueFactsKey, readIssueFacts } from '../../../src/jira/sla/issue-facts';
import { SLA_PROPERTY_KEY } from '../../../src/jira/sla/sla-property';
import { fetchTransport } from '../client/stand-in-client';
import { AS_USER_PREFIX } from '../stand-in/jira-stand-in';
import { workflowConditionAllows } from '../stand-in/jira-expression-subset';
import { AGENT, CUSTOMER, ROOT, msk, useAppHarness, type AppHarness } from './jira-app-harness';

/** The stand-in's SLA field (`tariff-sla__sla-state`). */
const SLA_FIELD = 'customfield_10101';

const CONDITION = z
  .object({ modules: z.object({ 'jira:workflowCondition': z.array(z.object({ expression: z.string() })).length(1) }) })
  .parse(parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'))).modules['jira:workflowCondition'][0].expression;

describe('the escalation workflow condition', () => {
  let app: AppHarness;
  useAppHarness('2026-11-09T10:00', (started) => (app = started));

  /** Jira's answer for the issue: the issue as Jira expressions see it, and the app with its properties. */
  function allows(key: string): boolean {
    const state = app.standIn.issueState(key);
    const issue = { id: Number(state.id), key, properties: state.properties, ...state.appFieldValues };
    const appContext = { properties: Object.fromEntries(app.standIn.store.appProperties) };
    return workflowConditionAllows(CONDITION, { issue, app: appContext, config: null, user: { accountId: CUSTOMER } });
  }

  /** What the sweep does first: publish the served projects and the SLA field's id as the app's property. */
  async function publish(): Promise<void> {
    const loaded = await loadAppSettings(app.store);
    if (loaded === null || !loaded.ok) throw new Error('no settings');
    await publishServedProjects(app.deps, loaded.settings);
  }

  async function served(seed: Parameters<AppHarness['standIn']['seedIssue']>[0]): Promise<string> {
    const issue = app.standIn.seedIssue(seed);
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, `created-${issue.key}`);
    return issue.key;
  }

  /** An Open, Medium issue of SUP created at 09:00 and resolved by the agent at 09:30, seen by the app. */
  function servedResolved(): Promise<string> {
    return served({
      project: 'SUP',
      created: msk('2026-11-09T09:00'),
      priority: 'Medium',
      status: 'Open',
      history: [{ at: msk('2026-11-09T09:30'), status: 'Resolved', author: AGENT }],
    });
  }

  async function forgeEscalationAllowed(key: string): Promise<void> {
    const user = createJiraClient({
      requestJira: fetchTransport(app.standIn, { Authorization: `${AS_USER_PREFIX}${CUSTOMER}` }),
      sleep: async () => undefined,
      log: () => undefined,
    });
    const copy = app.standIn.issueState(key).properties[SLA_PROPERTY_KEY];
    await user.setIssueProperty(key, SLA_PROPERTY_KEY, {
      ...(typeof copy === 'object' && copy !== null ? JSON.parse(JSON.stringify(copy)) : {}),
      escalationAllowed: true,
      nextLine: 'L2',
    });
  }

  it('says no to a user who sets escalationAllowed in the property, and yes where the tariff allows it', async () => {
    const resolved = await servedResolved();
    const open = await served({ project: 'SUP', created: msk('2026-11-09T09:00'), priority: 'Medium', status: 'Open' });
    await publish();
    expect(app.standIn.store.appProperties.get('tariff-sla-served')).toMatchObject({ slaFieldId: SLA_FIELD });
    expect([allows(resolved), allows(open)]).toEqual([false, true]);

    await forgeEscalationAllowed(resolved);
    expect(app.standIn.issueState(resolved).properties[SLA_PROPERTY_KEY]).toMatchObject({ escalationAllowed: true });
    expect(allows(resolved)).toBe(false);
    expect(app.standIn.issueState(resolved).appFieldValues[SLA_FIELD]).not.toHaveProperty('escalationAllowed');
    expect(app.standIn.issueState(open).appFieldValues[SLA_FIELD]).toMatchObject({ escalationAllowed: true });
  });

  it('never reads the issue property: before the field id is published it hides nothing, and users cannot publish one', async () => {
    expect(CONDITION).not.toMatch(/issue\??\.properties/);
    const resolved = await servedResolved();
    const before = allows(resolved);
    await forgeEscalationAllowed(resolved);
    expect([before, allows(resolved)]).toEqual([true, true]);
    // Only the app may write its properties: a user naming another "field" is refused by Jira.
    const user = createJiraClient({
      requestJira: fetchTransport(app.standIn, { Authorization: `${AS_USER_PREFIX}${CUSTOMER}` }),
      sleep: async () => undefined,
      log: () => undefined,
    });
    await expect(
      user.setAppProperty('tariff-sla-served', { projects: ['SUP'], slaFieldId: 'properties' }),
    ).rejects.toThrow();
    await publish();
    expect(allows(resolved)).toBe(false);
  });

  it('a field written before it carried escalationAllowed is rewritten once by the daily reconciliation', async () => {
    const key = await served({ project: 'SUP', created: msk('2026-11-09T09:00'), priority: 'Medium', status: 'Open' });
    const { id } = app.standIn.issueState(key);
    // As an earlier version left it: the field without the flag, the facts without a field format.
    const facts = await readIssueFacts(app.store, id);
    if (facts === null) throw new Error('no facts');
    const { fieldFormat, ...older } = facts;
    expect(fieldFormat).toBe(2);
    await app.store.set(issueFactsKey(id), older);
    const field = app.standIn.issueState(key).appFieldValues[SLA_FIELD] as Record<string, unknown>;
    const { escalationAllowed, ...olderField } = field;
    expect(escalationAllowed).toBe(true);
    await app.deps.jira.setAppFieldValues(
      [{ issueIds: [Number(id)], value: JSON.parse(JSON.stringify(olderField)) }],
      SLA_FIELD,
      {
        generateChangelog: false,
      },
    );
    await publish();
    expect(allows(key)).toBe(false);

    const reconcile = () =>
      runSweep(app.deps, { runId: 'reconcile', budgetMs: 60_000, enqueue: async () => undefined });
    expect(await reconcile()).toMatchObject({ fieldWrites: 1, errors: [] });
    expect(allows(key)).toBe(true);
    expect(await reconcile()).toMatchObject({ fieldWrites: 0, propertyWrites: 0, factWrites: 0 });
  });
});
