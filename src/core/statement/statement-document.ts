import type { MonthlyStatement } from './monthly-statement';
import type { Lang } from './statement-locale';
import { statementView, type ContractView, type ViewPair, type ViewTable } from './statement-view';
import type { StatementWords } from './statement-words';

/** A block of a wiki page; Markdown and Textile lay out the same blocks. */
export type DocBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; emphasis?: boolean }
  | { kind: 'pairs'; pairs: ViewPair[]; boldLast?: boolean }
  | { kind: 'table'; table: ViewTable }
  | { kind: 'list'; items: string[] };

/** Customer satisfaction: figures, target and verdict, per type and line, the lowest-rated requests. */
function satisfactionBlocks(contract: ContractView, words: StatementWords): DocBlock[] {
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 3, text: words.csat.section },
    { kind: 'pairs', pairs: contract.satisfaction },
  ];
  if (contract.satisfactionByType)
    blocks.push(
      { kind: 'paragraph', text: words.csat.byType, emphasis: true },
      { kind: 'table', table: contract.satisfactionByType },
    );
  if (contract.satisfactionByLine)
    blocks.push(
      { kind: 'paragraph', text: words.csat.byLine, emphasis: true },
      { kind: 'table', table: contract.satisfactionByLine },
    );
  if (contract.lowestRated)
    blocks.push(
      { kind: 'paragraph', text: words.csat.lowestRated, emphasis: true },
      { kind: 'table', table: contract.lowestRated },
    );
  return blocks;
}

/**
 * The statement as wiki blocks (headings, label–value lists, tables), shared by the Markdown and
 * Textile renderers so the Redmine wiki page and a Markdown export carry the same figures.
 *
 * @example
 * statementDocument(statement, 'ru')[0]; // { kind: 'heading', level: 1, text: 'Ежемесячный отчёт … — Ноябрь 2026' }
 */
export function statementDocument(statement: MonthlyStatement, lang: Lang): DocBlock[] {
  const view = statementView(statement, lang);
  const { words } = view;
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 1, text: `${view.title} — ${view.monthTitle}` },
    { kind: 'paragraph', text: `${words.asOf} ${view.asOf}`, emphasis: true },
  ];
  if (view.contracts.length === 0) blocks.push({ kind: 'paragraph', text: words.noContracts });
  for (const contract of view.contracts) {
    blocks.push({ kind: 'heading', level: 2, text: contract.heading });
    blocks.push({ kind: 'pairs', pairs: contract.meta });
    blocks.push({ kind: 'heading', level: 3, text: words.sections.hours });
    blocks.push({ kind: 'pairs', pairs: contract.hours });
    blocks.push({ kind: 'heading', level: 3, text: words.sections.sla });
    blocks.push(contract.sla ? { kind: 'table', table: contract.sla } : { kind: 'paragraph', text: words.none });
    blocks.push({ kind: 'heading', level: 3, text: words.sections.breaches });
    blocks.push(
      contract.breaches ? { kind: 'table', table: contract.breaches } : { kind: 'paragraph', text: words.noBreaches },
    );
    blocks.push({ kind: 'heading', level: 3, text: words.sections.incidents });
    blocks.push({ kind: 'pairs', pairs: contract.requests });
    if (contract.perDay) blocks.push({ kind: 'table', table: contract.perDay });
    blocks.push({ kind: 'heading', level: 3, text: words.sections.escalations });
    blocks.push({ kind: 'pairs', pairs: contract.escalations });
    if (contract.criticalEscalations) {
      blocks.push({ kind: 'paragraph', text: words.kpi.criticalEscalations, emphasis: true });
      blocks.push({ kind: 'table', table: contract.criticalEscalations });
    }
    blocks.push(...satisfactionBlocks(contract, words));
    blocks.push({ kind: 'heading', level: 3, text: words.sections.time });
    if (contract.timeByType) blocks.push({ kind: 'table', table: contract.timeByType });
    if (contract.timeByLine) blocks.push({ kind: 'table', table: contract.timeByLine });
    if (!contract.timeByType && !contract.timeByLine) blocks.push({ kind: 'paragraph', text: words.none });
    blocks.push({ kind: 'heading', level: 3, text: words.sections.charges });
    blocks.push(
      contract.charges ? { kind: 'table', table: contract.charges } : { kind: 'paragraph', text: words.noCharges },
    );
    if (contract.credits) {
      blocks.push({ kind: 'heading', level: 3, text: words.credits.section });
      blocks.push({ kind: 'table', table: contract.credits });
      blocks.push({ kind: 'pairs', pairs: contract.creditTerms });
    }
    blocks.push({ kind: 'pairs', pairs: contract.totals, boldLast: true });
    if (contract.ledger) {
      blocks.push({ kind: 'heading', level: 3, text: words.sections.ledger });
      blocks.push({ kind: 'table', table: contract.ledger });
    }
  }
  if (view.notices.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: words.sections.notices });
    blocks.push({ kind: 'list', items: view.notices });
  }
  return blocks;
}
