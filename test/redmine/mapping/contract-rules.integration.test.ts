import { z } from 'zod';
import { resolveIssueContracts } from '../../../src/core/contracts/resolve-issue-contracts';
import type { IssueHistory } from '../../../src/core/history/issue-history';
import { RedmineClient } from '../../../src/redmine/client';
import {
  projectLineage,
  redmineContractAttributes,
  redmineContractRules,
} from '../../../src/redmine/mapping/contract-attributes';
import { requireRedmine, runRails, skipRedmine, uniqueId } from '../worker/redmine-world';
import { testConfig } from '../worker/worker-fixtures';

/*
 * Contract rules against a real Redmine (REDMINE_URL, REDMINE_API_KEY): a shared project "desk" whose
 * issues name their client in a list custom field "Client", and a client owning a project tree
 * gamma > gamma-retail > gamma-kiosk. Fixtures are made in one Rails runner call (custom fields cannot
 * be created through the REST API); everything the test reads goes through the REST API, as the
 * worker reads it: projects.json with `parent`, issues with their journals.
 */
const describeRedmine = skipRedmine ? describe.skip : describe;

const fixtureSchema = z.object({
  fieldId: z.number(),
  issues: z.record(z.string(), z.number()),
});

describeRedmine('contract rules on a real Redmine', () => {
  jest.setTimeout(360_000);
  const uid = uniqueId();
  const field = `Client ${uid}`;
  let fixture: z.infer<typeof fixtureSchema>;
  let client: RedmineClient;

  beforeAll(async () => {
    const { url, apiKey } = requireRedmine();
    client = new RedmineClient({ baseUrl: url, apiKey, retries: 2, baseDelayMs: 200 });
    fixture = fixtureSchema.parse(
      await runRails(`
        uid = ${JSON.stringify(uid)}
        admin = User.where(admin: true).first
        User.current = admin
        field = IssueCustomField.create!(name: "Client #{uid}", field_format: 'list', possible_values: %w[Alfa Beta Gamma],
          is_for_all: true, tracker_ids: Tracker.pluck(:id))
        project = lambda do |name, parent|
          p = Project.create!(identifier: "#{name}-#{uid}", name: "#{name}-#{uid}", is_public: true,
            tracker_ids: Tracker.pluck(:id), enabled_module_names: %w[issue_tracking])
          p.set_parent!(parent) if parent
          p
        end
        desk = project.call('desk', nil)
        gamma = project.call('gamma', nil)
        retail = project.call('gamma-retail', gamma)
        kiosk = project.call('gamma-kiosk', retail)
        omega = project.call('omega', nil)
        tracker = Tracker.find_by!(name: 'Support')
        issue = lambda do |p, subject, client|
          i = Issue.new(project: p, tracker: tracker, author: admin, subject: subject)
          i.custom_field_values = { field.id.to_s => client } if client
          i.save!
          i.reload
        end
        change = lambda do |i, attributes|
          i.reload
          i.init_journal(admin, nil)
          attributes.call(i)
          i.save!
          i
        end
        moved = issue.call(desk, 'Alfa, later Beta', 'Alfa')
        change.call(moved, ->(i) { i.custom_field_values = { field.id.to_s => 'Beta' } })
        triaged = issue.call(desk, 'no client at creation, Gamma at triage', nil)
        change.call(triaged, ->(i) { i.custom_field_values = { field.id.to_s => 'Gamma' } })
        out_of_kiosk = issue.call(kiosk, 'created in the kiosk, moved to omega', nil)
        change.call(out_of_kiosk, ->(i) { i.project = omega })
        ids = {
          moved: moved.id,
          beta: issue.call(desk, 'Beta', 'Beta').id,
          none: issue.call(desk, 'no client', nil).id,
          triaged: triaged.id,
          kiosk: issue.call(kiosk, 'kiosk', nil).id,
          retail: issue.call(retail, 'retail', 'Alfa').id,
          out_of_kiosk: out_of_kiosk.id,
          omega: issue.call(omega, 'omega', nil).id,
        }
        puts JSON.generate({ fieldId: field.id, issues: ids })
      `),
    );
  });

  afterAll(() => client?.close());

  const rules = () =>
    redmineContractRules(
      testConfig({
        contracts: { 'client-d': { projects: [`omega-${uid}`] } },
        contractRules: {
          rules: [
            { subprojectOf: `gamma-${uid}`, contract: 'client-c' },
            { field, value: 'Alfa', contract: 'client-a' },
            { field: fixture.fieldId, value: ['Beta', 'Gamma'], contract: 'client-b' },
          ],
        },
      }),
    ) ?? undefined;

  async function histories(): Promise<IssueHistory[]> {
    const lineage = projectLineage(await client.listProjects());
    const result: IssueHistory[] = [];
    for (const [name, id] of Object.entries(fixture.issues)) {
      const issue = await client.getIssue(id, { include: ['journals'] });
      result.push({
        key: name,
        contractId: '',
        type: 'incident',
        priority: 'normal',
        status: 'New',
        createdAtMs: Date.parse(issue.created_on),
        events: [],
        worklogs: [],
        contractAttributes: redmineContractAttributes(issue, lineage),
      });
    }
    return result;
  }

  it('gives each issue the contract of its project tree, its Client at creation, or its bound project', async () => {
    const resolved = resolveIssueContracts(await histories(), rules());
    expect(Object.fromEntries(resolved.issues.map((issue) => [issue.key, issue.contractId]))).toEqual({
      moved: 'client-a', // Client was Alfa at creation; the later Beta does not count
      beta: 'client-b', // by the field's id
      triaged: 'client-b', // empty at creation: the first value given (Gamma) decides
      kiosk: 'client-c', // two levels under gamma: inherited
      retail: 'client-c', // under gamma: the subproject rule comes before the field rule
      out_of_kiosk: 'client-c', // created in the kiosk: the project at creation decides
      omega: 'client-d', // the project bound under contracts
    });
    expect(resolved.notCovered.map((issue) => issue.key)).toEqual(['none']);
    expect(resolved.notCovered[0].reason).toMatch(/^not covered: no contract rule matched project "desk-/);
  });

  it("reads the project tree from projects.json's parent", async () => {
    const lineage = projectLineage(await client.listProjects());
    const kiosk = [...lineage.values()].find((entry) => entry.names[0] === `gamma-kiosk-${uid}`);
    expect(kiosk?.ancestors.map((names) => names[0])).toEqual([`gamma-retail-${uid}`, `gamma-${uid}`]);
  });
});
