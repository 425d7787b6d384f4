import { CLOCK_NAMES } from '../catalog/clock-names';
import type { ServiceCreditRule, ServiceCredits, Tariff } from '../catalog/catalog-schema';
import type { ClockBreach } from '../kpi/clock-breaches';
import type { Charge } from './hour-ledger';
import { PERCENT_SCALE, roundedRatio, scaledPercent, toMinorUnits } from './minor-units';

/** A breach to credit: the issue it happened on (key and the tariff its SLA ran under) and the breach. */
export interface CreditableBreach {
  issueKey: string;
  tariffId: string;
  breach: ClockBreach;
}

/** The first rule of the tariff that applies to the breach, with its position, or null. */
export function creditRuleFor(
  credits: ServiceCredits,
  breach: ClockBreach,
): { rule: ServiceCreditRule; index: number } | null {
  for (let index = 0; index < credits.rules.length; index++) {
    const rule = credits.rules[index];
    if (rule.clocks && !rule.clocks.includes(breach.clock)) continue;
    if (rule.priorities && !rule.priorities.includes(breach.priority)) continue;
    if (rule.requestTypes && !rule.requestTypes.includes(breach.type)) continue;
    return { rule, index };
  }
  return null;
}

/** `percent` of the fee in minor units, rounded once. */
function percentOfFee(feeMinor: number, percent: number): number {
  return roundedRatio([feeMinor, scaledPercent(percent)], 100 * PERCENT_SCALE);
}

function byBreachOrder(a: CreditableBreach, b: CreditableBreach): number {
  return (
    a.breach.breachedAtMs - b.breach.breachedAtMs ||
    (a.issueKey < b.issueKey ? -1 : a.issueKey > b.issueKey ? 1 : 0) ||
    CLOCK_NAMES.indexOf(a.breach.clock) - CLOCK_NAMES.indexOf(b.breach.clock)
  );
}

/** The credit lines of one tariff's breaches in one month, in breach order. */
function tariffCredits(
  tariffId: string,
  tariff: Tariff,
  credits: ServiceCredits,
  breaches: readonly CreditableBreach[],
): Charge[] {
  const feeMinor = toMinorUnits(tariff.prices?.monthly ?? 0);
  const cap = credits.monthlyCap;
  const capMinor =
    cap === undefined
      ? null
      : cap.amount !== undefined
        ? toMinorUnits(cap.amount)
        : percentOfFee(feeMinor, cap.percentOfFee ?? 0);
  let graceLeft = credits.graceBreaches ?? 0;
  let creditedMinor = 0;
  const lines: Charge[] = [];
  for (const item of breaches) {
    const match = creditRuleFor(credits, item.breach);
    if (!match) continue;
    const { rule, index } = match;
    const fullMinor =
      rule.amount !== undefined ? toMinorUnits(rule.amount) : percentOfFee(feeMinor, rule.percentOfFee ?? 0);
    const grace = graceLeft > 0;
    if (grace) graceLeft--;
    let amount = grace ? 0 : fullMinor;
    if (!grace && capMinor !== null) amount = Math.min(amount, Math.max(0, capMinor - creditedMinor));
    creditedMinor += amount;
    lines.push({
      kind: 'service_credit',
      tariffId,
      quantity: 1,
      unit: 'breach',
      unitPriceMinor: rule.amount !== undefined ? fullMinor : feeMinor,
      ...(rule.percentOfFee !== undefined ? { percent: rule.percentOfFee } : {}),
      amountMinor: amount === 0 ? 0 : -amount,
      prepaid: false,
      issueKeys: [item.issueKey],
      credit: {
        clock: item.breach.clock,
        breachedAtMs: item.breach.breachedAtMs,
        targetMinutes: item.breach.targetMinutes,
        elapsedMinutes: item.breach.elapsedMinutes,
        ruleIndex: index,
        fullMinor,
        grace,
        capped: !grace && amount < fullMinor,
      },
    });
  }
  return lines;
}

/**
 * Service-credit lines for the breaches of one contract's month. Each breach is priced by the
 * tariff its issue's SLA ran under (the same tariff that judged the breach): the first of its
 * `serviceCredits.rules` matching the clock, priority and request type gives a fixed amount or a
 * percent of that tariff's monthly fee, rounded once to the minor unit. Per tariff and month, the
 * first `graceBreaches` creditable breaches (by breach instant) credit nothing, and the credits stop
 * at `monthlyCap`. Every creditable breach gets a line (negative amount; zero when grace or the cap
 * took it), so the client can trace each one to its issue.
 *
 * @example
 * serviceCreditCharges(catalog.tariffs, [{ issueKey: 'ALFA-7', tariffId: 'standard', breach }]);
 * // [{ kind: 'service_credit', amountMinor: -500000, issueKeys: ['ALFA-7'], credit: { clock: 'resolution', … } }]
 */
export function serviceCreditCharges(
  tariffs: Readonly<Record<string, Tariff>>,
  breaches: readonly CreditableBreach[],
): Charge[] {
  const byTariff = new Map<string, CreditableBreach[]>();
  for (const item of [...breaches].sort(byBreachOrder)) {
    const list = byTariff.get(item.tariffId);
    if (list) list.push(item);
    else byTariff.set(item.tariffId, [item]);
  }
  const lines: Charge[] = [];
  for (const [tariffId, items] of byTariff) {
    const tariff = Object.prototype.hasOwnProperty.call(tariffs, tariffId) ? tariffs[tariffId] : undefined;
    if (!tariff?.serviceCredits) continue;
    lines.push(...tariffCredits(tariffId, tariff, tariff.serviceCredits, items));
  }
  return lines;
}
