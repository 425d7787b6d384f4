import type { DocBlock } from '../../core/statement/statement-document';
import type { StatementJson } from '../../core/statement/statement-json';
import { STATEMENT_WORDS } from '../../core/statement/statement-words';
import type { ProjectReport } from './project-report';

/** What the page may show a viewer: whether hours and charges are among it. */
export interface ViewerRights {
  readonly hours: boolean;
}

function hiddenSections(report: ProjectReport): Set<string> {
  const sections = STATEMENT_WORDS[report.lang].sections;
  return new Set([sections.hours, sections.burndown, sections.time, sections.charges, sections.ledger]);
}

/** The statement's blocks without the hour, time, charge and ledger sections (each runs to the next heading). */
function blocksWithoutHours(report: ProjectReport): DocBlock[] {
  const hidden = hiddenSections(report);
  const kept: DocBlock[] = [];
  let skipping = false;
  for (const block of report.blocks) {
    if (block.kind === 'heading') skipping = block.level === 3 && hidden.has(block.text);
    if (!skipping) kept.push(block);
  }
  return kept;
}

function statementWithoutHours(statement: StatementJson): StatementJson {
  return {
    ...statement,
    contracts: statement.contracts.map((contract) => ({
      ...contract,
      hours: {
        ...contract.hours,
        included: null,
        used: 0,
        remaining: null,
        burned: 0,
        carriedOver: 0,
        broughtForward: 0,
        bankTopUp: 0,
        bankBalance: 0,
        overage: 0,
        uncovered: 0,
        offHours: 0,
      },
      kpi: { ...contract.kpi, timeByType: [], timeByLine: [] },
      charges: [],
      totals: { ...contract.totals, amount: 0, prepaid: 0, due: 0, charges: 0, credits: 0 },
      burndown: [],
      ledger: [],
    })),
  };
}

/**
 * The report as a viewer may see it: without hours, charges, the hour burn-down, the ledger and the
 * accounting CSV unless the viewer's role may see them (project admins by default, see `showHoursTo`).
 *
 * @example
 * reportForViewer(report, { hours: false }).csv.text; // ''
 */
export function reportForViewer(
  report: ProjectReport,
  rights: ViewerRights,
): ProjectReport & { readonly hoursHidden: boolean } {
  if (rights.hours) return { ...report, hoursHidden: false };
  return {
    ...report,
    blocks: blocksWithoutHours(report),
    charts: { ...report.charts, burndown: '' },
    csv: { ...report.csv, text: '' },
    statement: statementWithoutHours(report.statement),
    hoursHidden: true,
  };
}
