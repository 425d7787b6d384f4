import { z } from 'zod';
import type { JiraClient } from '../client/jira-client';
import type { JiraComment } from '../client/jira-schemas';
import { parseJiraTimestamp } from '../client/jira-timestamp';

/** Jira Service Management marks internal notes with `jsdPublic: false`; other comments are public. */
const visibilitySchema = z.looseObject({ jsdPublic: z.boolean().optional() });

/** The first answer to the client: who and when. */
export interface FirstResponse {
  readonly atMs: number;
  readonly by: string;
}

/**
 * The first public comment written by support staff, or null. Internal notes, the client's own
 * comments and the app's comments do not count as a response.
 *
 * @example
 * firstResponseIn(comments, new Set(['5b10ac8d82e05b22cc7d4ef5'])); // { atMs: …, by: '5b10…' }
 */
export function firstResponseIn(comments: readonly JiraComment[], agents: ReadonlySet<string>): FirstResponse | null {
  let best: FirstResponse | null = null;
  for (const comment of comments) {
    const by = comment.author?.accountId;
    if (by === undefined || !agents.has(by) || comment.author?.accountType === 'app') continue;
    const visibility = visibilitySchema.safeParse(comment);
    if (visibility.success && visibility.data.jsdPublic === false) continue;
    const atMs = comment.created === undefined ? undefined : parseJiraTimestamp(comment.created);
    if (atMs === undefined) continue;
    if (best === null || atMs < best.atMs) best = { atMs, by };
  }
  return best;
}

/** Comments fetched per page while looking for the first response. */
const PAGE = 50;
/** Pages looked at at most: a response is normally among an issue's first comments. */
const MAX_PAGES = 4;

/**
 * Reads the issue's comments, oldest first, until the first response by an agent is found.
 *
 * @example
 * const response = await findFirstResponse(jira, 'SUP-1', agents);
 */
export async function findFirstResponse(
  jira: JiraClient,
  issueIdOrKey: string,
  agents: ReadonlySet<string>,
): Promise<FirstResponse | null> {
  if (agents.size === 0) return null;
  let startAt = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await jira.listComments(issueIdOrKey, { startAt, maxResults: PAGE, orderBy: 'created' });
    const found = firstResponseIn(result.comments, agents);
    if (found) return found;
    startAt += result.comments.length;
    if (result.comments.length < PAGE || (result.total !== undefined && startAt >= result.total)) return null;
  }
  return null;
}
