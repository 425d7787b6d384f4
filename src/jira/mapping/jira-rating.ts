import type { Rating } from '../../core/history/issue-history';
import type { JiraChangeHistory, JiraIssue } from '../client/jira-schemas';
import { parseJiraTimestamp } from '../client/jira-timestamp';
import type { ProjectMapping } from '../config/jira-mapping-schema';

type SatisfactionMapping = NonNullable<ProjectMapping['satisfaction']>;

/** A score 1–5 in the text of a select option or number ("4", "4 — satisfied", "4.0"); null otherwise. */
function scoreOfText(text: string): number | null {
  const match = /^\s*([1-5])(?:[.,]0+)?(?![\d.,])/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * The score of a satisfaction field's value, whichever shape the field has: JSM's request feedback
 * (`{rating: 4, comment?}`), a number field (`4`), a select list (`{value: "4"}`) or text (`"4"`).
 * Anything else — empty, out of range, fractional — is no rating: the client can edit the field, so an
 * odd value is ignored rather than trusted.
 */
export function satisfactionScore(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 5 ? value : null;
  if (typeof value === 'string') return scoreOfText(value);
  if (value !== null && typeof value === 'object') {
    if ('rating' in value) return satisfactionScore(value.rating);
    if ('value' in value) return satisfactionScore(value.value);
  }
  return null;
}

/** The comment of JSM request feedback (`{comment: {body}}` or `{comment: "…"}`), bounded to what the history keeps. */
function feedbackComment(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !('comment' in value)) return undefined;
  const comment = value.comment;
  const text =
    typeof comment === 'string'
      ? comment
      : comment !== null && typeof comment === 'object' && 'body' in comment && typeof comment.body === 'string'
        ? comment.body
        : undefined;
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, 2_000) : undefined;
}

/** The last changelog entry that changed the field. */
function lastChangeMs(histories: readonly JiraChangeHistory[], fieldId: string): number | undefined {
  let found: number | undefined;
  for (const history of histories) {
    if (history.items.some((item) => (item.fieldId ?? item.field) === fieldId))
      found = parseJiraTimestamp(history.created) ?? found;
  }
  return found;
}

/**
 * The client's satisfaction rating of a Jira issue, from the field the project mapping names
 * (`satisfaction.field`: JSM's "Satisfaction" request-feedback field, or a 1–5 number or select
 * custom field). It is dated by `satisfaction.dateField` (JSM's "Satisfaction date"), else by the last
 * changelog entry of the field, else by the resolution date, else by the last update — never before
 * the issue's creation. Null when the project maps no field or the field holds no score.
 *
 * @example
 * jiraRating(issue, histories, { field: 'customfield_10040', dateField: 'customfield_10041' }, createdAtMs);
 * // { score: 4, atMs: 1795420800000, comment: 'Quick, thanks' }
 */
export function jiraRating(
  issue: JiraIssue,
  histories: readonly JiraChangeHistory[],
  satisfaction: SatisfactionMapping | undefined,
  createdAtMs: number,
): Rating | null {
  if (!satisfaction) return null;
  const fields: Record<string, unknown> = issue.fields;
  const value = Object.prototype.hasOwnProperty.call(fields, satisfaction.field)
    ? fields[satisfaction.field]
    : undefined;
  const score = satisfactionScore(value);
  if (score === null) return null;
  const dated =
    satisfaction.dateField !== undefined && Object.prototype.hasOwnProperty.call(fields, satisfaction.dateField)
      ? fields[satisfaction.dateField]
      : undefined;
  const candidates = [
    typeof dated === 'string' ? parseJiraTimestamp(dated) : undefined,
    lastChangeMs(histories, satisfaction.field),
    issue.fields.resolutiondate ? parseJiraTimestamp(issue.fields.resolutiondate) : undefined,
    issue.fields.updated ? parseJiraTimestamp(issue.fields.updated) : undefined,
  ];
  const atMs = Math.max(createdAtMs, candidates.find((candidate) => candidate !== undefined) ?? createdAtMs);
  const comment = feedbackComment(value);
  return comment === undefined ? { score, atMs } : { score, atMs, comment };
}

/** Issue fields and changelog fields to read for a project's ratings (none when it maps no satisfaction field). */
export function satisfactionFieldIds(project: ProjectMapping): string[] {
  const satisfaction = project.satisfaction;
  if (!satisfaction) return [];
  return satisfaction.dateField === undefined ? [satisfaction.field] : [satisfaction.field, satisfaction.dateField];
}
