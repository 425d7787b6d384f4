/**
 * The issue histories every surface is run on, in tracker-neutral form: catalog names for statuses,
 * priorities and request types, Moscow wall times. Catalog: examples/catalog.yml.
 *
 * - client-a was on Базовый (basic: 9–18, reaction 240, resolution 480, 5 incidents a day, with the
 *   client team) until 2026-11-16, then on Стандартный (standard: 8–20, reaction 120, resolution 240,
 *   minimal client participation): a tariff change.
 * - client-d is on Пакет 25 часов (9–19, reaction 120, start of work 240, bug 480 with a 16:00 cutoff,
 *   enhancement by estimate).
 * - Escalation policy "standard" on every tariff: level 1 at 80 %, level 2 at 100 % (line L2, notify,
 *   comment), level 3 at 150 % of resolution (line L3, raise priority, notify).
 */
export interface ParityEvent {
  readonly at: string;
  readonly status?: string;
  readonly priority?: string;
  readonly type?: string;
  readonly estimateMinutes?: number;
}

export interface ParityIssue {
  /** Name of the case, the same on every surface (keys differ per tracker). */
  readonly name: string;
  readonly contract: 'client-a' | 'client-d';
  readonly type: 'incident' | 'bug' | 'enhancement';
  readonly priority: 'low' | 'normal' | 'high' | 'urgent' | 'critical';
  readonly created: string;
  readonly events: readonly ParityEvent[];
}

/** The evaluation instant: Friday 2026-11-20 15:00 Moscow. */
export const PARITY_AT = '2026-11-20T15:00';

export const PARITY_ISSUES: readonly ParityIssue[] = [
  // Six incidents on Friday 13 under basic (5 a day): the sixth is over the limit.
  {
    name: 'pause',
    contract: 'client-a',
    type: 'incident',
    priority: 'normal',
    created: '2026-11-13T09:00',
    events: [
      { at: '2026-11-13T09:30', status: 'In Progress' },
      { at: '2026-11-13T11:00', status: 'Waiting for customer' },
      { at: '2026-11-16T14:00', status: 'In Progress' },
    ],
  },
  {
    name: 'reopen',
    contract: 'client-a',
    type: 'incident',
    priority: 'normal',
    created: '2026-11-13T09:10',
    events: [
      { at: '2026-11-13T09:30', status: 'In Progress' },
      { at: '2026-11-13T10:30', status: 'Resolved' },
      { at: '2026-11-19T12:00', status: 'In Progress' },
    ],
  },
  {
    name: 'priority change, reaction open',
    contract: 'client-a',
    type: 'incident',
    priority: 'normal',
    created: '2026-11-13T09:20',
    events: [{ at: '2026-11-13T10:00', priority: 'critical' }],
  },
  {
    name: 'type change',
    contract: 'client-a',
    type: 'incident',
    priority: 'high',
    created: '2026-11-13T09:30',
    events: [
      { at: '2026-11-13T10:00', type: 'bug' },
      { at: '2026-11-13T10:30', status: 'In Progress' },
    ],
  },
  {
    name: 'untouched',
    contract: 'client-a',
    type: 'incident',
    priority: 'low',
    created: '2026-11-13T09:40',
    events: [],
  },
  {
    name: 'over the daily limit',
    contract: 'client-a',
    type: 'incident',
    priority: 'normal',
    created: '2026-11-13T09:50',
    events: [{ at: '2026-11-13T11:00', status: 'In Progress' }],
  },
  // After the tariff change: Стандартный.
  {
    name: 'off hours, new tariff',
    contract: 'client-a',
    type: 'incident',
    priority: 'normal',
    created: '2026-11-17T21:00',
    events: [{ at: '2026-11-18T08:30', status: 'In Progress' }],
  },
  {
    name: 'fresh, running',
    contract: 'client-a',
    type: 'incident',
    priority: 'high',
    created: '2026-11-20T14:00',
    events: [],
  },
  // Hour package: same-day bug, estimate, start of work.
  {
    name: 'same-day bug',
    contract: 'client-d',
    type: 'bug',
    priority: 'normal',
    created: '2026-11-20T13:00',
    events: [{ at: '2026-11-20T13:30', status: 'In Progress' }],
  },
  {
    name: 'estimate',
    contract: 'client-d',
    type: 'enhancement',
    priority: 'normal',
    created: '2026-11-18T10:00',
    events: [
      { at: '2026-11-18T10:30', status: 'In Progress' },
      { at: '2026-11-18T11:00', estimateMinutes: 600 },
    ],
  },
  {
    name: 'reaction and start open',
    contract: 'client-d',
    type: 'incident',
    priority: 'normal',
    created: '2026-11-19T09:00',
    events: [],
  },
  // Reaction levels reached, then the clock stopped before any tracker acted: recorded, not acted.
  {
    name: 'answered late',
    contract: 'client-d',
    type: 'incident',
    priority: 'normal',
    created: '2026-11-20T09:00',
    events: [{ at: '2026-11-20T12:00', status: 'In Progress' }],
  },
  {
    name: 'resolved today',
    contract: 'client-d',
    type: 'incident',
    priority: 'urgent',
    created: '2026-11-19T10:00',
    events: [
      { at: '2026-11-19T10:30', status: 'In Progress' },
      { at: '2026-11-20T12:00', status: 'Resolved' },
    ],
  },
];

/** What every surface is compared on, per issue. */
export interface SurfaceIssue {
  readonly state: string;
  readonly overLimit: boolean;
  /** Due instant per clock (ISO with offset), null when the clock has none now. */
  readonly dueAt: Readonly<Record<string, string | null>>;
  /** Escalations acted on: identity key, support line set, catalog priority set, note (issue key as `<key>`). */
  readonly acted: ReadonlyArray<{ key: string; line: string | null; priority: string | null; note: string }>;
  /** Escalations recorded without acting. */
  readonly recorded: readonly string[];
}

/** Jira and Redmine mappings of the catalog names used above. */
export const JIRA_PRIORITY: Readonly<Record<string, string>> = {
  low: 'Lowest',
  normal: 'Low',
  high: 'Medium',
  urgent: 'High',
  critical: 'Highest',
};
export const JIRA_TYPE: Readonly<Record<string, string>> = { incident: 'Incident', bug: 'Bug', enhancement: 'Task' };
export const JIRA_STATUS: Readonly<Record<string, string>> = {
  New: 'Open',
  'In Progress': 'In Progress',
  'Waiting for customer': 'Waiting for customer',
  Resolved: 'Resolved',
};
