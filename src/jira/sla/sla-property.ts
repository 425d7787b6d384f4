import { z } from 'zod';

/** Key of the issue property the app keeps on every served issue (indexed by `jira:entityProperty`). */
export const SLA_PROPERTY_KEY = 'tariff-sla';

/** The SLA state as the field, the property and JQL show it (`slaState = breached`). */
export const SLA_STATES = ['ok', 'at_risk', 'breached', 'paused', 'met', 'waiting', 'not_covered'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Clocks that get their own indexed properties (`slaReactionState`, `slaResolutionDueAt`, …). */
export const PER_CLOCK_PROPERTY_NAMES = { reaction: 'Reaction', start: 'Start', resolution: 'Resolution' } as const;

/**
 * Per-clock state and due instant, and whether any clock was ever breached: indexed for JQL
 * (`slaResolutionState = at_risk`, `slaReactionDueAt < now()`, `slaEverBreached = true`). Optional,
 * so a property written before they existed still reads; the next evaluation fills them in.
 */
const perClockShape = {
  slaReactionState: z.enum(SLA_STATES).nullable().optional(),
  slaReactionDueAt: z.string().nullable().optional(),
  slaStartState: z.enum(SLA_STATES).nullable().optional(),
  slaStartDueAt: z.string().nullable().optional(),
  slaResolutionState: z.enum(SLA_STATES).nullable().optional(),
  slaResolutionDueAt: z.string().nullable().optional(),
  slaEverBreached: z.boolean().optional(),
};

const lineChangeSchema = z.object({ atMs: z.number(), to: z.string().min(1), by: z.string().optional() });

/**
 * What the app stores on an issue. Writes happen only when something here changes, never
 * because time passed: a running clock's due instant does not move while it runs.
 */
export const slaPropertySchema = z.object({
  v: z.literal(1),
  slaState: z.enum(SLA_STATES),
  /** Next deadline of the most urgent open clock (ISO with offset), null when none runs. */
  slaDueAt: z.string().nullable(),
  slaTariff: z.string(),
  contract: z.string(),
  /** Clock that `slaDueAt` belongs to. */
  clock: z.enum(['reaction', 'start', 'resolution']).nullable(),
  line: z.string().nullable(),
  lineHistory: z.array(lineChangeSchema).default([]),
  /** First public answer by support staff, once known. */
  response: z.object({ atMs: z.number(), by: z.string().optional() }).nullable().default(null),
  /** Whether the tariff lets the issue move up a support line (read by the workflow condition). */
  escalationAllowed: z.boolean(),
  nextLine: z.string().nullable(),
  /** Beyond the tariff's daily incident limit (indexed for JQL as `slaOverLimit`). */
  slaOverLimit: z.boolean().default(false),
  /** Escalation markers done: `<cycle>:<clock>:<level>`. */
  escalations: z.array(z.string()).default([]),
  ...perClockShape,
});
export type SlaProperty = z.infer<typeof slaPropertySchema>;
export type LineChange = z.infer<typeof lineChangeSchema>;

/** The stored property, or null when it is missing or not ours (an old or foreign shape is rebuilt). */
export function readSlaProperty(value: unknown): SlaProperty | null {
  const parsed = slaPropertySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Value of the read-only "SLA" custom field: what list views, filters and exports show. */
export const slaFieldValueSchema = z.object({
  state: z.enum(SLA_STATES),
  /** e.g. "At risk · resolution due 20.11.2026 17:30" — no countdown, so it changes only with the state. */
  label: z.string(),
  tariff: z.string(),
  dueAt: z.string().optional(),
  clock: z.string().optional(),
  /** Present (true) when the request is beyond the tariff's daily incident limit. */
  overLimit: z.boolean().optional(),
  /** Present (true) when the tariff lets the request move up a support line now: what the workflow condition reads. */
  escalationAllowed: z.boolean().optional(),
  /** Language of the label; the list formatter and the badge word the time left in it. */
  lang: z.enum(['en', 'ru']).optional(),
});
export type SlaFieldValue = z.infer<typeof slaFieldValueSchema>;
