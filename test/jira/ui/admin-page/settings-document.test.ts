import {
  appendSettingsItem,
  lineOfPath,
  readSettingsText,
  removeSettingsItem,
  renameSettingsKey,
  writeSettingsText,
} from '../../../../src/jira/ui/admin-page/settings-document';
import { localizeProblem } from '../../../../src/jira/ui/admin-page/problem-words';

const CATALOG = `# Seed catalog
priorities: [low, high] # lowest first
tariffs:
  basic:
    name: Basic
    targets: { reaction: 240, resolution: 480 }
`;

describe('the settings text edited in place by the structured editor', () => {
  it('writes a value at its path and keeps the comments and the flow style around it', () => {
    const text = writeSettingsText(CATALOG, ['tariffs', 'basic', 'targets', 'reaction'], 120);
    expect(text).toContain('# Seed catalog');
    expect(text).toContain('priorities: [ low, high ] # lowest first');
    expect(text).toContain('targets: { reaction: 120, resolution: 480 }');
    expect(readSettingsText(text)).toMatchObject({ tariffs: { basic: { targets: { reaction: 120 } } } });
  });

  it('removes a key when the value is emptied, and creates the maps on the way to a new one', () => {
    const cleared = writeSettingsText(CATALOG, ['tariffs', 'basic', 'name'], undefined);
    expect(readSettingsText(cleared)).toEqual({
      priorities: ['low', 'high'],
      tariffs: { basic: { targets: { reaction: 240, resolution: 480 } } },
    });
    const added = writeSettingsText('', ['calendars', 'office', 'week', 'weekdays'], ['09:00-18:00']);
    expect(added).toBe('calendars:\n  office:\n    week:\n      weekdays: [ 09:00-18:00 ]\n');
  });

  it('writes a flow map that comes to hold maps as a block', () => {
    const text = writeSettingsText('projects: {}\n', ['projects', 'SUP'], { contract: 'client-a' });
    expect(text).toBe('projects:\n  SUP:\n    contract: client-a\n');
  });

  it('renames an entry in its place, and adds and removes list items', () => {
    const renamed = renameSettingsKey(CATALOG, ['tariffs'], 'basic', 'standard');
    expect(Object.keys(readSettingsText(renamed)?.tariffs as object)).toEqual(['standard']);
    const appended = appendSettingsItem(CATALOG, ['priorities'], 'critical');
    expect(readSettingsText(appended)?.priorities).toEqual(['low', 'high', 'critical']);
    expect(readSettingsText(removeSettingsItem(appended, ['priorities'], 0))?.priorities).toEqual(['high', 'critical']);
  });

  it('edits through an alias by rebuilding the text from its data', () => {
    const aliased = 'base: &office { zone: UTC }\ncalendars:\n  a: *office\n';
    const text = writeSettingsText(aliased, ['calendars', 'a', 'zone'], 'Europe/Moscow');
    expect(readSettingsText(text)).toMatchObject({ calendars: { a: { zone: 'Europe/Moscow' } } });
  });

  it('gives null for text that is not YAML, which the page leaves to the YAML tab', () => {
    expect(readSettingsText('tariffs: [unclosed')).toBeNull();
  });

  it('finds the line of a problem, or of the nearest ancestor written when the key is missing', () => {
    const lineOf = (path: Array<string | number>) =>
      CATALOG.slice(0, lineOfPath(CATALOG, path).from).split('\n').length;
    expect(lineOf(['tariffs', 'basic', 'targets', 'reaction'])).toBe(6);
    expect(lineOf(['tariffs', 'basic', 'calendar'])).toBe(4);
    expect(lineOf(['priorities', 1])).toBe(2);
  });
});

describe('problems in the page language', () => {
  it.each([
    ['expected minutes > 0', 'ожидается число минут больше 0'],
    [
      'expected a Jira project key such as "SUP"',
      'ожидается ключ проекта Jira заглавными латинскими буквами, например «SUP»',
    ],
    [
      'unknown calendar "msk": define it under "calendars" or use one of "office"',
      'неизвестный календарь «msk»: опишите его в разделе «calendars» или выберите из: "office"',
    ],
  ])('%s → %s', (english, russian) => {
    expect(localizeProblem({ code: 'custom', message: english }, 'ru')).toBe(russian);
    expect(localizeProblem({ code: 'custom', message: english }, 'en')).toBe(english);
  });

  it('says a message no rule knows by its code in Russian, with the message as it came', () => {
    expect(localizeProblem({ code: 'unknown_line', message: 'something new' }, 'ru')).toBe(
      'неизвестная линия поддержки (something new)',
    );
    expect(localizeProblem({ code: 'brand_new', message: 'something new' }, 'ru')).toBe('ошибка (something new)');
    expect(localizeProblem({ code: 'brand_new', message: 'something new' }, 'en')).toBe('something new');
  });
});
