import { CLOCK_NAMES, type ClockName } from '../catalog/catalog-schema';
import type { CompiledCatalog } from '../catalog/compiled-catalog';
import { MS_PER_MINUTE } from '../calendar/wall-clock';
import { MonthTable, slotIndex, type MonthId } from '../ledger/month-table';
import type { EvaluatedIssue } from './evaluated-issue';
import { clockBreaches } from './clock-breaches';
import { lineAt } from './line-at';
import { nearestRankPercentile } from './nearest-rank-percentile';
import { resolutionAt } from './resolution-at';
import { satisfactionKpis, type SatisfactionKpis } from './satisfaction-kpis';

/**
 * Compliance of one clock in a month. A clock is due in the month when its outcome became known
 * in it: it stopped within its target in the month (met), or it passed its target in the month
 * (breached — counted in the month of the breach, whether or not it has stopped since). Running
 * clocks still within target, clocks without a target and requests the tariff does not cover are
 * not due. `compliancePercent` = met / due × 100, null when nothing was due.
 */
export interface ClockCompliance {
  due: number;
  met: number;
  breached: number;
  compliancePercent: number | null;
}

/** A clock that passed its target in the month. */
export interface Breach {
  key: string;
  clock: ClockName;
  breachedAtMs: number;
  targetMinutes: number;
  /** Working minutes spent by the evaluation instant (or by the clock's stop). */
  elapsedMinutes: number;
  priority: string;
  type: string;
  tariffId: string;
  summary?: string;
}

/** An escalation level that fell due in the month. */
export interface FiredEscalation {
  key: string;
  level: number;
  clock: ClockName;
  atMs: number;
  priority: string;
}

/** Incidents received on one local day, against the daily limit of the tariff in force that day. */
export interface DayIncidents {
  date: string;
  /** Requests counted against the daily limit (covered incident types). */
  incidents: number;
  limit: number | null;
  overLimit: number;
}

/** KPIs of one contract in one month (contract time zone). */
export interface ContractKpis {
  contractId: string;
  month: MonthId;
  /** Requests created in the month. */
  received: number;
  /** Of those, the ones in a done status at month end (or at the evaluation instant, if earlier). */
  resolved: number;
  resolutionRatePercent: number | null;
  /** Requests created in the month outside the service schedule. */
  offHours: number;
  overLimit: number;
  /** Requests created in the month that the tariff does not cover. */
  uncovered: number;
  byType: Array<{ type: string; count: number }>;
  /** Reaction clock's working minutes of the requests created in the month that got a first reaction. */
  firstResponse: { responded: number; awaiting: number; medianMinutes: number | null; p90Minutes: number | null };
  /** Working minutes from creation to resolution (pauses excluded) of the resolved ones. */
  resolutionTime: { resolved: number; averageMinutes: number | null };
  sla: Record<ClockName, ClockCompliance>;
  breaches: Breach[];
  escalations: { fired: number; byLevel: Array<{ level: number; count: number }>; critical: FiredEscalation[] };
  incidentsPerDay: DayIncidents[];
  timeByType: Array<{ type: string; seconds: number }>;
  timeByLine: Array<{ line: string; seconds: number }>;
  /** Customer satisfaction (CSAT) of the month. */
  satisfaction: SatisfactionKpis;
}

/** What `contractKpis` reads. */
export interface KpiInputs {
  catalog: CompiledCatalog;
  contractId: string;
  month: MonthId;
  /** The contract's issues with their evaluations at `nowMs`. */
  issues: readonly EvaluatedIssue[];
  nowMs: number;
}

function addTo<K>(map: Map<K, number>, key: K, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

/**
 * First response, resolution, SLA compliance per clock, breaches, escalations, incidents per day
 * against the daily limit, and time per request type and support line, for one contract and month.
 * Months and days are local to the contract's time zone; worklogs count by the instant they were done.
 *
 * @example
 * const kpis = contractKpis({ catalog, contractId: 'client-a', month: '2026-11', issues: groups.get('client-a') ?? [], nowMs });
 * kpis.sla.resolution.compliancePercent; // 75
 */
export function contractKpis(inputs: KpiInputs): ContractKpis {
  const { catalog, contractId, month, issues, nowMs } = inputs;
  const contract = catalog.contract(contractId);
  if (!contract) throw new RangeError(`unknown contract "${contractId}"`);
  const table = new MonthTable(contract.timeZone, month, month);
  const startMs = table.startMs(0);
  const endMs = table.endMs(0);
  const cutoffMs = Math.min(endMs, nowMs);
  const dayStarts = table.dayStartsMs(0);
  const days: DayIncidents[] = [];
  for (let day = 0; day < dayStarts.length - 1; day++) {
    const limit = catalog.tariffAt(contract, dayStarts[day]).tariff.incidentsPerDay ?? null;
    days.push({ date: `${month}-${String(day + 1).padStart(2, '0')}`, incidents: 0, limit, overLimit: 0 });
  }

  let received = 0;
  let resolved = 0;
  let offHours = 0;
  let overLimit = 0;
  let uncovered = 0;
  let awaiting = 0;
  const byType = new Map<string, number>();
  const reactionMinutes: number[] = [];
  const resolutionMinutes: number[] = [];
  const blank = (): ClockCompliance => ({ due: 0, met: 0, breached: 0, compliancePercent: null });
  const sla: Record<ClockName, ClockCompliance> = { reaction: blank(), start: blank(), resolution: blank() };
  const breaches: Breach[] = [];
  const fired: FiredEscalation[] = [];
  const timeByType = new Map<string, number>();
  const timeByLine = new Map<string, number>();
  const highestPriority = catalog.catalog.priorities[catalog.catalog.priorities.length - 1];
  const inMonth = (instantMs: number | null): instantMs is number =>
    instantMs !== null && instantMs >= startMs && instantMs < endMs;

  for (const { history, evaluation } of issues) {
    const calendar = catalog.calendar(evaluation.calendarId);
    if (inMonth(evaluation.createdAtMs)) {
      received++;
      addTo(byType, evaluation.type, 1);
      if (evaluation.offHours) offHours++;
      if (evaluation.overLimit) overLimit++;
      if (!evaluation.covered) uncovered++;
      const reaction = evaluation.clocks.reaction;
      if (reaction && reaction.state !== 'not_covered') {
        if (reaction.stoppedAtMs !== null) reactionMinutes.push(reaction.elapsedMs / MS_PER_MINUTE);
        else awaiting++;
      }
      const resolution = resolutionAt(history, contract.statuses, calendar, cutoffMs);
      if (resolution) {
        resolved++;
        resolutionMinutes.push(resolution.workingMs / MS_PER_MINUTE);
      }
      const tariff = catalog.tariffAt(contract, evaluation.createdAtMs);
      const countsAsIncident =
        evaluation.covered && (tariff.incidentTypes === null || tariff.incidentTypes.has(evaluation.type));
      const day = slotIndex(dayStarts, evaluation.createdAtMs);
      if (countsAsIncident && day >= 0) {
        days[day].incidents++;
        if (evaluation.overLimit) days[day].overLimit++;
      }
    }
    for (const breach of clockBreaches(evaluation, nowMs)) {
      if (!inMonth(breach.breachedAtMs)) continue;
      sla[breach.clock].due++;
      sla[breach.clock].breached++;
      breaches.push({
        key: evaluation.key,
        clock: breach.clock,
        breachedAtMs: breach.breachedAtMs,
        targetMinutes: breach.targetMinutes,
        elapsedMinutes: breach.elapsedMinutes,
        priority: evaluation.priority,
        type: evaluation.type,
        tariffId: evaluation.tariffId,
        summary: history.summary,
      });
    }
    for (const name of CLOCK_NAMES) {
      const clock = evaluation.clocks[name];
      if (!clock || clock.targetMinutes === null || clock.state !== 'met' || !inMonth(clock.stoppedAtMs)) continue;
      sla[name].due++;
      sla[name].met++;
    }
    for (const step of evaluation.escalations) {
      if (!step.due || !inMonth(step.dueAtMs)) continue;
      fired.push({
        key: evaluation.key,
        level: step.level,
        clock: step.clock,
        atMs: step.dueAtMs,
        priority: evaluation.priority,
      });
    }
    const worklogs = history.worklogs;
    for (let index = 0; index < worklogs.length; index++) {
      const worklog = worklogs[index];
      if (worklog.atMs > nowMs || !inMonth(worklog.atMs)) continue;
      const seconds = Math.round(worklog.minutes * 60);
      addTo(timeByType, evaluation.type, seconds);
      addTo(timeByLine, worklog.line ?? lineAt(history, worklog.atMs) ?? 'unassigned', seconds);
    }
  }
  for (const name of CLOCK_NAMES) sla[name].compliancePercent = percent(sla[name].met, sla[name].due);

  reactionMinutes.sort((a, b) => a - b);
  breaches.sort((a, b) => a.breachedAtMs - b.breachedAtMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  fired.sort((a, b) => a.atMs - b.atMs || a.level - b.level);
  const levels = new Map<number, number>();
  for (const step of fired) addTo(levels, step.level, 1);
  const byAmount = <K extends string>(map: Map<K, number>): Array<[K, number]> =>
    [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    contractId,
    month,
    received,
    resolved,
    resolutionRatePercent: percent(resolved, received),
    offHours,
    overLimit,
    uncovered,
    byType: byAmount(byType).map(([type, count]) => ({ type, count })),
    firstResponse: {
      responded: reactionMinutes.length,
      awaiting,
      medianMinutes: nearestRankPercentile(reactionMinutes, 50),
      p90Minutes: nearestRankPercentile(reactionMinutes, 90),
    },
    resolutionTime: {
      resolved: resolutionMinutes.length,
      averageMinutes:
        resolutionMinutes.length === 0
          ? null
          : resolutionMinutes.reduce((sum, value) => sum + value, 0) / resolutionMinutes.length,
    },
    sla,
    breaches,
    escalations: {
      fired: fired.length,
      byLevel: [...levels].sort((a, b) => a[0] - b[0]).map(([level, count]) => ({ level, count })),
      critical: fired.filter((step) => step.priority === highestPriority),
    },
    incidentsPerDay: days,
    timeByType: byAmount(timeByType).map(([type, seconds]) => ({ type, seconds })),
    timeByLine: byAmount(timeByLine).map(([line, seconds]) => ({ line, seconds })),
    satisfaction: satisfactionKpis({ issues, statuses: contract.statuses, startMs, endMs, nowMs }),
  };
}
