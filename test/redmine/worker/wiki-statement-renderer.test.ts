import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { wikiStatementRenderer } from '../../../src/redmine/worker/wiki-statement-renderer';
import type { StatementFormat } from '../../../src/redmine/worker/statement-publisher';
import { testCatalog } from './worker-fixtures';

const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('wikiStatementRenderer', () => {
  const catalog = testCatalog();
  const render = (format: StatementFormat, nowMs = NOW) =>
    wikiStatementRenderer('en').render({
      contractId: 'alpha',
      month: '2026-11',
      format,
      catalog,
      issues: [],
      portfolio: evaluatePortfolio(catalog, [], nowMs),
    });

  it.each([
    ['textile', '!burn-down-2026-11.png!'],
    ['markdown', '![burn-down-2026-11.png](burn-down-2026-11.png)'],
  ] as const)('embeds the charts right after the "as of" line in %s', (format, embed) => {
    const page = render(format);
    const lines = page?.text.split('\n') ?? [];
    const asOf = lines.findIndex((line) => line.includes('as of'));
    expect(asOf).toBeGreaterThan(0);
    expect(lines[asOf + 2]).toBe(embed);
    expect(page?.text).toContain('attachment:statement-2026-11.html · attachment:statement-2026-11.csv');
  });

  it('attaches both charts as PNG, the HTML statement and the CSV', () => {
    const attachments = render('textile')?.attachments ?? [];
    expect(attachments.map((file) => [file.filename, file.contentType])).toEqual([
      ['burn-down-2026-11.png', 'image/png'],
      ['compliance-2026-11.png', 'image/png'],
      ['statement-2026-11.html', 'text/html'],
      ['statement-2026-11.csv', 'text/csv'],
    ]);
    const png = Buffer.from(attachments[0].bytes());
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(new TextDecoder().decode(attachments[2].bytes())).toMatch(/^<!DOCTYPE html>/);
  });

  it('gives the same text and attachment hashes when only the "as of" instant moved', () => {
    const renderer = wikiStatementRenderer('en');
    const first = render('textile', NOW);
    const later = render('textile', NOW + 3 * 3_600_000);
    expect(first?.text).not.toBe(later?.text);
    expect(renderer.stableText(first?.text ?? '')).toBe(renderer.stableText(later?.text ?? ''));
    expect(first?.attachments.map((file) => file.stableSha256)).toEqual(
      later?.attachments.map((file) => file.stableSha256),
    );
  });
});
