import { formatIssues } from '../../src/core/errors/validation-issue';
import { holidayYearsAround, parseCatalogText } from '../../src/parsing/parse-catalog-text';

const holidayYears = holidayYearsAround(Date.parse('2026-11-20T12:00:00Z'));

describe('parseCatalogText', () => {
  test('A YAML syntax error is reported with its line and column', () => {
    const result = parseCatalogText('version: 1\npriorities: [low, high\nrequestTypes: {}\n', { holidayYears });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].code).toBe('yaml_syntax');
    // The unclosed "[" on line 2 is noticed where line 3 starts.
    expect(result.issues[0].message).toMatch(/^line 3, column 1: .*end with a \]/);
  });

  test('A repeated key in YAML is a syntax error, not a silent overwrite', () => {
    const result = parseCatalogText('version: 1\nversion: 1\n', { holidayYears });
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/^line 2, column 1: Map keys must be unique/),
    ]);
  });

  test('Top-level x- keys hold shared fragments and are not reported as unknown', () => {
    const text = [
      'x-targets: &targets { reaction: 60 }',
      'priorities: [normal]',
      'requestTypes: { incident: {} }',
      'defaults: { statuses: { done: [Done] } }',
      'calendars: { office: { zone: Europe/Moscow, week: { weekdays: ["09:00-18:00"] } } }',
      'tariffs: { main: { name: Main, calendar: office, targets: *targets } }',
      'contracts: { acme: { name: Acme, terms: [{ tariff: main, from: 2026-01-01 }] } }',
    ].join('\n');
    const result = parseCatalogText(text, { holidayYears });
    expect(result.ok ? result.value.catalog.tariffs.main.targets : formatIssues(result.issues)).toEqual({
      reaction: 60,
    });
  });

  test('Recurring holidays are expanded over the years the caller passes, whatever the clock says', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:new-year@test',
      'DTSTART;VALUE=DATE:20200101',
      'RRULE:FREQ=YEARLY',
      'SUMMARY:New Year',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const text = [
      'priorities: [normal]',
      'requestTypes: { incident: {} }',
      'defaults: { statuses: { done: [Done] } }',
      'calendars: { office: { zone: Europe/Moscow, week: { weekdays: ["09:00-18:00"] }, holidayFiles: [holidays.ics] } }',
      'tariffs: { main: { name: Main, calendar: office, targets: { reaction: 60 } } }',
      'contracts: { acme: { name: Acme, terms: [{ tariff: main, from: 2026-01-01 }] } }',
    ].join('\n');
    const holidaysFor = (fromYear: number, toYear: number): unknown => {
      const result = parseCatalogText(text, { holidayYears: { fromYear, toYear }, readRelativeFile: () => ics });
      return result.ok ? result.value.catalog.calendars.office.holidays : formatIssues(result.issues);
    };
    expect(holidaysFor(2030, 2031)).toEqual([
      { date: '2030-01-01', name: 'New Year' },
      { date: '2031-01-01', name: 'New Year' },
    ]);
    expect(holidaysFor(2026, 2026)).toEqual([{ date: '2026-01-01', name: 'New Year' }]);
    expect(holidayYearsAround(Date.parse('2026-11-20T12:00:00Z'))).toEqual({ fromYear: 2021, toYear: 2031 });
  });
});
