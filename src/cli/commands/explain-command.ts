import type { Command } from 'commander';
import { formatIssues } from '../../core/errors/validation-issue';
import { issueEvaluationToJson } from '../../core/report/evaluation-json';
import { explainText } from '../../core/report/explain-text';
import { evaluatePortfolio } from '../../core/sla/evaluate-portfolio';
import { explainIssue } from '../../core/sla/explain-issue';
import { formatInstant } from '../../core/calendar/format-instant';
import { CliFailure, type CliIo } from '../cli-io';
import { loadCatalogOrFail, loadContractRulesOrFail, loadIssuesWithContracts, resolveNow } from '../load-inputs';

interface ExplainOptions {
  config: string;
  issues: string;
  key: string;
  at?: string;
  json?: boolean;
  contractRules?: string;
}

/** `tariff-sla explain`: every counted and uncounted segment of one issue's clocks, and why. */
export function registerExplainCommand(program: Command, io: CliIo): void {
  program
    .command('explain')
    .description('show, for one issue, every counted and uncounted segment of its SLA clocks and why')
    .requiredOption('--config <catalog>', 'tariff catalog (YAML or JSON)')
    .requiredOption('--issues <file>', 'issue histories (JSON)')
    .requiredOption('--key <key>', 'issue key, e.g. CL-1')
    .option('--at <iso>', 'explain as of this instant (default: now)')
    .option('--json', 'print segments as JSON')
    .option('--contract-rules <file>', 'rules choosing the contract of issues that give "attributes" (YAML or JSON)')
    .action((options: ExplainOptions) => {
      const catalog = loadCatalogOrFail(options.config, io);
      const rules = loadContractRulesOrFail(options.contractRules, catalog);
      const { issues, notCovered } = loadIssuesWithContracts(options.issues, rules, undefined, io);
      const nowMs = resolveNow(options.at, io);
      const uncovered = notCovered.find((candidate) => candidate.key === options.key);
      if (uncovered) throw new CliFailure(`${options.key}: ${uncovered.reason}`);
      const issue = issues.find((candidate) => candidate.key === options.key);
      if (!issue) throw new CliFailure(`--key: no valid issue "${options.key}" in ${options.issues}`);
      // The whole portfolio is evaluated so the daily incident limit is known for this issue.
      const portfolio = evaluatePortfolio(catalog, issues, nowMs);
      const evaluation = portfolio.evaluations.find((candidate) => candidate.key === options.key);
      if (!evaluation) {
        const problems = portfolio.problems.filter((problem) => problem.path[1] === issue.sourceIndex);
        throw new CliFailure(problems.length > 0 ? formatIssues(problems) : `${options.key} was created after --at`);
      }
      const calendar = catalog.calendar(evaluation.calendarId);
      const explained = explainIssue(issue, evaluation, calendar);
      const tariff = catalog.tariffAt(catalog.contract(evaluation.contractId)!, evaluation.createdAtMs).tariff;
      if (!options.json) {
        io.stdout(explainText(evaluation, explained, tariff, calendar));
        return;
      }
      io.stdout(
        JSON.stringify(
          {
            ...issueEvaluationToJson(evaluation, calendar),
            segments: Object.fromEntries(
              explained.map((clock) => [
                clock.clock,
                clock.segments.map((segment) => ({
                  from: formatInstant(segment.fromMs, calendar),
                  to: formatInstant(segment.toMs, calendar),
                  counted: segment.counted,
                  workingMinutes: segment.workingMinutes,
                  reason: segment.reason,
                })),
              ]),
            ),
          },
          null,
          2,
        ),
      );
    });
}
