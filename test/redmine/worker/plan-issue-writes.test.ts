import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog';
import { parseCatalog } from '../../../src/core/catalog/parse-catalog';
import { historyOfCachedIssue } from '../../../src/redmine/worker/history-of-cached-issue';
import { doneIdentityKeys } from '../../../src/redmine/worker/escalation-marker';
import { planIssueWrites } from '../../../src/redmine/worker/plan-issue-writes';
import { loadRedmineDirectory, type RedmineDirectory } from '../../../src/redmine/worker/redmine-directory';
import { emptyCachedFields, type CachedIssue } from '../../../src/redmine/worker/worker-state-schema';
import { ScriptedRedmineApi } from './scripted-redmine-api';
import { testCatalogDocument, testConfig } from './worker-fixtures';

const CREATED_MS = Date.parse('2026-11-20T07:00:00Z');
const MINUTE = 60_000;

/** The test catalog with a resolution policy: level 2 at 100 % raises the priority and moves the issue to L3. */
function catalogWithResolutionPolicy(): CompiledCatalog {
  const document = testCatalogDocument();
  const policies = {
    resolution: {
      levels: [
        {
          level: 2,
          percentOfTarget: 100,
          clocks: ['resolution'],
          actions: [{ kind: 'raise_priority' }, { kind: 'assign_line', line: 'L3' }],
        },
      ],
    },
  };
  const tariffs = {
    test: {
      name: 'Test',
      calendar: 'always',
      escalationPolicy: 'resolution',
      escalationMode: 'without_client',
      targets: { resolution: 60 },
    },
  };
  const parsed = parseCatalog({ ...document, escalationPolicies: policies, tariffs });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function cached(overrides: Partial<CachedIssue> = {}): CachedIssue {
  return {
    id: 9,
    projectId: 10,
    contractId: 'alpha',
    updatedOn: '2026-11-20T07:00:00Z',
    fingerprint: '',
    owesWrite: false,
    closed: false,
    subject: 'Issue 9',
    assigneeId: null,
    type: 'incident',
    priority: 'normal',
    status: 'New',
    createdAtMs: CREATED_MS,
    events: [],
    fields: emptyCachedFields(),
    escalations: [],
    missingFields: [],
    ...overrides,
  };
}

describe('planIssueWrites', () => {
  const catalog = catalogWithResolutionPolicy();
  const config = testConfig({ lines: { L3: { user: 77 } } });
  let directory: RedmineDirectory;

  beforeAll(async () => {
    const loaded = await loadRedmineDirectory(new ScriptedRedmineApi(), config, catalog);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    directory = loaded.value;
  });

  const plan = (issue: CachedIssue, nowMs: number) => {
    const portfolio = evaluatePortfolio(catalog, [historyOfCachedIssue(issue)], nowMs, {
      intents: { done: () => doneIdentityKeys(issue.escalations) },
    });
    return planIssueWrites(portfolio.evaluations[0], portfolio.intents[0], issue, { catalog, config, directory });
  };

  it('raises the priority to the next Redmine priority and assigns the next line, privately in a mode without the client', () => {
    const writes = plan(cached(), CREATED_MS + 61 * MINUTE);

    expect(writes).toHaveLength(1);
    expect(writes[0].update).toMatchObject({ priority_id: 3, assigned_to_id: 77, private_notes: true });
    expect(writes[0].update.notes).toContain('Its priority is raised from normal to high.');
    expect(writes[0].update.notes).toContain('The request is handed to support line L3.');
    expect(writes[0].update.notes).toContain('[esc:resolution:L2:c0]');
    expect(writes[0].fieldsAfter).toMatchObject({ state: 'breached', line: 'L3', flags: 'esc:resolution:L2:c0' });
  });

  it('sends on a first write only the fields that get a value, never an empty one', () => {
    const writes = plan(cached(), CREATED_MS + 10 * MINUTE);

    expect(writes).toHaveLength(1);
    const sent = writes[0].update.custom_fields ?? [];
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((field) => field.value !== '')).toBe(true);
    // The test tariff has no start target and no support line: those fields stay unsent.
    expect(sent.map((field) => field.id)).not.toContain(directory.fieldIds.startDue);
    expect(sent.map((field) => field.id)).not.toContain(directory.fieldIds.line);
    expect(writes[0].changed.sort()).toEqual(
      (Object.keys(writes[0].fieldsAfter) as Array<keyof (typeof writes)[0]['fieldsAfter']>)
        .filter((key) => writes[0].fieldsAfter[key] !== '')
        .sort(),
    );
  });

  it('sends only the field whose value changed, not the unchanged ones', () => {
    const first = plan(cached(), CREATED_MS + 10 * MINUTE)[0];
    const written = cached({ fields: { ...first.fieldsAfter, tariff: 'an older tariff' } });

    const writes = plan(written, CREATED_MS + 10 * MINUTE);

    expect(writes.map((write) => write.update)).toEqual([
      { custom_fields: [{ id: directory.fieldIds.tariff, value: first.fieldsAfter.tariff }] },
    ]);
    expect(writes[0].changed).toEqual(['tariff']);
  });

  it('plans nothing when every value matches and the level is done', () => {
    const first = plan(cached(), CREATED_MS + 61 * MINUTE)[0];
    const again = plan(
      cached({ fields: first.fieldsAfter, escalations: ['esc:resolution:L2:c0'], assigneeId: 77 }),
      CREATED_MS + 62 * MINUTE,
    );
    expect(again).toEqual([]);
  });

  it('records the levels of a done issue without acting: marker in the flags, no note', () => {
    const resolvedLate = cached({
      closed: true,
      status: 'New',
      events: [{ atMs: CREATED_MS + 90 * MINUTE, kind: 'status', to: 'Resolved', from: 'New' }],
    });
    const writes = plan(resolvedLate, CREATED_MS + 120 * MINUTE);
    expect(writes.map((write) => [write.escalation, write.recorded, write.update.notes])).toEqual([
      [undefined, ['esc:resolution:L2:c0'], undefined],
    ]);
    expect(writes[0].fieldsAfter).toMatchObject({ state: 'breached', flags: 'esc:resolution:L2:c0' });
  });

  it('gives a level reached after a reopening its own marker', () => {
    const reopened = cached({
      events: [
        { atMs: CREATED_MS + 10 * MINUTE, kind: 'status', to: 'Resolved', from: 'New' },
        { atMs: CREATED_MS + 20 * MINUTE, kind: 'status', to: 'In Progress', from: 'Resolved' },
      ],
    });
    const writes = plan(reopened, CREATED_MS + 80 * MINUTE);
    expect(writes.map((write) => write.escalation?.marker)).toEqual(['esc:resolution:L2:c1']);
  });

  it('does not write fields Redmine does not offer on the issue', () => {
    const writes = plan(cached({ missingFields: ['resolutionDue', 'tariff'] }), CREATED_MS + 5 * MINUTE);
    // The date field of the resolution is offered, so its day is written even though the text is not.
    expect(writes[0].changed).toEqual(['state', 'resolutionDueDate']);
  });
});
