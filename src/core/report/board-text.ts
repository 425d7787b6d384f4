import { formatInstant } from '../calendar/format-instant';
import type { ClockName } from '../catalog/catalog-schema';
import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { ClockEvaluation } from '../sla/clock-evaluation';
import type { PortfolioEvaluation } from '../sla/evaluate-portfolio';
import { terminalSafe } from './terminal-text';

function cell(clock: ClockEvaluation | undefined, catalog: CompiledCatalog, calendarId: string): string {
  if (!clock) return '—';
  if (clock.state === 'not_covered') return 'not covered';
  if (clock.targetMinutes === null) return `${clock.state} ${clock.elapsedMinutes}m`;
  const due =
    clock.dueAtMs !== null && (clock.state === 'running' || clock.state === 'at_risk')
      ? ` due ${formatInstant(clock.dueAtMs, catalog.calendar(calendarId)).slice(5, 16).replace('T', ' ')}`
      : '';
  return `${clock.state} ${clock.elapsedMinutes}/${clock.targetMinutes}m${due}`;
}

function table(unsafeRows: string[][]): string {
  const rows = unsafeRows.map((row) => row.map((value) => terminalSafe(value).replace(/[\n\t]/g, ' ')));
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
  return rows
    .map((row) =>
      row
        .map((value, column) => value + ' '.repeat(widths[column] - [...value].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The SLA board: one line per issue with its clocks (elapsed/target working minutes), flags and
 * the escalations due, most urgent first; then the issues no contract covers, with the reason.
 */
export function boardText(catalog: CompiledCatalog, portfolio: PortfolioEvaluation): string {
  const urgency = ['breached', 'at_risk', 'running', 'paused', 'waiting_estimate', 'met', 'not_covered'];
  const evaluations = [...portfolio.evaluations].sort(
    (a, b) => urgency.indexOf(a.state) - urgency.indexOf(b.state) || a.createdAtMs - b.createdAtMs,
  );
  const rows: string[][] = [
    ['ISSUE', 'CONTRACT', 'TARIFF', 'STATE', 'REACTION', 'START', 'RESOLUTION', 'FLAGS', 'ESCALATION'],
  ];
  for (const evaluation of evaluations) {
    const flags = [
      evaluation.offHours ? 'off-hours' : '',
      evaluation.overLimit ? 'over-limit' : '',
      evaluation.covered ? '' : 'not-covered',
    ]
      .filter(Boolean)
      .join(',');
    const due = evaluation.escalations.filter((step) => step.due);
    const escalation = due.length > 0 ? due.map((step) => `L${step.level}:${step.clock}`).join(' ') : '';
    const clockCell = (name: ClockName): string => cell(evaluation.clocks[name], catalog, evaluation.calendarId);
    rows.push([
      evaluation.key,
      evaluation.contractId,
      evaluation.tariffId,
      evaluation.state,
      clockCell('reaction'),
      clockCell('start'),
      clockCell('resolution'),
      flags,
      escalation,
    ]);
  }
  const counts = new Map<string, number>();
  for (const evaluation of evaluations) counts.set(evaluation.state, (counts.get(evaluation.state) ?? 0) + 1);
  const summary = urgency
    .filter((state) => counts.has(state))
    .map((state) => `${state} ${counts.get(state)}`)
    .join(' · ');
  const uncovered = portfolio.notCovered.map((issue) => `\n  ${issue.key}: ${issue.reason}`).join('');
  const notCovered = uncovered === '' ? '' : `\n\nno contract covers ${portfolio.notCovered.length}:${uncovered}`;
  return `${table(rows)}\n\n${evaluations.length} issues: ${summary}${notCovered}`;
}
