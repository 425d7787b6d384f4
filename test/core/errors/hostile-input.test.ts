import { jiraMappingSchema } from '../../../src/jira/config/jira-mapping-schema';
import { parseCatalog } from '../../../src/core/catalog/parse-catalog';
import { formatInstant } from '../../../src/core/calendar/format-instant';
import { BusinessCalendar } from '../../../src/core/calendar/business-calendar';
import { duplicateJsonKeys } from '../../../src/core/errors/duplicate-json-keys';
import { formatIssues } from '../../../src/core/errors/validation-issue';
import { parseIssueHistories } from '../../../src/core/history/issue-history';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildCatalog, catalogDocument, catalogProblems } from '../../helpers/catalog-builder';
import { issueDocument } from '../../helpers/issue-builder';
import { msk } from '../../helpers/instants';

/** Values a careless or hostile user can type: each is a problem with a path, never a crash or a silent loss. */

describe('bounds on numbers', () => {
  test('A target of a billion minutes is rejected at its path', () => {
    expect(catalogProblems({ tariffs: { main: { targets: { resolution: 1e9 } } } })).toEqual([
      'tariffs.main.targets.resolution: expected at most 527040 minutes (366 days)',
    ]);
  });

  test('A target the calendar cannot hold in a century is rejected, naming the calendar', () => {
    const problems = catalogProblems({
      calendars: { thin: { zone: 'Europe/Moscow', week: { mon: ['09:00-09:01'] } } },
      tariffs: { main: { calendar: 'thin', targets: { resolution: 500_000 } } },
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^tariffs\.main\.targets\.resolution: 500000 working minutes is more than calendar "thin" has in a hundred years/,
      ),
    ]);
  });

  test('A price with a fraction of a kopeck and an absurd price are rejected', () => {
    expect(catalogProblems({ tariffs: { main: { prices: { hourly: 2500.555, monthly: 1e20 } } } }).sort()).toEqual([
      'tariffs.main.prices.hourly: expected at most two decimals (whole kopecks/cents), e.g. 2500.55',
      'tariffs.main.prices.monthly: expected an amount of at most 1000000000',
    ]);
    expect(catalogProblems({ tariffs: { main: { prices: { hourly: 2500.55 } } } })).toEqual([]);
  });

  test('A term from a year before 1900 is rejected instead of becoming the 1900s', () => {
    expect(catalogProblems({ contracts: { acme: { terms: [{ tariff: 'main', from: '0026-01-01' }] } } })).toEqual([
      'contracts.acme.terms[0].from: expected a year from 1900 to 9999',
    ]);
  });

  test('An absurd estimate or worklog is a problem of that issue only; the others are kept', () => {
    const good = issueDocument({ key: 'GOOD-1', created: '2026-11-16 10:00' });
    const estimate = issueDocument({
      key: 'BAD-1',
      created: '2026-11-16 10:00',
      events: [{ at: '2026-11-16 11:00', kind: 'estimate', minutes: 1e9 }],
    });
    const worklog = {
      ...issueDocument({ key: 'BAD-2', created: '2026-11-16 10:00' }),
      worklogs: [{ at: '2026-11-16T11:00:00+03:00', minutes: 1e20, author: 'x' }],
    };
    const { issues, problems } = parseIssueHistories({ issues: [good, estimate, worklog] });
    expect(issues.map((issue) => issue.key)).toEqual(['GOOD-1']);
    expect(formatIssues(problems).split('\n')).toEqual([
      'issues[1].events[0].minutes: expected an estimate of at most 527040 minutes (366 days)',
      'issues[2].worklogs[0].minutes: expected at most 527040 minutes (366 days) in one worklog',
    ]);
  });

  test.each([
    ['2026-11-16T10:00:00+99:00', 'the UTC offset +99:00 is not a real one'],
    ['2026-11-16T10:00:00+03:75', 'the UTC offset +03:75 is not a real one'],
    ['0099-11-16T10:00:00Z', 'expected a year from 1900 to 9999'],
  ])('The instant %s is rejected: %s', (createdAt, message) => {
    const { problems } = parseIssueHistories({
      issues: [{ ...issueDocument({ created: '2026-11-16 10:00' }), createdAt }],
    });
    expect(formatIssues(problems)).toContain(message);
    expect(problems[0].path).toEqual(['issues', 0, 'createdAt']);
  });
});

describe('names that are built-in object properties', () => {
  const NAMES = ['toString', 'constructor', 'valueOf', 'hasOwnProperty'];

  test.each(NAMES)(
    '"%s" used as a name that is not defined is reported as unknown, not taken from Object.prototype',
    (name) => {
      const problems = catalogProblems({
        tariffs: { main: { calendar: name, escalationPolicy: name } },
        contracts: { acme: { terms: [{ tariff: name, from: '2026-01-01' }], calendar: name } },
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`tariffs.main.calendar: unknown calendar "${name}"`),
          expect.stringContaining(`tariffs.main.escalationPolicy: unknown escalation policy "${name}"`),
          expect.stringContaining(`contracts.acme.terms[0].tariff: unknown tariff "${name}"`),
          expect.stringContaining(`contracts.acme.calendar: unknown calendar "${name}"`),
        ]),
      );
    },
  );

  test.each(NAMES)('"%s" defined as tariff, calendar, type and priority names works end to end', (name) => {
    const catalog = buildCatalog({
      priorities: ['low', name],
      requestTypes: { [name]: {} },
      calendars: { [name]: { zone: 'Europe/Moscow', alwaysOpen: true } },
      tariffs: {
        [name]: {
          name: 'Odd',
          calendar: name,
          targets: { reaction: 60 },
          priorities: { [name]: { reaction: 30 } },
          requestTypes: { [name]: { resolution: 120 } },
        },
      },
      contracts: { [name]: { name: 'Odd', terms: [{ tariff: name, from: '2026-01-01' }] } },
    });
    const { issues, problems } = parseIssueHistories({
      issues: [issueDocument({ contract: name, type: name, priority: name, created: '2026-11-16 10:00' })],
    });
    expect(problems).toEqual([]);
    const portfolio = evaluatePortfolio(catalog, issues, msk('2026-11-16 12:00'));
    expect(portfolio.problems).toEqual([]);
    expect(portfolio.evaluations[0].clocks.reaction?.targetMs).toBe(30 * 60_000);
    expect(portfolio.evaluations[0].clocks.resolution?.targetMs).toBe(120 * 60_000);
  });

  test('An issue whose type or priority is a built-in property name the catalog lacks is a problem of that issue', () => {
    const catalog = buildCatalog();
    const { issues } = parseIssueHistories({
      issues: [issueDocument({ type: 'constructor', priority: 'toString', created: '2026-11-16 10:00' })],
    });
    const portfolio = evaluatePortfolio(catalog, issues, msk('2026-11-16 12:00'));
    expect(portfolio.problems.map((problem) => problem.code).sort()).toEqual([
      'unknown_priority',
      'unknown_request_type',
    ]);
  });

  test('A "__proto__" name is reported at its path, not silently dropped', () => {
    const document = JSON.parse(JSON.stringify(catalogDocument()).replace('"main":', '"__proto__":'));
    const result = parseCatalog(document);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(formatIssues(result.issues)).toContain(
        'tariffs.__proto__: "__proto__" cannot be used as a name: rename it',
      );
    const issues = JSON.parse(
      `{"issues": [${JSON.stringify(issueDocument({ created: '2026-11-16 10:00' })).replace('{', '{"__proto__": {"key": "X"},')}]}`,
    );
    expect(formatIssues(parseIssueHistories(issues).problems)).toBe(
      'issues[0].__proto__: "__proto__" cannot be used as a name: rename it',
    );
  });
});

describe('what was silently lost or wrong', () => {
  test('Duplicate JSON keys are reported with their path', () => {
    expect(
      formatIssues(
        duplicateJsonKeys(
          '{"issues": [{"key": "A", "events": [], "key": "B"}, {"a": "x\\"y", "b": [1, {"c": 1, "c": 2}]}]}',
        ),
      ),
    ).toBe(
      [
        'issues[0].key: key "key" appears twice in one object: keep one (JSON readers silently keep only the last)',
        'issues[1].b[1].c: key "c" appears twice in one object: keep one (JSON readers silently keep only the last)',
      ].join('\n'),
    );
    expect(duplicateJsonKeys('{"a": {"k": 1}, "b": {"k": 2}}')).toEqual([]);
  });

  test('Historic zone offsets with seconds print as a valid ISO instant of the same moment', () => {
    const calendar = new BusinessCalendar('old', { zone: 'Europe/Moscow', alwaysOpen: true });
    const instantMs = Date.UTC(1910, 5, 1, 12, 0, 0);
    const text = formatInstant(instantMs, calendar);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(text)).toBe(instantMs);
  });

  test("A catalog without timeZone reads months in its calendars' zone when they agree, and warns when they do not", () => {
    const agreeing = parseCatalog(catalogDocument({ timeZone: undefined }));
    expect(agreeing.ok && agreeing.value.catalog.timeZone).toBe('Europe/Moscow');
    const mixed = parseCatalog(
      catalogDocument({ timeZone: undefined, calendars: { berlin: { zone: 'Europe/Berlin', alwaysOpen: true } } }),
    );
    expect(mixed.ok && mixed.value.catalog.timeZone).toBe('UTC');
    expect(mixed.ok && mixed.value.warnings.map((warning) => warning.code)).toEqual(['time_zone_guessed']);
  });

  test('Overlapping ranges and a repeated priority are warned at their paths', () => {
    const result = parseCatalog(
      catalogDocument({
        priorities: ['low', 'normal', 'low'],
        calendars: { office: { week: { weekdays: ['09:00-13:00', '12:00-18:00'] } } },
      }),
    );
    expect(result.ok && formatIssues(result.value.warnings).split('\n')).toEqual([
      'priorities[2]: priority "low" is listed twice (its rank is the first): keep it once',
      'calendars.office.week.weekdays[1]: range "12:00-18:00" overlaps "09:00-13:00": the time is counted once; merge them',
    ]);
  });
});

describe('name maps of the adapters', () => {
  test('A tracker name that is a built-in property is looked up as data in the Jira mapping and the Redmine worker config', () => {
    const parsed = jiraMappingSchema.safeParse({
      projects: { SUP: { contract: 'acme', priorities: { High: 'high' } } },
    });
    expect(parsed.success).toBe(true);
    if (parsed.success) {
      const priorities = parsed.data.projects.SUP.priorities as Record<string, string>;
      expect(priorities.constructor).toBeUndefined();
      expect(priorities.High).toBe('high');
    }
  });
});
