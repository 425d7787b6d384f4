import type { MonthlyStatement } from './monthly-statement';
import { statementDocument, type DocBlock } from './statement-document';
import type { Lang } from './statement-locale';

const ENTITIES: Record<string, string> = {
  '|': '&#124;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
  '*': '&#42;',
  _: '&#95;',
  '+': '&#43;',
  '^': '&#94;',
  '~': '&#126;',
  '@': '&#64;',
  '%': '&#37;',
  '!': '&#33;',
  '-': '&#45;',
  '{': '&#123;',
  '[': '&#91;',
};

/**
 * Always entities: the cell separator, quotes (`"link":url`), angle brackets, and what Redmine itself
 * would parse in data: macros `{{…}}`, wiki links `[[…]]` and `@login` mentions.
 */
const ALWAYS: ReadonlySet<string> = new Set(['|', '"', '<', '>', '{', '[', '@']);

/** Inline markup needs a pair of its character (`*bold*`, `%span%`, `-deleted-`); a lone one is plain text. */
const PAIRED = ['*', '_', '+', '^', '~', '@', '%', '!', '-'];

/**
 * Keeps text literal in Redmine's Textile: the cell separator, quotes (`"link":url`), angle
 * brackets and Redmine's macro, wiki-link and mention characters always become HTML entities, which Redmine renders as the characters themselves; a
 * phrase-modifier character (`*`, `_`, `@`, `%`, `-` …) only when it occurs twice and could pair up,
 * so "81,8 %" and "client-a" stay readable in the wiki source.
 */
function escapeTextile(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const paired = new Set(PAIRED.filter((character) => flat.split(character).length > 2));
  let out = '';
  for (const character of flat) {
    if (ALWAYS.has(character) || paired.has(character)) out += ENTITIES[character];
    else out += character;
  }
  return out;
}

function blockTextile(block: DocBlock): string {
  switch (block.kind) {
    case 'heading':
      return `h${block.level}. ${escapeTextile(block.text)}`;
    case 'paragraph':
      return block.emphasis ? `_${escapeTextile(block.text)}_` : escapeTextile(block.text);
    case 'pairs':
      return block.pairs
        .map(([label, value], index) => {
          const line = `${escapeTextile(label)}: ${escapeTextile(value)}`;
          return `* ${block.boldLast && index === block.pairs.length - 1 ? `*${line}*` : line}`;
        })
        .join('\n');
    case 'table': {
      const { head, rows, numeric } = block.table;
      const header = `|${head.map((cell) => `_. ${escapeTextile(cell)} `).join('|')}|`;
      const body = rows.map(
        (row) => `|${row.map((cell, index) => `${numeric[index] ? '>. ' : ' '}${escapeTextile(cell)} `).join('|')}|`,
      );
      return [header, ...body].join('\n');
    }
    case 'list':
      return block.items.map((item) => `* ${escapeTextile(item)}`).join('\n');
  }
}

/**
 * The statement as Redmine Textile, for the sync worker to publish on a wiki page
 * (`h2.` headings, `|_. header|` tables, `>.` right-aligned numbers).
 *
 * @example
 * statementTextile(statement, 'ru').startsWith('h1. '); // true
 */
export function statementTextile(statement: MonthlyStatement, lang: Lang): string {
  return `${statementDocument(statement, lang).map(blockTextile).join('\n\n')}\n`;
}
