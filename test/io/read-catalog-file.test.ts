import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIssues } from '../../src/core/errors/validation-issue';
import { readCatalogFile } from '../../src/io/read-catalog-file';
import { holidayYearsAround } from '../../src/parsing/parse-catalog-text';

const holidayYears = holidayYearsAround(Date.parse('2026-11-20T12:00:00Z'));

describe('readCatalogFile', () => {
  test('A missing catalog file is a problem naming the file, not an exception', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tariff-sla-')), 'absent.yml');
    const result = readCatalogFile(path, holidayYears);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      code: 'file_unreadable',
      path: [],
    });
    // Outside jest the reason reads "file not found"; jest's sandbox shows the raw ENOENT error instead.
    expect(result.issues[0].message).toMatch(
      new RegExp(`^cannot read catalog ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (file not found|.*ENOENT)`),
    );
  });

  test('A catalog file that parses is compiled', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tariff-sla-')), 'catalog.json');
    writeFileSync(
      path,
      JSON.stringify({
        priorities: ['normal'],
        requestTypes: { incident: {} },
        defaults: { statuses: { done: ['Done'] } },
        calendars: { c: { zone: 'UTC', alwaysOpen: true } },
        tariffs: { t: { name: 'T', calendar: 'c', targets: { reaction: 5 } } },
        contracts: {
          k: { name: 'K', terms: [{ tariff: 't', from: '2026-01-01' }] },
        },
      }),
    );
    const result = readCatalogFile(path, holidayYears);
    expect(result.ok ? result.value.contractIds() : formatIssues(result.issues)).toEqual(['k']);
  });
});
