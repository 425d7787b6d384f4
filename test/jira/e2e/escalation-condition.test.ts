/**
 * The workflow condition that offers escalation transitions (manifest `jira:workflowCondition`) reads the
 * app's read-only SLA field, which only the app writes, never the issue property anyone who may edit the
 * issue can rewrite. Evaluated here with the manifest's own expression over the stand-in's issue, as Jira
 * would: the issue's fields (the app's field by its id) and properties, and the rule's configuration.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { createJiraClient } from '../../../src/jira/client/jira-client';
import { SLA_PROPERTY_KEY } from '../../../src/jira/sla/sla-property';
import { fetchTransport } from '../client/stand-in-client';
import { AS_USER_PREFIX } from '../stand-in/jira-stand-in';
import { workflowConditionAllows } from '../stand-in/jira-expression-subset';
import { AGENT, CUSTOMER, ROOT, msk, startAppHarness, type AppHarness } from './jira-app-harness';

/** The stand-in's SLA field (`tariff-sla__sla-state`). */
const SLA_FIELD = 'customfield_10101';

const CONDITION = z
  .object({ modules: z.object({ 'jira:workflowCondition': z.array(z.object({ expression: z.string() })).length(1) }) })
  .parse(parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'))).modules['jira:workflowCondition'][0].expression;

describe('the escalation workflow condition', () => {
  let app: AppHarness;

  beforeEach(async () => {
    app = await startAppHarness('2026-11-09T10:00');
  });

  afterEach(async () => {
    expect(app.standIn.violations()).toEqual([]);
    await app.close();
  });

  /** Jira's answer for the issue: the issue as Jira expressions see it, the rule's configuration as saved. */
  function allows(key: string, config: Record<string, unknown> | null): boolean {
    const state = app.standIn.issueState(key);
    const issue = { id: Number(state.id), key, properties: state.properties, ...state.appFieldValues };
    return workflowConditionAllows(CONDITION, { issue, config, user: { accountId: CUSTOMER } });
  }

  async function served(seed: Parameters<AppHarness['standIn']['seedIssue']>[0]): Promise<string> {
    const issue = app.standIn.seedIssue(seed);
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, `created-${issue.key}`);
    return issue.key;
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
    const resolved = await served({
      project: 'SUP',
      created: msk('2026-11-09T09:00'),
      priority: 'Medium',
      status: 'Open',
      history: [{ at: msk('2026-11-09T09:30'), status: 'Resolved', author: AGENT }],
    });
    const open = await served({ project: 'SUP', created: msk('2026-11-09T09:00'), priority: 'Medium', status: 'Open' });
    const config = { slaFieldId: SLA_FIELD };
    expect([allows(resolved, config), allows(open, config)]).toEqual([false, true]);

    await forgeEscalationAllowed(resolved);
    expect(app.standIn.issueState(resolved).properties[SLA_PROPERTY_KEY]).toMatchObject({ escalationAllowed: true });
    expect(allows(resolved, config)).toBe(false);
    expect(app.standIn.issueState(resolved).appFieldValues[SLA_FIELD]).not.toHaveProperty('escalationAllowed');
    expect(app.standIn.issueState(open).appFieldValues[SLA_FIELD]).toMatchObject({ escalationAllowed: true });
  });

  it('never reads the property: unconfigured it hides nothing, whatever the property says', async () => {
    expect(CONDITION).not.toMatch(/properties/);
    const resolved = await served({
      project: 'SUP',
      created: msk('2026-11-09T09:00'),
      priority: 'Medium',
      status: 'Open',
      history: [{ at: msk('2026-11-09T09:30'), status: 'Resolved', author: AGENT }],
    });
    const before = allows(resolved, null);
    await forgeEscalationAllowed(resolved);
    expect([before, allows(resolved, null)]).toEqual([true, true]);
    // A configuration naming anything but a custom field is ignored the same way, never read as a field.
    expect(allows(resolved, { slaFieldId: 'properties' })).toBe(true);
  });
});
