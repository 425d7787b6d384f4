import { z } from 'zod';
import { calendarSchema, isoDateSchema, timeZoneSchema } from '../calendar/calendar-schema';
import { minutesFromHhMm } from '../calendar/wall-clock';
import { MAX_COUNT, MAX_TARGET_MINUTES } from '../errors/input-bounds';
import { entryOf, namedRecord, nullPrototypeRecord } from '../errors/safe-record';
import { hourPackageSchema, tariffPricesSchema } from './hour-package-schema';

import { CLOCK_NAMES } from './clock-names';
import { csatTargetSchema } from './csat-target-schema';
import { serviceCreditsSchema } from './service-credits-schema';
import { notificationChannelsSchema, notificationRouteSchema } from './notification-channels-schema';
import { RECIPIENT_NAMES, type RecipientName } from './recipient-names';

export { CLOCK_NAMES, type ClockName } from './clock-names';

export const ESCALATION_MODES = ['with_client_team', 'minimal_client', 'without_client'] as const;
export type EscalationMode = (typeof ESCALATION_MODES)[number];

/** Who an escalation notice goes to. The first three are the provider's people, the last two the client's. */
export const RECIPIENTS = RECIPIENT_NAMES;
export type Recipient = RecipientName;

const targetMinutesSchema = z
  .number({ error: 'expected minutes > 0' })
  .int({ error: 'expected whole minutes > 0' })
  .positive({ error: 'expected minutes > 0' })
  .max(MAX_TARGET_MINUTES, { error: `expected at most ${MAX_TARGET_MINUTES} minutes (366 days)` });

const hhMmSchema = z
  .string()
  .refine((text) => minutesFromHhMm(text) !== null, { message: 'expected a local time "HH:MM" such as "16:00"' });

/** Working-minute targets of the clocks; a clock without a target does not run. */
export const clockTargetsSchema = z
  .object({
    reaction: targetMinutesSchema.optional(),
    start: targetMinutesSchema.optional(),
    resolution: targetMinutesSchema.optional(),
  })
  .strict();

/** Rules a tariff applies to one request type. */
export const requestTypeRuleSchema = z
  .object({
    reaction: targetMinutesSchema.optional(),
    start: targetMinutesSchema.optional(),
    /** Working minutes, or `estimate`: the specialist's estimate sets the deadline, and the clock waits for it. */
    resolution: z
      .union([targetMinutesSchema, z.literal('estimate')], { error: 'expected minutes > 0 or "estimate"' })
      .optional(),
    /** Submitted on a working day before this local time: resolved no later than the end of that working day. */
    sameDayCutoff: hhMmSchema.optional(),
  })
  .strict()
  .refine((rule) => !(rule.sameDayCutoff !== undefined && rule.resolution === 'estimate'), {
    message: 'a same-day cutoff needs a fixed resolution target: remove "sameDayCutoff" or set "resolution" to minutes',
    path: ['sameDayCutoff'],
  });

/** How a contract's tracker names its statuses. */
export const statusMapSchema = z
  .object({
    /**
     * Status of a new issue. The reaction clock stops at the first change to any other status (or the
     * first response); a change into it, from another status the issue was created in, is no reaction.
     */
    initial: z.string().min(1).default('New'),
    /** Statuses that pause every running clock (waiting for the client). */
    paused: z.array(z.string().min(1)).default([]),
    /** Statuses that mean work has started (stop the start-of-work clock). */
    working: z.array(z.string().min(1)).default([]),
    /** Statuses that mean done (stop the resolution clock; leaving them reopens). */
    done: z
      .array(z.string().min(1))
      .min(1, { error: 'list at least one status that means done, e.g. ["Resolved", "Closed"]' }),
  })
  .strict()
  .superRefine((map, context) => {
    const seen = new Map<string, string>();
    for (const group of ['paused', 'working', 'done'] as const) {
      map[group].forEach((status, index) => {
        const other = seen.get(status);
        if (other !== undefined && other !== group) {
          context.addIssue({
            code: 'custom',
            path: [group, index],
            message: `status "${status}" is listed both in "${other}" and "${group}": keep it in one`,
          });
        }
        seen.set(status, group);
      });
    }
  });

export const escalationActionSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('notify'), recipients: z.array(z.enum(RECIPIENTS)).min(1) }).strict(),
    z.object({ kind: z.literal('assign_line'), line: z.string().min(1) }).strict(),
    z.object({ kind: z.literal('raise_priority'), to: z.string().min(1).optional() }).strict(),
    z
      .object({ kind: z.literal('comment'), text: z.string().min(1), visibleToClient: z.boolean().default(true) })
      .strict(),
  ],
  { error: 'expected an action with "kind" one of notify, assign_line, raise_priority, comment' },
);

export const escalationLevelSchema = z
  .object({
    level: z.number().int().positive().max(MAX_COUNT),
    /** Fires when this percent of the clock's target has elapsed (100 = at the deadline, 150 = well past it). */
    percentOfTarget: z.number().positive().max(10_000, { error: 'expected a percent <= 10000' }).optional(),
    /** Fires this many working minutes before the deadline (0 = at the deadline). */
    minutesBeforeDue: z.number().int().nonnegative().max(MAX_TARGET_MINUTES).optional(),
    /** Clocks the level watches; all clocks when omitted. */
    clocks: z.array(z.enum(CLOCK_NAMES)).min(1).optional(),
    actions: z.array(escalationActionSchema).min(1, { error: 'a level needs at least one action' }),
  })
  .strict()
  .refine((level) => (level.percentOfTarget === undefined) !== (level.minutesBeforeDue === undefined), {
    message: 'set exactly one of "percentOfTarget" or "minutesBeforeDue"',
  });

export const escalationPolicySchema = z
  .object({
    name: z.string().optional(),
    levels: z.array(escalationLevelSchema).min(1),
  })
  .strict()
  .superRefine((policy, context) => {
    policy.levels.forEach((level, index) => {
      if (index > 0 && level.level <= policy.levels[index - 1].level) {
        context.addIssue({
          code: 'custom',
          path: ['levels', index, 'level'],
          message: 'levels must be listed in ascending order without repeats',
        });
      }
    });
  });

export const tariffSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    calendar: z.string().min(1),
    /** Incidents per client per local day included; the rest are marked over the limit. */
    incidentsPerDay: z.number().int().positive().max(MAX_COUNT).optional(),
    /** Request types counted against the daily limit; all covered types when omitted. */
    incidentTypes: z.array(z.string()).optional(),
    escalationMode: z.enum(ESCALATION_MODES).default('with_client_team'),
    escalationPolicy: z.string().optional(),
    /** A running clock is at risk once this percent of its target has elapsed. */
    atRiskPercent: z.number().positive().max(100, { error: 'expected a percent <= 100' }).default(80),
    targets: clockTargetsSchema,
    /** Targets per priority; they win over `targets`. */
    priorities: namedRecord(clockTargetsSchema).optional(),
    /** Rules per request type; they win over priority and default targets. */
    requestTypes: namedRecord(requestTypeRuleSchema).optional(),
    /** Request types the tariff covers; others are reported as not covered (and billed). All when omitted. */
    coveredTypes: z.array(z.string()).min(1).optional(),
    /** Support lines, lowest first; escalation moves an issue up. */
    supportLines: z.array(z.string().min(1)).min(1).default(['L1', 'L2', 'L3']),
    hours: hourPackageSchema.optional(),
    prices: tariffPricesSchema.optional(),
    /** Customer-satisfaction (CSAT) target the monthly statement shows met or missed. */
    csatTarget: csatTargetSchema.optional(),
    /** What a breach costs the provider: credits against the month's bill (docs/hours-and-billing.md). */
    serviceCredits: serviceCreditsSchema.optional(),
  })
  .strict();

export const contractTermSchema = z
  .object({
    tariff: z.string().min(1),
    /** First local date (contract time zone) from which issues created fall under this tariff. */
    from: isoDateSchema,
    /** Months prepaid at the start of this term (for prepayment discounts). */
    prepaidMonths: z.number().int().positive().max(1200).optional(),
  })
  .strict();

export const contractSchema = z
  .object({
    name: z.string().min(1),
    timeZone: timeZoneSchema.optional(),
    /** A calendar used instead of the tariff's (regional holidays of the client). */
    calendar: z.string().min(1).optional(),
    terms: z.array(contractTermSchema).min(1, { error: 'a contract needs at least one term: [{tariff, from}]' }),
    statuses: statusMapSchema.optional(),
    /** Priority assumed when an issue has one the catalog does not know. */
    defaultPriority: z.string().optional(),
    /** Messenger channels of the contract's escalations, per recipient and support line (docs/notifications.md). */
    notify: z.array(notificationRouteSchema).optional(),
  })
  .strict()
  .superRefine((contract, context) => {
    contract.terms.forEach((term, index) => {
      if (index > 0 && term.from <= contract.terms[index - 1].from) {
        context.addIssue({
          code: 'custom',
          path: ['terms', index, 'from'],
          message: 'terms must be in ascending "from" order without repeated dates',
        });
      }
    });
  });

const catalogObjectSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1, { error: 'expected version: 1' }).default(1),
    currency: z.string().min(3).max(3).default('RUB'),
    /**
     * Zone in which contract term dates and reporting months are read, unless a contract has its own.
     * When omitted: the calendars' zone if they all share one, else UTC with a warning.
     */
    timeZone: timeZoneSchema.default('UTC'),
    /** Priorities from lowest to highest. */
    priorities: z.array(z.string().min(1)).min(1),
    requestTypes: namedRecord(z.object({ name: z.string().optional(), description: z.string().optional() }).strict()),
    defaults: z
      .object({
        statuses: statusMapSchema.optional(),
        priority: z.string().optional(),
        type: z.string().optional(),
      })
      .strict()
      .optional(),
    calendars: namedRecord(calendarSchema),
    escalationPolicies: namedRecord(escalationPolicySchema).default({}),
    tariffs: namedRecord(tariffSchema),
    contracts: namedRecord(contractSchema),
    /** Telegram chats, Slack and Teams webhooks, tracker e-mail: the contracts' `notify` routes name them. */
    notificationChannels: notificationChannelsSchema.default({}),
  })
  .strict();

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

type Week = NonNullable<z.infer<typeof calendarSchema>['week']>;

/** Working ranges of each weekday, Monday first, with the shorthands applied. */
function weekRanges(week: Week): string[][] {
  return WEEKDAY_KEYS.map((key, index) => week[key] ?? (index < 5 ? week.weekdays : undefined) ?? week.everyday ?? []);
}

/** Working minutes of a calendar's ordinary week (holidays aside). */
export function weeklyWorkingMinutes(calendar: Pick<z.infer<typeof calendarSchema>, 'alwaysOpen' | 'week'>): number {
  if (calendar.alwaysOpen === true || calendar.week === undefined) return 7 * 1440;
  let total = 0;
  for (const ranges of weekRanges(calendar.week)) {
    for (const range of ranges) {
      const [start, end] = range.split('-').map((part) => minutesFromHhMm(part.trim()) ?? 0);
      total += end > start ? end - start : 1440 - start + end;
    }
  }
  return total;
}

const WEEKS_PER_CENTURY = 5_200;

type CatalogObject = z.infer<typeof catalogObjectSchema>;
type CalendarDefinition = z.infer<typeof calendarSchema>;

/**
 * What the cross-reference checks read: the whole parsed catalog, or the well-formed parts of a
 * broken one (each entry keeps the fields that parse on their own), so a typo in one tariff's name
 * never hides an unknown calendar in another.
 */
export interface CatalogParts {
  /** Undefined when the list itself is malformed: priorities are then not checked. */
  readonly priorities?: readonly string[];
  readonly defaults?: CatalogObject['defaults'];
  readonly calendars: Readonly<Record<string, Partial<CalendarDefinition>>>;
  readonly escalationPolicies: Readonly<Record<string, Partial<EscalationPolicy>>>;
  readonly tariffs: Readonly<Record<string, Partial<Tariff>>>;
  readonly contracts: Readonly<Record<string, Partial<Contract>>>;
  /** Every name defined, well-formed or not: a reference to a malformed entry is not "unknown". */
  readonly names: {
    readonly calendars: readonly string[];
    readonly escalationPolicies: readonly string[];
    readonly tariffs: readonly string[];
    readonly notificationChannels: readonly string[];
    /** Undefined when `requestTypes` is not a record of names: request types are then not checked. */
    readonly requestTypes?: readonly string[];
  };
  /** Where a status mapping is written, well-formed or not: the default one, and the contracts with their own. */
  readonly statusesGiven: { readonly defaults: boolean; readonly contracts: readonly string[] };
}

/** A cross-reference problem, as the schema reports it. */
export type ReferenceIssue =
  | { code: 'custom'; path: Array<string | number>; message: string }
  | { code: 'too_big'; path: Array<string | number>; message: string; maximum: number; input: number };

/** Every fixed target of every tariff, with its path and the calendars it is counted in (the tariff's and its contracts'). */
function targetsWithCalendars(catalog: CatalogParts): Array<[Array<string | number>, string, number]> {
  const result: Array<[Array<string | number>, string, number]> = [];
  for (const [tariffId, tariff] of Object.entries(catalog.tariffs)) {
    const calendars = new Set(tariff.calendar === undefined ? [] : [tariff.calendar]);
    for (const contract of Object.values(catalog.contracts)) {
      if (contract.calendar !== undefined && (contract.terms ?? []).some((term) => term.tariff === tariffId))
        calendars.add(contract.calendar);
    }
    const targets: Array<[Array<string | number>, number]> = [];
    const add = (path: Array<string | number>, rules: Record<string, unknown>): void => {
      for (const clock of CLOCK_NAMES)
        if (typeof rules[clock] === 'number') targets.push([[...path, clock], rules[clock]]);
    };
    add(['tariffs', tariffId, 'targets'], tariff.targets ?? {});
    for (const [priority, rules] of Object.entries(tariff.priorities ?? {}))
      add(['tariffs', tariffId, 'priorities', priority], rules);
    for (const [type, rules] of Object.entries(tariff.requestTypes ?? {}))
      add(['tariffs', tariffId, 'requestTypes', type], rules);
    for (const calendarId of calendars) for (const [path, minutes] of targets) result.push([path, calendarId, minutes]);
  }
  return result;
}

function listNames(names: readonly string[]): string {
  return names.length === 0 ? '(none defined)' : names.map((name) => `"${name}"`).join(', ');
}

/**
 * The catalog's cross-references: calendars, policies, tariffs, priorities and request types named
 * anywhere must be defined; a week must have working time; a target must fit its calendar.
 */
export function checkCatalogReferences(catalog: CatalogParts, report: (issue: ReferenceIssue) => void): void {
  const { names } = catalog;
  const refIssue = (
    path: Array<string | number>,
    kind: string,
    name: string,
    section: string,
    defined: readonly string[],
  ): void => {
    report({
      code: 'custom',
      path,
      message: `unknown ${kind} "${name}": define it under "${section}" or use one of ${listNames(defined)}`,
    });
  };
  const checkPriority = (path: Array<string | number>, name: string): void => {
    const priorities = catalog.priorities;
    if (priorities !== undefined && !priorities.includes(name))
      report({
        code: 'custom',
        path,
        message: `unknown priority "${name}": add it to "priorities" or use one of ${priorities.map((p) => `"${p}"`).join(', ')}`,
      });
  };
  const checkType = (path: Array<string | number>, name: string): void => {
    if (names.requestTypes !== undefined && !names.requestTypes.includes(name))
      refIssue(path, 'request type', name, 'requestTypes', names.requestTypes);
  };
  const checkCalendar = (path: Array<string | number>, name: string): void => {
    if (!names.calendars.includes(name)) refIssue(path, 'calendar', name, 'calendars', names.calendars);
  };
  for (const [calendarId, calendar] of Object.entries(catalog.calendars)) {
    // Every clock adds working time to an instant; a week without working time would never end a search for it.
    const week = calendar.week;
    if (calendar.alwaysOpen === true || week === undefined) continue;
    if (weekRanges(week).every((ranges) => ranges.length === 0)) {
      report({
        code: 'custom',
        path: ['calendars', calendarId, 'week'],
        message:
          'the week has no working time, so no deadline could ever fall: give some day ranges (for example weekdays: ["09:00-18:00"]) or use "alwaysOpen: true"',
      });
    }
  }
  for (const [path, calendarId, targetMinutes] of targetsWithCalendars(catalog)) {
    const calendar = entryOf(catalog.calendars, calendarId);
    const weekMinutes =
      calendar === undefined || (calendar.alwaysOpen !== true && calendar.week === undefined)
        ? 0
        : weeklyWorkingMinutes(calendar);
    if (weekMinutes > 0 && targetMinutes <= MAX_TARGET_MINUTES && targetMinutes > weekMinutes * WEEKS_PER_CENTURY) {
      report({
        code: 'too_big',
        maximum: weekMinutes * WEEKS_PER_CENTURY,
        path,
        message: `${targetMinutes} working minutes is more than calendar "${calendarId}" has in a hundred years (${weekMinutes} a week): check the unit (minutes)`,
        input: targetMinutes,
      });
    }
  }
  if (catalog.defaults?.priority !== undefined) checkPriority(['defaults', 'priority'], catalog.defaults.priority);
  if (catalog.defaults?.type !== undefined) checkType(['defaults', 'type'], catalog.defaults.type);

  for (const [tariffId, tariff] of Object.entries(catalog.tariffs)) {
    const base = ['tariffs', tariffId];
    if (tariff.calendar !== undefined) checkCalendar([...base, 'calendar'], tariff.calendar);
    if (tariff.escalationPolicy !== undefined && !names.escalationPolicies.includes(tariff.escalationPolicy)) {
      refIssue(
        [...base, 'escalationPolicy'],
        'escalation policy',
        tariff.escalationPolicy,
        'escalationPolicies',
        names.escalationPolicies,
      );
    }
    for (const priority of Object.keys(tariff.priorities ?? {}))
      checkPriority([...base, 'priorities', priority], priority);
    for (const type of Object.keys(tariff.requestTypes ?? {})) checkType([...base, 'requestTypes', type], type);
    (tariff.coveredTypes ?? []).forEach((type, index) => checkType([...base, 'coveredTypes', index], type));
    (tariff.incidentTypes ?? []).forEach((type, index) => checkType([...base, 'incidentTypes', index], type));
    checkServiceCredits(tariff, base);
  }

  function checkServiceCredits(tariff: Partial<Tariff>, base: Array<string | number>): void {
    const credits = tariff.serviceCredits;
    if (!credits) return;
    const feeMissing = (path: Array<string | number>): void => {
      if (tariff.prices?.monthly === undefined || tariff.prices.monthly <= 0) {
        report({
          code: 'custom',
          path,
          message:
            'a percent of the monthly fee needs a fee: set prices.monthly, or state the credit as a fixed "amount"',
        });
      }
    };
    credits.rules.forEach((rule, index) => {
      const rulePath = [...base, 'serviceCredits', 'rules', index];
      (rule.priorities ?? []).forEach((priority, at) => checkPriority([...rulePath, 'priorities', at], priority));
      (rule.requestTypes ?? []).forEach((type, at) => checkType([...rulePath, 'requestTypes', at], type));
      if (rule.percentOfFee !== undefined) feeMissing([...rulePath, 'percentOfFee']);
    });
    if (credits.monthlyCap?.percentOfFee !== undefined)
      feeMissing([...base, 'serviceCredits', 'monthlyCap', 'percentOfFee']);
  }

  for (const [policyId, policy] of Object.entries(catalog.escalationPolicies)) {
    (policy.levels ?? []).forEach((level, levelIndex) => {
      level.actions.forEach((action, actionIndex) => {
        if (action.kind === 'raise_priority' && action.to !== undefined) {
          checkPriority(
            ['escalationPolicies', policyId, 'levels', levelIndex, 'actions', actionIndex, 'to'],
            action.to,
          );
        }
      });
    });
  }

  for (const [contractId, contract] of Object.entries(catalog.contracts)) {
    const base = ['contracts', contractId];
    if (contract.calendar !== undefined) checkCalendar([...base, 'calendar'], contract.calendar);
    (contract.terms ?? []).forEach((term, index) => {
      if (!names.tariffs.includes(term.tariff))
        refIssue([...base, 'terms', index, 'tariff'], 'tariff', term.tariff, 'tariffs', names.tariffs);
    });
    if (!catalog.statusesGiven.contracts.includes(contractId) && !catalog.statusesGiven.defaults) {
      report({
        code: 'custom',
        path: [...base, 'statuses'],
        message:
          'no status mapping: add "statuses" ({initial, paused, working, done}) here or under "defaults.statuses"',
      });
    }
    if (contract.defaultPriority !== undefined) checkPriority([...base, 'defaultPriority'], contract.defaultPriority);
    contract.notify?.forEach((route, routeIndex) =>
      route.channels.forEach((channel, channelIndex) => {
        if (!names.notificationChannels.includes(channel))
          refIssue(
            [...base, 'notify', routeIndex, 'channels', channelIndex],
            'notification channel',
            channel,
            'notificationChannels',
            names.notificationChannels,
          );
      }),
    );
  }
}

/** The parts of a parsed catalog, every name defined. */
function partsOfCatalog(catalog: CatalogObject): CatalogParts {
  return {
    ...catalog,
    names: {
      calendars: Object.keys(catalog.calendars),
      escalationPolicies: Object.keys(catalog.escalationPolicies),
      tariffs: Object.keys(catalog.tariffs),
      notificationChannels: Object.keys(catalog.notificationChannels),
      requestTypes: Object.keys(catalog.requestTypes),
    },
    statusesGiven: {
      defaults: catalog.defaults?.statuses !== undefined,
      contracts: Object.keys(catalog.contracts).filter((id) => catalog.contracts[id].statuses !== undefined),
    },
  };
}

/**
 * The tariff catalog: calendars, tariffs, escalation policies and the contracts that put clients on tariffs.
 * Cross-references are checked here so a typo is reported where it is, with the names that would fit.
 */
export const catalogSchema = catalogObjectSchema.superRefine((catalog, context) => {
  checkCatalogReferences(partsOfCatalog(catalog), (issue) =>
    context.addIssue(issue.code === 'too_big' ? { ...issue, origin: 'number' } : issue),
  );
});

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of an object that parse on their own (all of it when it parses whole). */
function wellFormedFields<S extends z.ZodObject>(schema: S, value: unknown): Partial<z.infer<S>> {
  if (!isPlainRecord(value)) return {};
  const whole = schema.safeParse(value);
  if (whole.success) return whole.data;
  const fields = nullPrototypeRecord<unknown>({});
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!Object.hasOwn(value, key)) continue;
    const parsed = field.safeParse(value[key]);
    if (parsed.success) fields[key] = parsed.data;
  }
  // Each field was parsed by its own schema from the object's shape: the record is a partial object of that shape.
  return fields as Partial<z.infer<S>>;
}

function wellFormedEntries<S extends z.ZodObject>(schema: S, value: unknown): Record<string, Partial<z.infer<S>>> {
  const entries = nullPrototypeRecord<Partial<z.infer<S>>>({});
  if (isPlainRecord(value)) for (const key of Object.keys(value)) entries[key] = wellFormedFields(schema, value[key]);
  return entries;
}

function namesOf(value: unknown): string[] {
  return isPlainRecord(value) ? Object.keys(value) : [];
}

/**
 * The cross-reference problems of a catalog document that may be malformed: the checks run on every
 * part that is well-formed, so structural and cross-reference problems are reported together.
 *
 * @example
 * catalogReferenceIssues({ tariffs: { basic: { targets: { reaction: 'soon' }, calendar: 'nope' } }, calendars: {} });
 * // [{ code: 'custom', path: ['tariffs', 'basic', 'calendar'], message: 'unknown calendar "nope": …' }, …]
 */
export function catalogReferenceIssues(document: unknown): ReferenceIssue[] {
  const raw = isPlainRecord(document) ? document : {};
  const shape = catalogObjectSchema.shape;
  const priorities = shape.priorities.safeParse(raw.priorities);
  const defaults = wellFormedFields(shape.defaults.unwrap(), raw.defaults);
  const parts: CatalogParts = {
    priorities: priorities.success ? priorities.data : undefined,
    defaults,
    calendars: wellFormedEntries(calendarSchema, raw.calendars),
    escalationPolicies: wellFormedEntries(escalationPolicySchema, raw.escalationPolicies),
    tariffs: wellFormedEntries(tariffSchema, raw.tariffs),
    contracts: wellFormedEntries(contractSchema, raw.contracts),
    names: {
      calendars: namesOf(raw.calendars),
      escalationPolicies: namesOf(raw.escalationPolicies),
      tariffs: namesOf(raw.tariffs),
      notificationChannels: namesOf(raw.notificationChannels),
      requestTypes: isPlainRecord(raw.requestTypes) ? Object.keys(raw.requestTypes) : undefined,
    },
    statusesGiven: {
      defaults: isPlainRecord(raw.defaults) && raw.defaults.statuses !== undefined,
      contracts: namesOf(raw.contracts).filter((id) => {
        const contract = isPlainRecord(raw.contracts) ? raw.contracts[id] : undefined;
        return isPlainRecord(contract) && contract.statuses !== undefined;
      }),
    },
  };
  const issues: ReferenceIssue[] = [];
  checkCatalogReferences(parts, (issue) => issues.push(issue));
  return issues;
}

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
export type Tariff = z.infer<typeof tariffSchema>;
export type Contract = z.infer<typeof contractSchema>;
export type ContractTerm = z.infer<typeof contractTermSchema>;
export type StatusMap = z.infer<typeof statusMapSchema>;
export type RequestTypeRule = z.infer<typeof requestTypeRuleSchema>;
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;
export type EscalationAction = z.infer<typeof escalationActionSchema>;
export type ClockTargets = z.infer<typeof clockTargetsSchema>;
export type { CsatTarget } from './csat-target-schema';
export type { ServiceCredits, ServiceCreditRule } from './service-credits-schema';
export type { NotificationChannel, NotificationRoute } from './notification-channels-schema';
