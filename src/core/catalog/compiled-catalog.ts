import { DateTime } from 'luxon';
import { entryOf } from '../errors/safe-record';
import { BusinessCalendar } from '../calendar/business-calendar';
import type { ValidationIssue } from '../errors/validation-issue';
import type { Catalog, Contract, ContractTerm, EscalationPolicy, StatusMap, Tariff } from './catalog-schema';
import type { NotificationChannel } from './notification-channels-schema';

/** A contract's status names as sets, for constant-time checks on the hot path. */
export interface StatusSets {
  initial: string;
  paused: ReadonlySet<string>;
  working: ReadonlySet<string>;
  done: ReadonlySet<string>;
}

/** The tariff a contract applies to issues created in one term. */
export interface ContractTariff {
  termIndex: number;
  term: ContractTerm;
  /** First instant of the term (local midnight of `from` in the contract's zone). */
  fromMs: number;
  tariffId: string;
  tariff: Tariff;
  calendarId: string;
  calendar: BusinessCalendar;
  escalationPolicy: EscalationPolicy | undefined;
  coveredTypes: ReadonlySet<string> | null;
  incidentTypes: ReadonlySet<string> | null;
  /** Priority ranks (0 = lowest) for raise_priority. */
  priorityRank: ReadonlyMap<string, number>;
}

/** A contract ready for evaluation: its zone, status sets and effective-dated tariffs. */
export interface CompiledContract {
  id: string;
  contract: Contract;
  timeZone: string;
  statuses: StatusSets;
  tariffs: ContractTariff[];
  /** The catalog's notification channels, which the contract's `notify` routes name. */
  notificationChannels: Readonly<Record<string, NotificationChannel>>;
}

function toStatusSets(map: StatusMap): StatusSets {
  return { initial: map.initial, paused: new Set(map.paused), working: new Set(map.working), done: new Set(map.done) };
}

/**
 * A validated catalog with its calendars compiled and its contracts indexed.
 * Calendars are shared: every contract on one calendar uses the same compiled intervals.
 *
 * @example
 * const compiled = new CompiledCatalog(catalog);
 * const { tariffId, calendar } = compiled.contract('client-a')!.tariffs[0];
 */
export class CompiledCatalog {
  private readonly calendars = new Map<string, BusinessCalendar>();
  private readonly contracts = new Map<string, CompiledContract>();

  /**
   * @param warnings things that are allowed but probably not meant (overlapping ranges, a repeated
   *   priority, a month zone guessed from the calendars), for `check-config` to show.
   */
  constructor(
    readonly catalog: Catalog,
    readonly warnings: readonly ValidationIssue[] = [],
  ) {
    const priorityRank = new Map(catalog.priorities.map((priority, index) => [priority, index]));
    for (const [contractId, contract] of Object.entries(catalog.contracts)) {
      const timeZone = contract.timeZone ?? catalog.timeZone;
      const statusMap = contract.statuses ?? catalog.defaults?.statuses;
      if (!statusMap) throw new Error(`contract "${contractId}" has no status mapping`);
      const tariffs = contract.terms.map((term, termIndex): ContractTariff => {
        const tariff = entryOf(catalog.tariffs, term.tariff);
        if (!tariff) throw new Error(`contract "${contractId}": unknown tariff "${term.tariff}"`);
        const calendarId = contract.calendar ?? tariff.calendar;
        return {
          termIndex,
          term,
          fromMs: DateTime.fromISO(term.from, { zone: timeZone }).startOf('day').toMillis(),
          tariffId: term.tariff,
          tariff,
          calendarId,
          calendar: this.calendar(calendarId),
          escalationPolicy: tariff.escalationPolicy
            ? entryOf(catalog.escalationPolicies, tariff.escalationPolicy)
            : undefined,
          coveredTypes: tariff.coveredTypes ? new Set(tariff.coveredTypes) : null,
          incidentTypes: tariff.incidentTypes ? new Set(tariff.incidentTypes) : null,
          priorityRank,
        };
      });
      this.contracts.set(contractId, {
        id: contractId,
        contract,
        timeZone,
        statuses: toStatusSets(statusMap),
        tariffs,
        notificationChannels: catalog.notificationChannels,
      });
    }
  }

  /** The compiled calendar of that id (compiled once, on first use). */
  calendar(calendarId: string): BusinessCalendar {
    let calendar = this.calendars.get(calendarId);
    if (!calendar) {
      const definition = entryOf(this.catalog.calendars, calendarId);
      if (!definition) throw new Error(`unknown calendar "${calendarId}"`);
      calendar = new BusinessCalendar(calendarId, definition);
      this.calendars.set(calendarId, calendar);
    }
    return calendar;
  }

  /** The contract of that id, or undefined. */
  contract(contractId: string): CompiledContract | undefined {
    return this.contracts.get(contractId);
  }

  /** Every contract id, in catalog order. */
  contractIds(): string[] {
    return [...this.contracts.keys()];
  }

  /**
   * The tariff that applies to an issue created at `createdAtMs`: the last term starting on or
   * before it. An issue created before the first term falls under the first term.
   */
  tariffAt(contract: CompiledContract, createdAtMs: number): ContractTariff {
    const tariffs = contract.tariffs;
    for (let index = tariffs.length - 1; index > 0; index--) {
      if (tariffs[index].fromMs <= createdAtMs) return tariffs[index];
    }
    return tariffs[0];
  }
}
