import { z } from 'zod';
import type { ClockName } from '../../core/catalog/catalog-schema';
import { evaluatePortfolio } from '../../core/sla/evaluate-portfolio';
import { formatInstant } from '../../core/calendar/format-instant';
import { loadAppSettings, type AppSettings } from '../config/app-settings';
import { reportWindow } from '../report/project-report';
import { projectContracts } from '../report/project-contracts';
import { jiraContractRules } from '../mapping/contract-attributes';
import { getProjectReport, type ReportDeps } from './project-report-resolver';
import { fail, ok, type ResolverResult } from './resolver-result';
import type { ResolverTable } from './resolver-tables';

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
 * Served contracts, with the first project of each: those a mapped project points at, and those the
 * contract rules reach in a shared desk (a client with no project of its own lives in the shared one).
 */
function servedContracts(settings: AppSettings): Array<{ id: string; name: string; projectKey: string }> {
  const seen = new Map<string, { id: string; name: string; projectKey: string }>();
  for (const projectKey of Object.keys(settings.mapping.projects))
    for (const contract of projectContracts(settings, projectKey))
      if (!seen.has(contract.id)) seen.set(contract.id, { ...contract, projectKey });
  return [...seen.values()];
}

/** The contract's open requests that are breached or at risk now, the most urgent first. */
async function openProblems(
  deps: ReportDeps,
  settings: AppSettings,
  contractId: string,
  projectKey: string,
  month: string,
): Promise<{ breached: GadgetIssue[]; atRisk: GadgetIssue[] }> {
  const window = reportWindow(settings.catalog, contractId, month);
  const contract = settings.catalog.contract(contractId);
  if (!window || !contract) return { breached: [], atRisk: [] };
  const nowMs = deps.now();
  const { issues } = await deps.source(settings).load(projectKey, window.fromMs, Math.min(window.toMs, nowMs));
  const breached: GadgetIssue[] = [];
  const atRisk: GadgetIssue[] = [];
  // The one evaluation entry point, as every other surface: defaults, terms, the daily limit.
  const rules = jiraContractRules(settings.mapping) ?? undefined;
  const portfolio = evaluatePortfolio(settings.catalog, issues, nowMs, rules ? { contractRules: rules } : {});
  for (const evaluation of portfolio.evaluations) {
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
 * The dashboard gadget's resolver: per contract, the month's SLA compliance per clock and hours from
 * the statement the project page shows, and the open requests breached or at risk now. Reads only.
 *
 * @example
 * await getGadget(reportDeps, { contract: 'client-d', month: '2026-11', lang: 'ru' });
 */
export async function getGadget(deps: ReportDeps, payload: unknown): Promise<ResolverResult<GadgetView>> {
  const request = gadgetPayloadSchema.safeParse(payload ?? {});
  if (!request.success)
    return fail(
      'bad_request',
      request.error.issues[0]?.message ?? 'bad request',
      request.error.issues[0]?.path.map(String) ?? [],
    );
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null) return fail('not_configured', 'a Jira admin has not set up Tariff SLA yet');
  if (!loaded.ok)
    return fail('invalid_settings', 'the saved settings are not valid; a Jira admin should open Tariff SLA settings');
  const contracts = servedContracts(loaded.settings);
  const chosen =
    request.data.contract === undefined
      ? contracts[0]
      : contracts.find((contract) => contract.id === request.data.contract);
  if (!chosen)
    return fail(
      'unknown_contract',
      request.data.contract === undefined
        ? 'no project is mapped to a contract yet'
        : `contract ${request.data.contract} is not served by any project`,
      ['contract'],
    );
  const report = await getProjectReport(
    deps,
    { projectKey: chosen.projectKey },
    { lang: request.data.lang, contract: chosen.id, ...(request.data.month ? { month: request.data.month } : {}) },
  );
  if (!report.ok) return report;
  const statement = report.value.statement.contracts[0];
  const problems = await openProblems(deps, loaded.settings, chosen.id, chosen.projectKey, report.value.month);
  const contract = loaded.settings.catalog.contract(chosen.id);
  const zone = contract ? loaded.settings.catalog.tariffAt(contract, deps.now()).calendar.zone : 'UTC';
  return ok({
    contracts: contracts.map(({ id, name }) => ({ id, name })),
    contract: { id: chosen.id, name: chosen.name },
    month: report.value.month,
    months: report.value.months,
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
  return { getGadget: ({ payload }) => getGadget(deps, payload) };
}
