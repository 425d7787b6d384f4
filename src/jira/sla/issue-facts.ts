import { z } from 'zod';
import type { KeyValueStore } from '../store/key-value-store';
import { slaPropertySchema, type SlaProperty } from './sla-property';

/**
 * What the app decided about one issue, kept in Forge storage where no Jira user can reach it: the first
 * response, the support-line history, the escalation markers and the summary the badge shows (`record`),
 * and the next instant the issue's evaluation changes without an event (`nextAtMs`). The issue property
 * `tariff-sla` is only a copy of `record` for JQL; the app never reads facts back from it.
 */
export const issueFactsSchema = z.object({
  v: z.literal(1),
  issueKey: z.string(),
  projectKey: z.string(),
  record: slaPropertySchema,
  /** Next instant the evaluation changes by itself (at risk, breach, escalation level); null: only an event changes it. */
  nextAtMs: z.number().nullable(),
  evaluatedAtMs: z.number(),
  /**
   * Format of the SLA field value the app last wrote for the issue (absent: 1, before the field carried
   * `escalationAllowed` for the workflow condition). An older one makes the next evaluation rewrite the field.
   */
  fieldFormat: z.number().int().optional(),
});
export type IssueFacts = z.infer<typeof issueFactsSchema>;

/** Storage key of an issue's facts. */
export const issueFactsKey = (issueId: string) => `sla:${issueId}`;

/** Prefix of the due index: `due:<instant, 15 digits>:<issue id>`, listed in time order by the sweep. */
export const DUE_INDEX_PREFIX = 'due:';

/** Index key of an issue falling due at `atMs` (zero-padded so key order is time order). */
export function dueIndexKey(atMs: number, issueId: string): string {
  return `${DUE_INDEX_PREFIX}${String(Math.max(0, Math.floor(atMs))).padStart(15, '0')}:${issueId}`;
}

/** The instant and issue id of a due-index key, or null when the key is not one. */
export function parseDueIndexKey(key: string): { atMs: number; issueId: string } | null {
  const match = /^due:(\d{15}):(.+)$/.exec(key);
  return match ? { atMs: Number(match[1]), issueId: match[2] } : null;
}

/** The issue's facts, or null when the app has none (never evaluated, or an unreadable record). */
export async function readIssueFacts(store: Pick<KeyValueStore, 'get'>, issueId: string): Promise<IssueFacts | null> {
  const parsed = issueFactsSchema.safeParse(await store.get(issueFactsKey(issueId)));
  return parsed.success ? parsed.data : null;
}

/**
 * Writes the facts and moves the issue in the due index (the old index key is dropped, the new one
 * written) — only the keys that change are written.
 */
export async function writeIssueFacts(
  store: KeyValueStore,
  issueId: string,
  previous: IssueFacts | null,
  next: IssueFacts,
): Promise<void> {
  if (previous?.nextAtMs !== next.nextAtMs) {
    if (next.nextAtMs !== null) await store.set(dueIndexKey(next.nextAtMs, issueId), { issueId });
    if (previous !== null && previous.nextAtMs !== null) await store.delete(dueIndexKey(previous.nextAtMs, issueId));
  }
  await store.set(issueFactsKey(issueId), next);
}

/** Drops an issue's facts and its due-index entry (the issue was deleted). */
export async function forgetIssueFacts(store: KeyValueStore, issueId: string): Promise<void> {
  const previous = await readIssueFacts(store, issueId);
  if (previous?.nextAtMs !== null && previous?.nextAtMs !== undefined)
    await store.delete(dueIndexKey(previous.nextAtMs, issueId));
  await store.delete(issueFactsKey(issueId));
}

/** Canonical text of a property value, so a copy and the record compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * True when the copy Jira holds is not exactly the record (someone other than the app wrote the property,
 * or deleted it): the caller writes the record back.
 */
export function copyDiffers(jiraValue: unknown, record: SlaProperty): boolean {
  return canonical(jiraValue ?? null) !== canonical(record);
}
