import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettingsTexts } from '../../../../src/jira/config/app-settings';
import { STARTER_CATALOG_TEXT, STARTER_MAPPING_TEXT } from '../../../../src/jira/config/starter-settings';
import { EXAMPLE_CATALOG, EXAMPLE_HOLIDAY_FILES } from '../../e2e/jira-app-harness';

const BILLION_LAUGHS = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'cli', 'billion-laughs.yml'), 'utf8');

describe('parseSettingsTexts', () => {
  it('accepts the starter texts a new install opens with', () => {
    expect(parseSettingsTexts(STARTER_CATALOG_TEXT, STARTER_MAPPING_TEXT, 0).ok).toBe(true);
  });

  it('reports catalog problems with their paths, as the admin page shows them', () => {
    const result = parseSettingsTexts(
      EXAMPLE_CATALOG.replace(
        'targets: { reaction: 240, resolution: 480 }',
        'targets: { reaction: -5, resolution: 480 }',
      ),
      'projects: {}',
      0,
      EXAMPLE_HOLIDAY_FILES,
    );
    expect(result).toEqual({
      ok: false,
      problems: {
        catalog: [
          { code: 'too_small', path: ['tariffs', 'basic', 'targets', 'reaction'], message: 'expected minutes > 0' },
        ],
        mapping: [],
      },
    });
  });

  it('checks the mapping against the catalog: contracts, priorities, request types and lines', () => {
    const mapping = `projects:
  SUP:
    contract: client-a
    priorities: { Blocker: urgentest }
    issueTypes: { Bug: defect }
    lineStatuses: { "Third line": L4 }
  OPS:
    contract: client-z
`;
    const result = parseSettingsTexts(EXAMPLE_CATALOG, mapping, 0, EXAMPLE_HOLIDAY_FILES);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.mapping.map((problem) => [problem.path.join('.'), problem.code])).toEqual([
      ['projects.SUP.priorities.Blocker', 'unknown_priority'],
      ['projects.SUP.issueTypes.Bug', 'unknown_request_type'],
      ['projects.SUP.lineStatuses.Third line', 'unknown_line'],
      ['projects.OPS.contract', 'unknown_contract'],
    ]);
  });

  it('reads the holiday files a catalog names from the uploaded files, and names a missing one', () => {
    const result = parseSettingsTexts(EXAMPLE_CATALOG, 'projects: {}', 0, {});
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.catalog).toEqual([
      {
        code: 'file_unreadable',
        path: ['calendars', 'msk-9-19', 'holidayFiles', 0],
        message: expect.stringContaining('no file "holidays/ru-2026.ics" was uploaded'),
      },
    ]);
  });

  it("reports a missing holiday file together with the catalog's other problems, and a lowercase project key by what it expects", () => {
    const result = parseSettingsTexts(
      EXAMPLE_CATALOG.replace('calendar: msk-24x7', 'calendar: msk-24x8'),
      'projects:\n  sup: { contract: client-a }\n',
      0,
      {},
    );
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.catalog.map((problem) => problem.path.join('.'))).toEqual([
      'calendars.msk-9-19.holidayFiles.0',
      'tariffs.extended.calendar',
    ]);
    expect(result.problems.mapping).toEqual([
      { code: 'invalid_key', path: ['projects', 'sup'], message: 'expected a Jira project key such as "SUP"' },
    ]);
  });

  it('names an unknown contract of the mapping while the catalog has problems of its own', () => {
    const result = parseSettingsTexts(
      EXAMPLE_CATALOG.replace('targets: { reaction: 240, resolution: 480 }', 'targets: { reaction: soon }'),
      'projects:\n  SUP: { contract: client-z }\n  OPS: { contract: client-a }\n',
      0,
      EXAMPLE_HOLIDAY_FILES,
    );
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.catalog.map((problem) => problem.path.join('.'))).toEqual([
      'tariffs.basic.targets.reaction',
    ]);
    expect(result.problems.mapping).toEqual([
      {
        code: 'unknown_contract',
        path: ['projects', 'SUP', 'contract'],
        message: expect.stringMatching(/^unknown contract "client-z": use one of "client-a", "client-b"/),
      },
    ]);
  });

  it('reports a billion-laughs catalog or mapping as a problem at the alias path instead of crashing', () => {
    const mappingBomb = BILLION_LAUGHS.replace('version: 1\n', '').replace('priorities:', 'projects:');
    const result = parseSettingsTexts(BILLION_LAUGHS, mappingBomb, 0, EXAMPLE_HOLIDAY_FILES);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.catalog).toEqual([
      { code: 'yaml_alias_limit', path: ['priorities', 0], message: expect.stringContaining('alias *h') },
    ]);
    expect(result.problems.mapping).toEqual([
      { code: 'yaml_alias_limit', path: ['projects', 0], message: expect.stringContaining('alias *h') },
    ]);
  });

  it('reports a YAML syntax error of the mapping with its line', () => {
    const result = parseSettingsTexts(
      EXAMPLE_CATALOG,
      'projects:\n  SUP: { contract: client-a\n',
      0,
      EXAMPLE_HOLIDAY_FILES,
    );
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.mapping[0]).toMatchObject({
      code: 'yaml_syntax',
      message: expect.stringMatching(/^line \d+, column \d+: /),
    });
  });

  it('reads escalation recipients as account lists or accounts and groups, with the internal comment role defaulting to Administrators', () => {
    const mapping = `projects:
  SUP:
    contract: client-a
    recipients:
      support_lead: [lead-1]
      support_line: { groupIds: [g-l1], groups: [first-line] }
  OPS:
    contract: client-c
    internalCommentRole: Developers
`;
    const result = parseSettingsTexts(EXAMPLE_CATALOG, mapping, 0, EXAMPLE_HOLIDAY_FILES);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.settings.mapping.projects.SUP).toMatchObject({
      recipients: {
        support_lead: { accountIds: ['lead-1'], groupIds: [], groups: [] },
        support_line: { accountIds: [], groupIds: ['g-l1'], groups: ['first-line'] },
      },
      internalCommentRole: 'Administrators',
    });
    expect(result.settings.mapping.projects.OPS).toMatchObject({ recipients: {}, internalCommentRole: 'Developers' });
  });

  it("refuses recipients the settings cannot name, telling where the client's recipients come from", () => {
    const mapping = `projects:
  SUP:
    contract: client-a
    recipients: { client_contact: [x], support_leed: [y], account_manager: { accounts: [z] } }
    internalCommentRole: " "
`;
    const result = parseSettingsTexts(EXAMPLE_CATALOG, mapping, 0, EXAMPLE_HOLIDAY_FILES);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.mapping.map((problem) => [problem.path.join('.'), problem.message])).toEqual(
      expect.arrayContaining([
        [
          'projects.SUP.recipients.client_contact',
          expect.stringContaining("client_contact means the issue's reporter"),
        ],
        [
          'projects.SUP.recipients.support_leed',
          expect.stringContaining('support_line, support_lead, account_manager'),
        ],
        ['projects.SUP.recipients.account_manager', expect.stringContaining('accounts')],
        ['projects.SUP.internalCommentRole', expect.stringContaining('project role')],
      ]),
    );
    expect(result.problems.mapping).toHaveLength(4);
  });

  it('takes escalateSince from the mapping, or the time of saving', () => {
    const saved = parseSettingsTexts(EXAMPLE_CATALOG, 'projects: {}', 1234, EXAMPLE_HOLIDAY_FILES);
    const explicit = parseSettingsTexts(
      EXAMPLE_CATALOG,
      'projects: {}\nescalateSince: "2026-11-01T00:00:00+03:00"',
      1234,
      EXAMPLE_HOLIDAY_FILES,
    );
    expect(saved.ok && saved.settings.escalateSinceMs).toBe(1234);
    expect(explicit.ok && explicit.settings.escalateSinceMs).toBe(Date.parse('2026-10-31T21:00:00Z'));
  });
});
