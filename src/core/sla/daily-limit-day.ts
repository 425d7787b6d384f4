import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { IssueHistory } from '../history/issue-history';

/** The service day an issue is ranked in for its tariff's daily incident limit. */
export interface DailyLimitDay {
  readonly contractId: string;
  /** First instant of the issue's local day in the tariff calendar's zone. */
  readonly dayStartMs: number;
  /** The tariff's `incidentsPerDay`. */
  readonly incidentsPerDay: number;
}

/**
 * Which issues can rank before `issue` under its tariff's daily incident limit: those of the same
 * contract created from `dayStartMs` up to the issue's own creation instant. A tracker that asks only
 * for those, oldest first, can stop once `evaluatePortfolio` (with them as `limitPeers`) says the issue
 * is over the limit, or once there are no more: ranked among fewer issues an incident only ranks
 * earlier, so "over" is final and "within" needs every earlier issue of the day. Null when the
 * contract is unknown or its tariff at the issue's creation has no daily limit.
 *
 * @example
 * const day = dailyLimitDay(catalog, history); // { contractId: 'client-a', dayStartMs, incidentsPerDay: 5 }
 */
export function dailyLimitDay(catalog: CompiledCatalog, issue: IssueHistory): DailyLimitDay | null {
  const contract = catalog.contract(issue.contractId);
  if (!contract) return null;
  const term = catalog.tariffAt(contract, issue.createdAtMs);
  const incidentsPerDay = term.tariff.incidentsPerDay;
  if (incidentsPerDay === undefined) return null;
  const dayStartMs = term.calendar.startOfLocalDay(term.calendar.localDayNumber(issue.createdAtMs));
  return { contractId: contract.id, dayStartMs, incidentsPerDay };
}
