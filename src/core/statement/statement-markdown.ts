import { defuseWikiSyntax } from './wiki-syntax';
import type { MonthlyStatement } from './monthly-statement';
import { statementDocument, type DocBlock } from './statement-document';
import type { Lang } from './statement-locale';

/** Escapes what Markdown (GitHub flavour) would read as markup in a table cell or line. */
function escapeMarkdown(text: string): string {
  return defuseWikiSyntax(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function blockMarkdown(block: DocBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return block.emphasis ? `_${escapeMarkdown(block.text)}_` : escapeMarkdown(block.text);
    case 'pairs':
      return block.pairs
        .map(([label, value], index) => {
          const line = `${escapeMarkdown(label)}: ${escapeMarkdown(value)}`;
          return `- ${block.boldLast && index === block.pairs.length - 1 ? `**${line}**` : line}`;
        })
        .join('\n');
    case 'table': {
      const { head, rows, numeric } = block.table;
      const header = `| ${head.map(escapeMarkdown).join(' | ')} |`;
      const rule = `|${numeric.map((isNumeric) => (isNumeric ? ' ---: ' : ' --- ')).join('|')}|`;
      return [header, rule, ...rows.map((row) => `| ${row.map(escapeMarkdown).join(' | ')} |`)].join('\n');
    }
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
  }
}

/**
 * The statement as GitHub-flavoured Markdown (tables with numbers right-aligned).
 *
 * @example
 * statementMarkdown(statement, 'en').split('\n')[0]; // '# Monthly support service statement — November 2026'
 */
export function statementMarkdown(statement: MonthlyStatement, lang: Lang): string {
  return `${statementDocument(statement, lang).map(blockMarkdown).join('\n\n')}\n`;
}
