import { catalogProblems } from '../../helpers/catalog-builder';

/**
 * Every catalog problem is reported as `path: message`, where the path leads to the offending value
 * and the message says how to fix it. The base test catalog has tariff `main`, calendars `office`
 * and `always`, contract `acme`, priorities low/normal/high/critical.
 */

describe('targets', () => {
  test.each([
    ['negative', -5],
    ['zero', 0],
    ['a string', '60'],
  ])('A %s target is rejected at its path: "expected minutes > 0"', (_label, value) => {
    expect(
      catalogProblems({ tariffs: { basic: { name: 'Basic', calendar: 'office', targets: { reaction: value } } } }),
    ).toEqual(['tariffs.basic.targets.reaction: expected minutes > 0']);
  });

  test('A fractional target asks for whole minutes', () => {
    expect(catalogProblems({ tariffs: { main: { targets: { resolution: 1.5 } } } })).toEqual([
      'tariffs.main.targets.resolution: expected whole minutes > 0',
    ]);
  });

  test('A same-day cutoff needs a fixed resolution target, not an estimate', () => {
    expect(
      catalogProblems({
        tariffs: { main: { requestTypes: { enhancement: { resolution: 'estimate', sameDayCutoff: '16:00' } } } },
      }),
    ).toEqual([
      'tariffs.main.requestTypes.enhancement.sameDayCutoff: a same-day cutoff needs a fixed resolution target: remove "sameDayCutoff" or set "resolution" to minutes',
    ]);
  });

  test('A same-day cutoff must be a local time', () => {
    expect(
      catalogProblems({ tariffs: { main: { requestTypes: { bug: { resolution: 480, sameDayCutoff: '4pm' } } } } }),
    ).toEqual(['tariffs.main.requestTypes.bug.sameDayCutoff: expected a local time "HH:MM" such as "16:00"']);
  });
});

describe('references', () => {
  test('An unknown calendar names the calendars that exist', () => {
    expect(catalogProblems({ tariffs: { main: { calendar: 'ofice' } } })).toEqual([
      'tariffs.main.calendar: unknown calendar "ofice": define it under "calendars" or use one of "office", "always"',
    ]);
  });

  test("An unknown tariff in a contract's terms names the tariffs that exist", () => {
    expect(catalogProblems({ contracts: { acme: { terms: [{ tariff: 'mian', from: '2026-01-01' }] } } })).toEqual([
      'contracts.acme.terms[0].tariff: unknown tariff "mian": define it under "tariffs" or use one of "main"',
    ]);
  });

  test('An unknown priority names the priorities of the catalog', () => {
    expect(catalogProblems({ tariffs: { main: { priorities: { urgent: { reaction: 10 } } } } })).toEqual([
      'tariffs.main.priorities.urgent: unknown priority "urgent": add it to "priorities" or use one of "low", "normal", "high", "critical"',
    ]);
  });

  test('An unknown request type names the request types of the catalog', () => {
    expect(catalogProblems({ tariffs: { main: { coveredTypes: ['bugs'] } } })).toEqual([
      'tariffs.main.coveredTypes[0]: unknown request type "bugs": define it under "requestTypes" or use one of "incident", "bug", "consultation", "enhancement"',
    ]);
  });

  test('An unknown escalation policy says where to define it', () => {
    const [problem] = catalogProblems({ tariffs: { main: { escalationPolicy: 'nope' } } });
    expect(problem).toMatch(
      /^tariffs\.main\.escalationPolicy: unknown escalation policy "nope": define it under "escalationPolicies"/,
    );
  });

  test('An unknown recipient lists the recipients there are', () => {
    const [problem] = catalogProblems({
      escalationPolicies: {
        p: { levels: [{ level: 1, percentOfTarget: 50, actions: [{ kind: 'notify', recipients: ['boss'] }] }] },
      },
    });
    expect(problem).toMatch(
      /^escalationPolicies\.p\.levels\[0\]\.actions\[0\]\.recipients\[0\]: .*"support_line".*"client_team"/,
    );
  });
});

describe('structure', () => {
  test('An unknown key is named with a hint to check its spelling', () => {
    expect(catalogProblems({ tariffs: { main: { reactionTime: 5 } } })).toEqual([
      'tariffs.main: unknown key "reactionTime": remove it or check the spelling',
    ]);
  });

  test('An unknown key that is no field name (a pasted token or URL) is counted, never repeated', () => {
    const token = '7012345678:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';
    const url = 'https://hooks.slack.com/services/T0/B0/XXXX';
    expect(catalogProblems({ tariffs: { main: { [token]: 1, reactionTime: 5 } } })).toEqual([
      'tariffs.main: unknown keys "reactionTime", one not shown (no field name: it may be a secret): remove them or check the spelling',
    ]);
    expect(catalogProblems({ tariffs: { main: { [token]: 1, [url]: 2 } } })).toEqual([
      'tariffs.main: unknown keys 2 not shown (no field name: it may be a secret): remove them or check the spelling',
    ]);
  });

  test('A malformed time range shows the expected form and each bad range by index', () => {
    const message =
      'expected a time range "HH:MM-HH:MM" such as "09:00-18:00" (use "00:00-24:00" for a whole day; an end before the start runs past midnight)';
    expect(catalogProblems({ calendars: { office: { week: { weekdays: ['9-18', '25:00-26:00'] } } } })).toEqual([
      `calendars.office.week.weekdays[0]: ${message}`,
      `calendars.office.week.weekdays[1]: ${message}`,
    ]);
  });

  test('A misspelt time zone asks for an IANA zone', () => {
    expect(catalogProblems({ calendars: { office: { zone: 'Moscow/Europe' } } })).toEqual([
      'calendars.office.zone: expected an IANA time zone such as "Europe/Moscow"',
    ]);
  });

  test('A status listed in two groups is reported where it repeats', () => {
    expect(catalogProblems({ defaults: { statuses: { done: ['Resolved', 'In Progress'] } } })).toEqual([
      'defaults.statuses.done[1]: status "In Progress" is listed both in "working" and "done": keep it in one',
    ]);
  });

  test('A week without working time is rejected, since no deadline could ever fall', () => {
    expect(catalogProblems({ calendars: { office: { week: { weekdays: [] } } } })).toEqual([
      'calendars.office.week: the week has no working time, so no deadline could ever fall: give some day ranges (for example weekdays: ["09:00-18:00"]) or use "alwaysOpen: true"',
    ]);
  });

  test('Contract terms out of date order are reported at the later term', () => {
    expect(
      catalogProblems({
        contracts: {
          acme: {
            terms: [
              { tariff: 'main', from: '2026-05-01' },
              { tariff: 'main', from: '2026-01-01' },
            ],
          },
        },
      }),
    ).toEqual(['contracts.acme.terms[1].from: terms must be in ascending "from" order without repeated dates']);
  });

  test('A term date that does not exist is rejected', () => {
    expect(catalogProblems({ contracts: { acme: { terms: [{ tariff: 'main', from: '2026-02-30' }] } } })).toEqual([
      'contracts.acme.terms[0].from: expected a calendar date "YYYY-MM-DD"',
    ]);
  });

  test('A contract without a status mapping says where to add one', () => {
    expect(catalogProblems({ defaults: undefined })).toEqual([
      'contracts.acme.statuses: no status mapping: add "statuses" ({initial, paused, working, done}) here or under "defaults.statuses"',
    ]);
  });

  test('An escalation level sets exactly one of percentOfTarget and minutesBeforeDue', () => {
    const level = {
      level: 1,
      percentOfTarget: 50,
      minutesBeforeDue: 5,
      actions: [{ kind: 'notify', recipients: ['support_lead'] }],
    };
    expect(catalogProblems({ escalationPolicies: { p: { levels: [level] } } })).toEqual([
      'escalationPolicies.p.levels[0]: set exactly one of "percentOfTarget" or "minutesBeforeDue"',
    ]);
  });

  test('Every problem of a catalog is reported at once', () => {
    const problems = catalogProblems({
      tariffs: { main: { calendar: 'ofice', targets: { reaction: 0 }, reactionTime: 5 } },
    });
    expect(problems).toHaveLength(3);
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'tariffs.main',
      'tariffs.main.calendar',
      'tariffs.main.targets.reaction',
    ]);
  });
});

describe('structural and cross-reference problems together', () => {
  test('A malformed target does not hide an unknown calendar, tariff or priority elsewhere', () => {
    const problems = catalogProblems({
      tariffs: {
        main: { targets: { reaction: 'soon' }, priorities: { urgentest: { reaction: 30 } } },
        extra: { calendar: 'nowhere', targets: { reaction: 60 } },
      },
      contracts: { acme: { terms: [{ tariff: 'mian', from: '2026-01-01' }] } },
    });
    expect(problems).toEqual([
      'tariffs.main.targets.reaction: expected minutes > 0',
      'tariffs.extra.name: missing: expected string',
      'tariffs.main.priorities.urgentest: unknown priority "urgentest": add it to "priorities" or use one of "low", "normal", "high", "critical"',
      'tariffs.extra.calendar: unknown calendar "nowhere": define it under "calendars" or use one of "office", "always"',
      'contracts.acme.terms[0].tariff: unknown tariff "mian": define it under "tariffs" or use one of "main", "extra"',
    ]);
  });

  test('A reference to an entry that exists but is malformed is not reported as unknown', () => {
    expect(
      catalogProblems({
        calendars: { office: { zone: 42 } },
        contracts: { acme: { statuses: { done: 'Resolved' } } },
      }),
    ).toEqual([
      'calendars.office.zone: Invalid input: expected string, received number',
      'contracts.acme.statuses.done: Invalid input: expected array, received string',
    ]);
  });
});
