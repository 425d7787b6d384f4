import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { parseSettingsTexts } from '../../../../src/jira/config/app-settings';
import { localizeProblem, PROBLEM_CODE_RU, russianMessage } from '../../../../src/jira/ui/admin-page/problem-words';
import { seedSettingsTexts } from '../../../helpers/seed-settings';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** The code the admin page's problems come from: the settings' readers, schemas and checks, its resolver and client. */
const SOURCES = [
  'src/core/catalog',
  'src/core/calendar',
  'src/core/errors',
  'src/core/contracts/contract-rules-schema.ts',
  'src/core/contracts/check-contract-rules.ts',
  'src/parsing/parse-yaml.ts',
  'src/parsing/parse-catalog-text.ts',
  'src/parsing/ical-holidays.ts',
  'src/jira/config',
  'src/jira/app/admin-resolver.ts',
  'src/jira/ui/shared/resolver-client.ts',
  'src/jira/ui/admin-page',
];

function sourceFiles(): string[] {
  return SOURCES.flatMap((entry) => {
    const path = join(ROOT, entry);
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .filter((name) => /\.tsx?$/.test(name))
      .map((name) => join(path, name));
  });
}

/** The source without its comments (examples in doc comments are not problems). */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

/** Every problem code written in the sources: `code: 'x'`, `fail('x', …)`, `problem('x', …)`. */
function codesInSources(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles()) {
    const text = code(file);
    for (const match of text.matchAll(/\bcode: '([a-z_]+)'/g)) codes.add(match[1]);
    for (const match of text.matchAll(/\b(?:fail|problem)\(\s*([^,]+),/g))
      for (const literal of match[1].matchAll(/'([a-z_]+)'/g)) codes.add(literal[1]);
  }
  return codes;
}

/** Fixed messages of the settings' schemas: `error: '…'`, `message: '…'` and the `…_HINT` texts. */
function fixedMessagesInSources(): Set<string> {
  const messages = new Set<string>();
  for (const file of sourceFiles()) {
    if (file.includes('/ui/')) continue;
    const text = code(file);
    for (const match of text.matchAll(/\b(?:error|message):\s*'((?:[^'\\]|\\.)*)'/g))
      messages.add(match[1].replace(/\\'/g, "'"));
    for (const match of text.matchAll(/\bconst [A-Z_]*(?:HINT|EXACTLY_ONE)\s*=\s*'((?:[^'\\]|\\.)*)'/g))
      messages.add(match[1].replace(/\\'/g, "'"));
  }
  return messages;
}

/** Words that only an English sentence has (names, ids and values such as `assign_line` are not among them). */
const ENGLISH_WORDS =
  /\b(?:the|of|to|or|and|is|are|be|at|in|on|for|with|expected|must|needs?|use|add|only|not|cannot|remove|least|most|than)\b/i;

/** Russian words: Cyrillic, and no English sentence left outside quotes and parentheses. */
function isRussian(text: string): boolean {
  const outside = text.replace(/«[^»]*»|"[^"]*"|\([^()]*\)/g, '');
  return /[а-яё]/i.test(text) && !ENGLISH_WORDS.test(outside);
}

describe('every problem the admin page can show has Russian words', () => {
  it('each problem code of the settings, the resolver and the page is in the closed list, said in Russian', () => {
    const codes = codesInSources();
    // The scan finds the codes (a sanity check that it reads the sources at all).
    expect(codes).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...codes]).toEqual(
      expect.arrayContaining(['unknown_contract', 'yaml_syntax', 'forbidden', 'invoke_failed']),
    );
    const missing = [...codes].filter((name) => !Object.hasOwn(PROBLEM_CODE_RU, name));
    expect(missing).toEqual([]);
    const english = Object.entries(PROBLEM_CODE_RU).filter(([, words]) => words.trim() === '' || !isRussian(words));
    expect(english).toEqual([]);
  });

  it("each fixed message of the catalog's and the mapping's schemas has its Russian rule", () => {
    const messages = [...fixedMessagesInSources()];
    expect(messages.length).toBeGreaterThan(40);
    const untranslated = messages.filter((message) => {
      const russian = russianMessage(message);
      return russian === null || !isRussian(russian);
    });
    expect(untranslated).toEqual([]);
  });

  it('says in Russian that an unknown key which may be a secret is not shown, without showing it', () => {
    const russian = russianMessage(
      'unknown keys "colour", one not shown (no field name: it may be a secret): remove them or check the spelling',
    );
    expect(russian).toBe(
      'неизвестные поля "colour", одно не показано (не имя поля: возможно, секрет): удалите их или проверьте написание',
    );
  });

  it('the problems of broken settings (every part, structural and cross-reference) all read in Russian', () => {
    const problems = [...brokenCatalogAndMapping(), ...crossReferenceProblems()];
    expect(problems.length).toBeGreaterThan(60);
    const untranslated = problems
      .filter((problem) => russianMessage(problem.message) === null)
      .map((problem) => `${problem.code}: ${problem.message}`);
    expect(untranslated).toEqual([]);
    const unknownCodes = problems.filter((problem) => !Object.hasOwn(PROBLEM_CODE_RU, problem.code));
    expect(unknownCodes).toEqual([]);
    const notRussian = problems.map((problem) => localizeProblem(problem, 'ru')).filter((text) => !isRussian(text));
    expect(notRussian).toEqual([]);
  });

  it('a problem no rule knows is still said in Russian by its code, and as it came in English', () => {
    const problem = { code: 'too_small', message: 'a message written tomorrow' };
    expect(localizeProblem(problem, 'ru')).toBe('слишком маленькое или пустое значение (a message written tomorrow)');
    expect(localizeProblem(problem, 'en')).toBe('a message written tomorrow');
  });
});

const BROKEN_ICS = [
  'BEGIN:VCALENDAR',
  'BEGIN:VEVENT',
  'UID:no-start',
  'SUMMARY:No start',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'SUMMARY:Timed',
  'DTSTART:20260101T100000Z',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'SUMMARY:Backwards',
  'DTSTART;VALUE=DATE:20260105',
  'DTEND;VALUE=DATE:20260103',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'SUMMARY:Monthly',
  'DTSTART;VALUE=DATE:20260105',
  'RRULE:FREQ=MONTHLY',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'SUMMARY:Long',
  'DTSTART;VALUE=DATE:20260105',
  'DTEND;VALUE=DATE:20260305',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

function edited(text: string, changes: ReadonlyArray<[Array<string | number>, unknown]>): string {
  const document = parseDocument(text, { merge: true });
  for (const [path, value] of changes) document.setIn(path, document.createNode(value));
  return document.toString({ lineWidth: 0 });
}

/** Settings broken in every part the editors cover, each problem of its own kind. */
function brokenCatalogAndMapping() {
  const seed = seedSettingsTexts();
  const catalogText = edited(seed.catalogText, [
    [['version'], 2],
    [['currency'], 'RUBLE'],
    [['timeZone'], 'Mars/Base'],
    [['notificationChannels', 'bad-telegram'], { kind: 'telegram', botToken: '123:ABC', chatId: 'chat' }],
    [['notificationChannels', 'bad-kind'], { kind: 'pager' }],
    [['notificationChannels', 'bad-slack'], { kind: 'slack', webhookUrl: 'https://hooks.example/x' }],
    [['notificationChannels', 'bad-teams'], { kind: 'teams', webhookUrl: 'env:TEAMS', card: 'html', extra: 1 }],
    [
      ['contracts', 'client-a', 'notify'],
      [{ channels: [] }, { channels: ['nope'], recipients: ['boss'], lines: [] }],
    ],
    [['tariffs', 'basic', 'csatTarget'], { minimumResponses: 0 }],
    [['tariffs', 'standard', 'csatTarget'], { satisfiedPercent: 'many', averageScore: 9 }],
    [['tariffs', 'extended', 'csatTarget'], { satisfiedPercent: 0 }],
    [['tariffs', 'basic', 'serviceCredits'], { rules: [], graceBreaches: -1 }],
    [['tariffs', 'standard', 'serviceCredits', 'rules', 0], { amount: 1, percentOfFee: 200 }],
    [['tariffs', 'standard', 'serviceCredits', 'graceBreaches'], 1.5],
    [['tariffs', 'hours-15', 'serviceCredits'], { rules: [{ percentOfFee: 'x' }] }],
    [['tariffs', 'basic', 'targets'], { reaction: 0, start: 1.5, resolution: 10 ** 9 }],
    [['tariffs', 'basic', 'prices'], { monthly: 1.234, hourly: -1, overLimitIncident: 'a lot' }],
    [['tariffs', 'basic', 'atRiskPercent'], 120],
    [['tariffs', 'basic', 'hours'], { kind: 'monthly', includedHours: -1 }],
    [['tariffs', 'hours-25', 'hours'], { kind: 'monthly', includedHours: 'ten' }],
    [['tariffs', 'extended', 'requestTypes', 'bug'], { resolution: 'estimate', sameDayCutoff: '25:00' }],
    [['tariffs', 'extended', 'escalationMode'], 'loud'],
    [['calendars', 'empty'], {}],
    [['calendars', 'both'], { alwaysOpen: true, week: { weekdays: ['09:00-18:00'] } }],
    [['calendars', 'odd'], { zone: 'Europe/Moscow', week: { mon: ['9-18'] }, holidays: ['2026-13-01'] }],
    [['calendars', 'idle'], { zone: 'Europe/Moscow', week: { mon: [] } }],
    [['calendars', 'files'], { alwaysOpen: true, holidayFiles: ['holidays/none.ics', 'holidays/broken.ics'] }],
    [
      ['escalationPolicies', 'bad'],
      {
        levels: [
          { level: 2, actions: [] },
          { level: 1, percentOfTarget: 50, minutesBeforeDue: 5, actions: [{ kind: 'fly' }] },
          { level: 3, percentOfTarget: 20_000, actions: [{ kind: 'notify', recipients: [] }] },
        ],
      },
    ],
    [['contracts', 'no-terms'], { name: 'C', terms: [] }],
    [
      ['contracts', 'disordered'],
      {
        name: 'D',
        terms: [
          { tariff: 'nope', from: '2026-02-01' },
          { tariff: 'basic', from: '2026-01-01', prepaidMonths: 0 },
        ],
        statuses: { done: [] },
        unknownKey: 1,
      },
    ],
  ]);
  const mappingText = edited(seed.mappingText, [
    [['projects', 'sup'], { contract: 'client-a' }],
    [
      ['projects', 'ALFA'],
      {
        contract: 'client-a',
        satisfaction: { field: 'Satisfaction', dateField: 'date' },
        recipients: { client_contact: ['a'], boss: [] },
        internalCommentRole: ' ',
        showHoursTo: 'all',
      },
    ],
    [['projects', 'DESK'], { contract: '' }],
    [
      ['contractRules'],
      {
        organizationsField: 'Organizations',
        rules: [
          { contract: 'client-a' },
          { project: 'A', organization: 'B', contract: 'client-a' },
          { field: 'client', contract: 'client-a' },
          { value: 'x', contract: 'client-a' },
          { subprojectOf: 'x', contract: 'client-a' },
          { project: [], contract: ' ' },
          { project: 5, contract: 'client-a' },
        ],
        default: '',
      },
    ],
    [['lineRequirements', 'L2'], { comment: 'yes', fields: 'assignee' }],
    [['escalateSince'], 'yesterday'],
    [['language'], 'de'],
  ]);
  const files = { ...seed.holidayFiles, 'holidays/broken.ics': BROKEN_ICS };
  const result = parseSettingsTexts(catalogText, mappingText, Date.parse('2026-11-20T12:00:00Z'), files);
  if (result.ok) throw new Error('the broken settings validated');
  const syntax = parseSettingsTexts('a: [1\n', 'projects: {\n', 0, {});
  if (syntax.ok) throw new Error('broken YAML validated');
  const notCalendar = parseSettingsTexts(
    edited(seed.catalogText, [[['calendars', 'files'], { alwaysOpen: true, holidayFiles: ['holidays/text.ics'] }]]),
    seed.mappingText,
    0,
    { ...seed.holidayFiles, 'holidays/text.ics': 'hello' },
  );
  if (notCalendar.ok) throw new Error('a text file read as iCalendar');
  return [result, syntax, notCalendar].flatMap((checked) =>
    checked.ok ? [] : [...checked.problems.catalog, ...checked.problems.mapping],
  );
}

/** A valid catalog and a well-formed mapping naming what the catalog lacks. */
function crossReferenceProblems() {
  const seed = seedSettingsTexts();
  const mappingText = edited(seed.mappingText, [
    [['projects', 'ALFA', 'priorities'], { Highest: 'ultra' }],
    [['projects', 'ALFA', 'issueTypes'], { Bug: 'bugz' }],
    [['projects', 'ALFA', 'initialLine'], 'L9'],
    [['projects', 'BETA'], { contract: 'client-zz' }],
    [['contractRules', 'default'], 'client-zz'],
  ]);
  const result = parseSettingsTexts(seed.catalogText, mappingText, 0, seed.holidayFiles);
  if (result.ok) throw new Error('the mapping validated');
  return [...result.problems.catalog, ...result.problems.mapping];
}
