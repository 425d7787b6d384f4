import { DateTime } from 'luxon';
import type { ClockName } from '../catalog/catalog-schema';
import type { ValidationIssue } from '../errors/validation-issue';
import type { ClockCompliance } from '../kpi/contract-kpis';
import { CHARGE_KINDS, type ChargeKind, type PackageKind } from '../ledger/hour-ledger';
import { MINOR_PER_MAJOR } from '../ledger/minor-units';
import type { AdviceFailure, TariffAdvice, TariffOutcome } from './advise-tariffs';

/** One tariff in `tariff-sla advise --format json`. */
export interface TariffOutcomeJson {
  tariff: string;
  name: string;
  package: PackageKind;
  actual: boolean;
  /** Net of service credits. */
  total: number;
  credits: number;
  meetsTarget: boolean;
  failures: AdviceFailure[];
  minimumTermMonths: number | null;
  sla: Record<ClockName, ClockCompliance>;
  overLimitIncidents: number;
  uncoveredHours: number;
  months: Array<{
    month: string;
    total: number;
    credits: number;
    charges: Partial<Record<ChargeKind, number>>;
    hours: { used: number; overage: number; burned: number; uncovered: number };
    overLimitIncidents: number;
    sla: Record<ClockName, ClockCompliance>;
  }>;
}

/** The whole answer of `tariff-sla advise --format json`. */
export interface AdviceJson {
  contract: { id: string; name: string; timeZone: string };
  months: string[];
  at: string;
  currency: string;
  targetCompliancePercent: number;
  prepaidMonths: number | null;
  requests: number;
  workHours: number;
  recommended: string | null;
  current: TariffOutcomeJson;
  candidates: TariffOutcomeJson[];
  notices: ValidationIssue[];
}

function rounded(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

function hours(seconds: number): number {
  return rounded(seconds / 3_600, 2);
}

function slaJson(figures: Record<ClockName, ClockCompliance>): Record<ClockName, ClockCompliance> {
  const one = (value: ClockCompliance): ClockCompliance => ({
    ...value,
    compliancePercent: value.compliancePercent === null ? null : rounded(value.compliancePercent, 1),
  });
  return { reaction: one(figures.reaction), start: one(figures.start), resolution: one(figures.resolution) };
}

function outcomeJson(outcome: TariffOutcome): TariffOutcomeJson {
  return {
    tariff: outcome.tariffId,
    name: outcome.tariffName,
    package: outcome.packageKind,
    actual: outcome.actual,
    total: outcome.totalMinor / MINOR_PER_MAJOR,
    credits: outcome.creditsMinor / MINOR_PER_MAJOR,
    meetsTarget: outcome.meetsTarget,
    failures: outcome.failures.map((failure) =>
      failure.kind === 'compliance'
        ? { ...failure, compliancePercent: rounded(failure.compliancePercent, 1) }
        : failure,
    ),
    minimumTermMonths: outcome.minimumTermMonths,
    sla: slaJson(outcome.sla),
    overLimitIncidents: outcome.overLimitIncidents,
    uncoveredHours: hours(outcome.uncoveredSeconds),
    months: outcome.months.map((month) => {
      const charges: Partial<Record<ChargeKind, number>> = {};
      for (const kind of CHARGE_KINDS) {
        const amount = month.byKind[kind];
        if (amount !== undefined) charges[kind] = amount / MINOR_PER_MAJOR;
      }
      return {
        month: month.month,
        total: month.totalMinor / MINOR_PER_MAJOR,
        credits: month.creditsMinor / MINOR_PER_MAJOR,
        charges,
        hours: {
          used: hours(month.usedSeconds),
          overage: hours(month.overageSeconds),
          burned: hours(month.burnedSeconds),
          uncovered: hours(month.uncoveredSeconds),
        },
        overLimitIncidents: month.overLimitIncidents,
        sla: slaJson(month.sla),
      };
    }),
  };
}

/**
 * The advice as the JSON of `tariff-sla advise --format json`: amounts in the catalog currency,
 * hours to 0.01 h, compliance percents to 0.1; candidates cheapest first.
 *
 * @example
 * adviceToJson(advice).recommended; // 'hours-40'
 */
export function adviceToJson(advice: TariffAdvice): AdviceJson {
  return {
    contract: { id: advice.contractId, name: advice.contractName, timeZone: advice.timeZone },
    months: advice.months,
    at:
      DateTime.fromMillis(advice.nowMs, { zone: advice.timeZone }).toISO({ suppressMilliseconds: true }) ??
      new Date(advice.nowMs).toISOString(),
    currency: advice.currency,
    targetCompliancePercent: advice.targetCompliancePercent,
    prepaidMonths: advice.prepaidMonths,
    requests: advice.requests,
    workHours: hours(advice.workSeconds),
    recommended: advice.recommended,
    current: outcomeJson(advice.current),
    candidates: advice.candidates.map(outcomeJson),
    notices: advice.notices,
  };
}
