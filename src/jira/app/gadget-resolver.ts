import { z } from 'zod';
import type { ClockName } from '../../core/catalog/catalog-schema';
import { evaluatePortfolio } from '../../core/sla/evaluate-portfolio';
import { formatInstant } from '../../core/calendar/format-instant';
import type { AppSettings } from '../config/app-settings';
import type { IssueHistory } from '../../core/history/issue-history';
import { issuesOfContract } from '../report/project-report';
import { projectContracts } from '../report/project-contracts';
import { readProjectIds } from '../report/project-ids';
import { reportForViewer } from '../report/report-for-viewer';
import { jiraContractRules } from '../mapping/contract-attributes';
import { contractReportForViewer, type ReportDeps } from './project-report-resolver';
import { fail, ok, parseRequest, type ResolverResult } from './resolver-result';
import type { ResolverTable } from './resolver-tables';
import { pageSettings } from './page-settings';

/** What the gadget's configuration and pickers send. */
export const gadgetPayloadSchema = z.object({
  contract: z.string().optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  lang: z.enum(['ru', 'en']).default('en'),
});

/** An open request the gadget lists, linked to the issue by its key. */
export interface GadgetIssue {
  readonly key: string;
  readonly clock: ClockName;
  readonly dueAt: string | null;
}

/** What the dashboard gadget shows for one contract and month. */
export interface GadgetView {
  readonly contracts: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly contract: { readonly id: string; readonly name: string };
  readonly month: string;
  readonly months: readonly string[];
  readonly compliance: ReadonlyArray<{
    readonly clock: ClockName;
    readonly percent: number | null;
    readonly met: number;
    readonly due: number;
  }>;
  readonly hours: { readonly included: number | null; readonly used: number; readonly remaining: number | null };
  readonly breached: readonly GadgetIssue[];
  readonly atRisk: readonly GadgetIssue[];
  /** The zone of the contract's calendar: the due instants carry its offset; the gadget names the zone it shows. */
  readonly zone: string;
}

/**
 * Served contracts, with the projects their requests live in: those a mapped project points at, and those
 * the contract rules reach in a shared desk (a client with no project of its own lives in the shared one;
 * a client with its own project may also be reached in a shared desk).
 */
function servedContracts(
  settings: AppSettings,
  projectIds: Readonly<Record<string, string>>,
): Array<{ id: string; name: string; projectKeys: string[] }> {
  const seen = new Map<string, { id: string; name: string; projectKeys: string[] }>();
  for (const projectKey of Object.keys(settings.mapping.projects))
    for (const contract of projectContracts(settings, projectKey, projectIds[projectKey])) {
      const known = seen.get(contract.id);
      if (known) known.projectKeys.push(projectKey);
      else seen.set(contract.id, { ...contract, projectKeys: [projectKey] });
    }
  return [...seen.values()];
}

/**
 * The contract's open requests that are breached or at risk now, the most urgent first: the contract's
 * requests in all its projects are evaluated together (the daily limit counts across projects), and only
 * those the viewer may browse are listed.
 */
function openProblems(
  settings: AppSettings,
  contractId: string,
  issues: readonly IssueHistory[],
  visibleKeys: ReadonlySet<string>,
  nowMs: number,
): { breached: GadgetIssue[]; atRisk: GadgetIssue[] } {
  const contract = settings.catalog.contract(contractId);
  if (!contract) return { breached: [], atRisk: [] };
  const breached: GadgetIssue[] = [];
  const atRisk: GadgetIssue[] = [];
  // The one evaluation entry point, as every other surface: defaults, terms, the daily limit.
  const rules = jiraContractRules(settings.mapping) ?? undefined;
  const portfolio = evaluatePortfolio(settings.catalog, issuesOfContract(issues, contractId, rules), nowMs);
  for (const evaluation of portfolio.evaluations) {
    if (!visibleKeys.has(evaluation.key)) continue;
    if (evaluation.contractId !== contractId || contract.statuses.done.has(evaluation.status)) continue;
    const term = settings.catalog.tariffAt(contract, evaluation.createdAtMs);
    for (const clock of ['reaction', 'start', 'resolution'] as const) {
      const evaluated = evaluation.clocks[clock];
      if (!evaluated) continue;
      const entry = {
        key: evaluation.key,
        clock,
        dueAt: evaluated.dueAtMs === null ? null : formatInstant(evaluated.dueAtMs, term.calendar),
      };
      if (evaluated.state === 'breached' && evaluated.stoppedAtMs === null) breached.push(entry);
      else if (evaluated.state === 'at_risk') atRisk.push(entry);
    }
  }
  const byDue = (a: GadgetIssue, b: GadgetIssue) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '');
  return { breached: breached.sort(byDue), atRisk: atRisk.sort(byDue) };
}

/**
 * The dashboard gadget's resolver: per contract, the month's SLA compliance per clock and hours from the
 * contract's statement over every project its requests live in (the one the project page shows), and
 * the open requests breached or at risk now — computed as the app, shown as the viewer may see them
 * (only issues they may browse; hours as the contract's first project allows). Reads only.
 *
 * @example
 * await getGadget(reportDeps, { contract: 'client-d', month: '2026-11', lang: 'ru' }, { accountId: '5b10…' });
 */
export async function getGadget(
  deps: ReportDeps,
  payload: unknown,
  context: { readonly accountId?: string } = {},
): Promise<ResolverResult<GadgetView>> {
  const request = parseRequest(gadgetPayloadSchema, payload, 'bad_request');
  if (!request.ok) return request;
  const loaded = await pageSettings(deps.store);
  if (!loaded.ok) return loaded;
  const settings = loaded.value;
  const contracts = servedContracts(settings, await readProjectIds(deps.store));
  const chosen =
    request.value.contract === undefined
      ? contracts[0]
      : contracts.find((contract) => contract.id === request.value.contract);
  if (!chosen)
    return fail(
      'unknown_contract',
      request.value.contract === undefined
        ? 'no project is mapped to a contract yet'
        : `contract ${request.value.contract} is not served by any project`,
      ['contract'],
    );
  const page = await contractReportForViewer(deps, settings, {
    projectKey: chosen.projectKeys[0],
    accountId: context.accountId,
    contractId: chosen.id,
    month: request.value.month,
    lang: request.value.lang,
    fresh: false,
  });
  if (!page.ok) return page;
  const report = reportForViewer(page.value.report, { hours: page.value.hours });
  const statement = report.statement.contracts[0];
  const visible = await page.value.visibleIssues();
  const nowMs = deps.now();
  const problems = openProblems(settings, chosen.id, visible, new Set(visible.map((issue) => issue.key)), nowMs);
  const contract = settings.catalog.contract(chosen.id);
  const zone = contract ? settings.catalog.tariffAt(contract, nowMs).calendar.zone : 'UTC';
  return ok({
    contracts: contracts.map(({ id, name }) => ({ id, name })),
    contract: { id: chosen.id, name: chosen.name },
    month: report.month,
    months: report.months,
    compliance: (['reaction', 'start', 'resolution'] as const)
      .filter((clock) => statement?.sla[clock] !== undefined)
      .map((clock) => ({
        clock,
        percent: statement.sla[clock].compliancePercent,
        met: statement.sla[clock].met,
        due: statement.sla[clock].due,
      })),
    hours: {
      included: statement?.hours.included ?? null,
      used: statement?.hours.used ?? 0,
      remaining: statement?.hours.remaining ?? null,
    },
    ...problems,
    zone,
  });
}

/** Resolvers of the dashboard gadget (`getGadget`). */
export function gadgetResolvers(deps: ReportDeps): ResolverTable {
  return { getGadget: ({ payload, context }) => getGadget(deps, payload, context) };
}
