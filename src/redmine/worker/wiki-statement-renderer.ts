import { createHash } from 'node:crypto';
import { buildMonthlyStatement, type MonthlyStatement } from '../../core/statement/monthly-statement';
import { renderStatement } from '../../core/statement/render-statement';
import { statementMaterialText } from '../../core/statement/statement-revision';
import { statementChartImages } from '../../core/statement/statement-chart-images';
import type { Lang } from '../../core/statement/statement-locale';
import { STATEMENT_WORDS } from '../../core/statement/statement-words';
import { wikiAttachmentsBlock } from '../../core/statement/wiki-attachments';
import { chartPng } from './chart-png';
import type { StatementAttachment, StatementFormat, StatementRenderer } from './statement-publisher';

function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Text without the lines that carry the "as of" instant, which changes on every rendering. */
function withoutAsOf(text: string, asOf: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !line.includes(asOf))
    .join('\n');
}

/** The charts as PNG (rasterized only when uploaded), the HTML statement and the CSV for accounting. */
function statementAttachments(statement: MonthlyStatement, month: string, lang: Lang): StatementAttachment[] {
  const asOf = STATEMENT_WORDS[lang].asOf;
  const charts = statementChartImages(statement, lang).map((image): StatementAttachment => ({
    filename: `${image.name}-${month}.png`,
    contentType: 'image/png',
    stableSha256: sha256(image.svg),
    bytes: () => chartPng(image.svg),
  }));
  const html = renderStatement(statement, 'html', lang);
  const csv = renderStatement(statement, 'csv', lang);
  return [
    ...charts,
    {
      filename: `statement-${month}.html`,
      contentType: 'text/html',
      stableSha256: sha256(withoutAsOf(html, asOf)),
      bytes: () => new TextEncoder().encode(html),
    },
    {
      filename: `statement-${month}.csv`,
      contentType: 'text/csv',
      stableSha256: sha256(withoutAsOf(csv, asOf)),
      bytes: () => new TextEncoder().encode(csv),
    },
  ];
}

/** The page text with the attachments block right after the "as of" line (the top of the page). */
function withAttachments(
  text: string,
  asOf: string,
  format: StatementFormat,
  attachments: StatementAttachment[],
): string {
  const block = wikiAttachmentsBlock(format, {
    images: attachments.filter((file) => file.contentType === 'image/png').map((file) => file.filename),
    files: attachments.filter((file) => file.contentType !== 'image/png').map((file) => file.filename),
  });
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.includes(asOf));
  lines.splice(at < 0 ? lines.length : at + 1, 0, '', block);
  return lines.join('\n');
}

/**
 * The monthly statement of the engine (hour ledger, SLA compliance, KPIs, charges) as a Redmine
 * wiki page, Textile or Markdown, in `lang`: the burn-down and compliance charts as PNG
 * attachments shown at the top, the self-contained HTML statement and the CSV attached and linked.
 * The "as of" lines are what changes on every rendering; they are left out of the comparison that
 * decides whether the page is rewritten, and so are they from the attachments' content hashes. The
 * material key leaves out what only time moves (an open breach's minutes), so such a page gets a new
 * version at most once a day.
 *
 * @example
 * const renderer = wikiStatementRenderer('ru');
 * renderer.render({ contractId: 'client-a', month: '2026-11', format: 'textile', catalog, issues, portfolio });
 */
export function wikiStatementRenderer(lang: Lang): StatementRenderer {
  const asOf = STATEMENT_WORDS[lang].asOf;
  return {
    render: ({ contractId, month, format, catalog, issues, portfolio }) => {
      const statement = buildMonthlyStatement(catalog, issues, portfolio, { month, contractIds: [contractId] });
      if (statement.contracts.length === 0) return null;
      const text = renderStatement(statement, format === 'textile' ? 'textile' : 'md', lang);
      const attachments = statementAttachments(statement, month, lang);
      return {
        text: withAttachments(text, asOf, format, attachments),
        attachments,
        materialKey: statementMaterialText(statement),
      };
    },
    stableText: (text) => withoutAsOf(text, asOf),
  };
}
