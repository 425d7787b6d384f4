import {
  nameIsFree,
  renameEntryInText,
  renameReferencesInText,
  renameSettingsEntry,
} from '../../../../src/jira/ui/admin-page/rename-entry';
import { moveSettingsItem, readSettingsText, valueAt } from '../../../../src/jira/ui/admin-page/settings-document';

const CATALOG = `# The catalog
calendars:
  office: # the main office
    zone: Europe/Moscow
  night: { alwaysOpen: true }
escalationPolicies:
  standard: { levels: [] }
tariffs:
  basic:
    calendar: office # where the clocks run
    escalationPolicy: standard
  premium:
    calendar: "night"
notificationChannels:
  lead-telegram: { kind: email } # the lead's group
  mail: { kind: email }
contracts:
  client-a:
    calendar: office
    terms:
      - { tariff: basic, from: 2026-01-01 } # first year
      - tariff: premium
        from: 2027-01-01
    notify:
      - { channels: [lead-telegram, mail], recipients: [support_lead] }
  client-b:
    terms: [{ tariff: basic, from: 2026-03-01 }]
`;

const MAPPING = `projects:
  ALFA: { contract: client-a } # Alfa's own project
  DESK: {}
contractRules:
  rules:
    - { organization: Alfa LLC, contract: client-a } # by organization
    - { project: [ALFA, DESK], contract: client-b }
    - project: ALFA
      contract: client-b
  default: client-a # the rest
`;

describe('renaming an entry renames every reference to it, in place', () => {
  it('renames a tariff and the contract terms naming it, keeping comments, quotes and flow style', () => {
    const text = renameEntryInText(CATALOG, 'tariffs', 'basic', 'base');
    const data = readSettingsText(text);
    expect(Object.keys(Object(data?.tariffs))).toEqual(['base', 'premium']);
    expect(text).toContain('    calendar: office # where the clocks run');
    expect(text).toContain('- { tariff: base, from: 2026-01-01 } # first year');
    expect(text).toContain('terms: [ { tariff: base, from: 2026-03-01 } ]');
    expect(text).toContain('# The catalog');
    expect(text).not.toMatch(/tariff: basic/);
  });

  it('renames a calendar in tariffs and contracts, quoted or not', () => {
    const office = renameEntryInText(CATALOG, 'calendars', 'office', 'msk');
    // The key's comment stays with it (the YAML writer puts it on the line below the key).
    expect(office).toMatch(/ {2}msk:\s*# the main office/);
    expect(office).toContain('    calendar: msk # where the clocks run');
    expect(readSettingsText(office)).toMatchObject({ contracts: { 'client-a': { calendar: 'msk' } } });
    const night = renameEntryInText(CATALOG, 'calendars', 'night', 'always');
    expect(night).toContain('calendar: "always"');
  });

  it('renames a policy and a notification channel inside the routes that list it', () => {
    const policy = renameEntryInText(CATALOG, 'escalationPolicies', 'standard', 'default');
    expect(readSettingsText(policy)).toMatchObject({ tariffs: { basic: { escalationPolicy: 'default' } } });
    const channel = renameEntryInText(CATALOG, 'notificationChannels', 'lead-telegram', 'lead-chat');
    expect(channel).toContain("  lead-chat: { kind: email } # the lead's group");
    expect(readSettingsText(channel)).toMatchObject({
      contracts: { 'client-a': { notify: [{ channels: ['lead-chat', 'mail'] }] } },
    });
  });

  it("renames a contract's references in the mapping: projects, rules and the default", () => {
    const catalog = renameEntryInText(CATALOG, 'contracts', 'client-a', 'alfa');
    expect(Object.keys(Object(readSettingsText(catalog)?.contracts))).toEqual(['alfa', 'client-b']);
    const mapping = renameReferencesInText(MAPPING, 'mapping', 'contracts', 'client-a', 'alfa');
    expect(mapping).toContain("ALFA: { contract: alfa } # Alfa's own project");
    expect(mapping).toContain('- { organization: Alfa LLC, contract: alfa } # by organization');
    expect(mapping).toContain('default: alfa # the rest');
    expect(mapping).toContain('contract: client-b');
  });

  it('renames a project key and the rules that match it, alone or in a list', () => {
    const mapping = renameEntryInText(MAPPING, 'projects', 'ALFA', 'ALPHA');
    expect(readSettingsText(mapping)).toMatchObject({
      projects: { ALPHA: { contract: 'client-a' } },
      contractRules: { rules: [{ organization: 'Alfa LLC' }, { project: ['ALPHA', 'DESK'] }, { project: 'ALPHA' }] },
    });
  });

  it('leaves the texts alone for a taken or empty name, an unknown entry, or a text with nothing to rename', () => {
    expect(renameEntryInText(CATALOG, 'tariffs', 'basic', 'premium')).toBe(CATALOG);
    expect(renameEntryInText(CATALOG, 'tariffs', 'basic', '  ')).toBe(CATALOG);
    expect(renameEntryInText(CATALOG, 'tariffs', 'gold', 'platinum')).toBe(CATALOG);
    expect(renameReferencesInText(MAPPING, 'mapping', 'contracts', 'client-z', 'z')).toBe(MAPPING);
    expect(renameReferencesInText(MAPPING, 'mapping', 'tariffs', 'basic', 'base')).toBe(MAPPING);
    expect(nameIsFree(CATALOG, 'tariffs', 'premium')).toBe(false);
    expect(nameIsFree(CATALOG, 'tariffs', 'gold')).toBe(true);
  });

  it('does not rename a value that merely equals the name elsewhere', () => {
    const text = renameEntryInText(`${CATALOG}defaults: { type: basic }\n`, 'tariffs', 'basic', 'base');
    expect(readSettingsText(text)).toMatchObject({ defaults: { type: 'basic' } });
  });
});

describe('a rename from the structured editor, over both texts', () => {
  const texts = { catalog: CATALOG, mapping: MAPPING };

  it("renames a catalog's contract in the catalog and its references in the mapping", () => {
    const after = renameSettingsEntry('catalog', texts, ['contracts'], 'client-a', 'alfa');
    expect(Object.keys(Object(readSettingsText(after.catalog)?.contracts))).toEqual(['alfa', 'client-b']);
    expect(readSettingsText(after.mapping)).toMatchObject({
      projects: { ALFA: { contract: 'alfa' } },
      contractRules: { default: 'alfa' },
    });
  });

  it('renames a project in the mapping, and leaves the catalog as it was', () => {
    const after = renameSettingsEntry('mapping', texts, ['projects'], 'DESK', 'SUP');
    expect(after.catalog).toBe(CATALOG);
    const mapping = readSettingsText(after.mapping);
    expect(Object.keys(Object(mapping?.projects))).toEqual(['ALFA', 'SUP']);
    expect(valueAt(mapping, ['contractRules', 'rules', 1])).toEqual({
      project: ['ALFA', 'SUP'],
      contract: 'client-b',
    });
  });

  it('renames any other key on its own, and changes nothing for a taken name', () => {
    const other = renameSettingsEntry('catalog', texts, ['tariffs', 'basic'], 'calendar', 'calendarId');
    expect(other.mapping).toBe(MAPPING);
    expect(readSettingsText(other.catalog)).toMatchObject({ tariffs: { basic: { calendarId: 'office' } } });
    expect(renameSettingsEntry('catalog', texts, ['contracts'], 'client-a', 'client-b')).toBe(texts);
  });
});

describe('an ordered list reordered in place', () => {
  it('moves a contract rule with its comment, and refuses places outside the list', () => {
    const moved = moveSettingsItem(MAPPING, ['contractRules', 'rules'], 0, 2);
    const rules = (readSettingsText(moved)?.contractRules as { rules: unknown[] }).rules;
    expect(rules).toEqual([
      { project: ['ALFA', 'DESK'], contract: 'client-b' },
      { project: 'ALFA', contract: 'client-b' },
      { organization: 'Alfa LLC', contract: 'client-a' },
    ]);
    expect(moved).toContain('- { organization: Alfa LLC, contract: client-a } # by organization');
    expect(moveSettingsItem(MAPPING, ['contractRules', 'rules'], 0, 3)).toBe(MAPPING);
    expect(moveSettingsItem(MAPPING, ['contractRules', 'rules'], -1, 0)).toBe(MAPPING);
  });
});

describe('renames that could leave a dangling reference', () => {
  it('follows a reference written as an alias of a value that is no reference itself', () => {
    const catalog = `calendars:\n  std: {}\ntariffs:\n  basic:\n    name: &cal std\n    calendar: *cal # same word\n`;
    const text = renameEntryInText(catalog, 'calendars', 'std', 'office');
    expect(readSettingsText(text)).toMatchObject({
      calendars: { office: {} },
      tariffs: { basic: { name: 'std', calendar: 'office' } },
    });
    expect(text).toContain('# same word');
  });

  it('keeps an alias whose anchor is renamed as a reference too', () => {
    const catalog = `calendars:\n  std: {}\ntariffs:\n  basic: { calendar: &c std }\n  other: { calendar: *c }\n`;
    const text = renameEntryInText(catalog, 'calendars', 'std', 'office');
    expect(text).toContain('*c');
    expect(readSettingsText(text)).toMatchObject({
      tariffs: { basic: { calendar: 'office' }, other: { calendar: 'office' } },
    });
  });

  it('renames ids that are prefixes of others, or only equal as text, exactly', () => {
    const catalog = `calendars:\n  std: {}\n  std-2: {}\n  1: {}\ntariffs:\n  a: { calendar: std-2 }\n  b: { calendar: 1 }\n  c: { calendar: std }\n`;
    const text = renameEntryInText(renameEntryInText(catalog, 'calendars', 'std', 'office'), 'calendars', '1', '123');
    expect(readSettingsText(text)).toMatchObject({
      tariffs: { a: { calendar: 'std-2' }, b: { calendar: '123' }, c: { calendar: 'office' } },
    });
    expect(text).toMatch(/calendars:\n {2}office: \{\}\n {2}std-2: \{\}\n {2}"?123"?: \{\}\n/);
  });

  it('refuses a rename whose references it cannot follow into the other text (not valid YAML there)', () => {
    const brokenMapping = `${MAPPING}  oops: [unclosed\n`;
    const texts = { catalog: CATALOG, mapping: brokenMapping };
    expect(renameSettingsEntry('catalog', texts, ['contracts'], 'client-a', 'alfa')).toEqual(texts);
    // A section the other text never names renames as before.
    const after = renameSettingsEntry('catalog', texts, ['tariffs'], 'basic', 'base');
    expect(after.mapping).toBe(brokenMapping);
    expect(after.catalog).not.toBe(CATALOG);
  });

  it('refuses to pick one of two entries written with the same name', () => {
    const catalog = `calendars:\n  std: { zone: UTC }\n  std: { zone: Europe/Moscow }\ntariffs:\n  a: { calendar: std }\n`;
    expect(renameEntryInText(catalog, 'calendars', 'std', 'office')).toBe(catalog);
  });
});

describe('renaming to a name that cannot be an id', () => {
  it('refuses a Jira project key that is no key, leaving both texts as they were', () => {
    const texts = { catalog: CATALOG, mapping: MAPPING };
    expect(renameSettingsEntry('mapping', texts, ['projects'], 'DESK', 'help desk')).toEqual(texts);
    expect(renameSettingsEntry('mapping', texts, ['projects'], 'DESK', 'sup')).toEqual(texts);
    expect(renameSettingsEntry('mapping', texts, ['projects'], 'DESK', 'SUP').mapping).toContain('SUP: {}');
  });

  it('refuses a name spread over lines or holding control characters', () => {
    expect(renameEntryInText(CATALOG, 'tariffs', 'basic', 'base\nline')).toBe(CATALOG);
    expect(renameEntryInText(CATALOG, 'tariffs', 'basic', 'base\u0007')).toBe(CATALOG);
    expect(nameIsFree(CATALOG, 'tariffs', 'base\nline')).toBe(false);
    expect(renameEntryInText(CATALOG, 'tariffs', 'basic', 'базовый 2')).toContain('базовый 2:');
  });
});
