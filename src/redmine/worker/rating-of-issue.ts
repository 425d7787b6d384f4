import type { RedmineIssue, RedmineJournal } from '../schemas';

/**
 * A satisfaction score 1–5 from a custom field's value: a list value that starts with the digit
 * ("5", "5 — very satisfied") or a number ("4", "4.0"). Anything else (empty, 0, 7, "good", 4.5) is no
 * rating: the field is the client's to edit, so an odd value is ignored rather than trusted.
 *
 * @example
 * ratingScore('5 — очень доволен'); // 5
 * ratingScore('4.5'); // null
 */
export function ratingScore(value: string | readonly string[] | null | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return null;
  const match = /^\s*([1-5])(?:[.,]0+)?(?![\d.,])/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * The client's rating kept in the configured custom field (`satisfaction.field`): its current
 * value, dated at the last journal that changed the field (at creation when none did). Null when
 * the field is not configured, empty or not a score 1–5.
 *
 * @example
 * ratingOfIssue(issue, journals, directory.ratingFieldId, createdAtMs); // { score: 4, atMs: 1795420800000 }
 */
export function ratingOfIssue(
  issue: RedmineIssue,
  journals: readonly RedmineJournal[],
  ratingFieldId: number | null,
  createdAtMs: number,
): { score: number; atMs: number } | null {
  if (ratingFieldId === null) return null;
  const score = ratingScore(issue.custom_fields.find((field) => field.id === ratingFieldId)?.value);
  if (score === null) return null;
  let atMs = createdAtMs;
  const name = String(ratingFieldId);
  for (const journal of journals) {
    if (!journal.details.some((detail) => detail.property === 'cf' && detail.name === name)) continue;
    const journalMs = Date.parse(journal.created_on);
    if (!Number.isNaN(journalMs)) atMs = Math.max(atMs, journalMs);
  }
  return { score, atMs };
}
