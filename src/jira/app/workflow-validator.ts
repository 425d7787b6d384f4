import { z } from 'zod';
import { parseJiraTimestamp } from '../client/jira-timestamp';
import { loadAppSettings, projectMapping } from '../config/app-settings';
import type { AppDeps } from './app-deps';
import { readIssueFacts } from '../sla/issue-facts';
import { fetchIssueWithCopy } from './refresh-issue';
import { statusName } from './status-names';

/** What Jira passes to a Forge workflow validator. */
export const validatorPayloadSchema = z.object({
  issue: z.object({ key: z.string(), id: z.string().optional() }),
  transition: z.object({ from: z.object({ id: z.string() }).optional(), to: z.object({ id: z.string() }) }),
});

/** What a Forge workflow validator returns: `result: false` blocks the transition and shows the message. */
export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

const WORDS = {
  en: {
    notAllowed: (line: string) => `The tariff of this issue does not allow escalating to ${line}.`,
    needs: (line: string) => `${line} needs before taking over:`,
    comment: 'a hand-over comment written since the issue reached its current line',
    field: (name: string) => `field "${name}" filled in`,
  },
  ru: {
    notAllowed: (line: string) => `Тариф обращения не допускает эскалацию на ${line}.`,
    needs: (line: string) => `Для передачи на ${line} нужно:`,
    comment: 'комментарий для передачи, написанный после перехода на текущую линию',
    field: (name: string) => `заполнить поле «${name}»`,
  },
} as const;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The workflow validator of escalation transitions: the next support line (the line the target
 * status stands for, or the one above the current line) gets what it needs — a hand-over comment
 * and the fields configured under `lineRequirements` — and the tariff must allow the move.
 * Transitions of projects the app does not serve, and lines without requirements, pass.
 *
 * @example
 * await validateTransition(deps, { issue: { key: 'SUP-1' }, transition: { to: { id: '10010' } } });
 * // { result: false, errorMessage: 'L2 needs before taking over: a hand-over comment …' }
 */
export async function validateTransition(deps: AppDeps, payload: unknown): Promise<ValidatorResult> {
  const parsed = validatorPayloadSchema.safeParse(payload);
  // A payload the app cannot read must not lock users out of their workflow.
  if (!parsed.success) return { result: true };
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null || !loaded.ok) return { result: true };
  const { settings } = loaded;
  const found = await fetchIssueWithCopy(deps, parsed.data.issue.key);
  if (!found) return { result: true };
  const project = projectMapping(settings, found.issue.fields.project?.key ?? parsed.data.issue.key.split('-')[0]);
  if (!project) return { result: true };
  const words = WORDS[settings.mapping.language];
  const toName = await statusName(deps, parsed.data.transition.to.id);
  const mappedLine = toName === undefined ? undefined : project.lineStatuses[toName];
  // What users cannot write: the app's record in storage (the issue property is only a copy for JQL).
  const property = (await readIssueFacts(deps.store, found.issue.id))?.record ?? null;
  const targetLine = mappedLine ?? property?.nextLine ?? undefined;
  if (targetLine === undefined || targetLine === (property?.line ?? project.initialLine)) return { result: true };
  // The condition normally hides the transition; a validator still refuses it (a global transition, an API call).
  if (property && !property.escalationAllowed) return { result: false, errorMessage: words.notAllowed(targetLine) };

  const requirement = settings.mapping.lineRequirements[targetLine];
  if (!requirement) return { result: true };
  const missing: string[] = [];
  if (requirement.comment) {
    const lastLineChange =
      property?.lineHistory.at(-1)?.atMs ?? parseJiraTimestamp(found.issue.fields.created ?? '') ?? 0;
    const page = await deps.jira.listComments(found.issue.id, { orderBy: '-created', maxResults: 50 });
    const handOver = page.comments.some((comment) => {
      const atMs = comment.created === undefined ? undefined : parseJiraTimestamp(comment.created);
      return atMs !== undefined && atMs >= lastLineChange && comment.author?.accountType !== 'app';
    });
    if (!handOver) missing.push(words.comment);
  }
  if (requirement.fields.length > 0) {
    const issue = await deps.jira.getIssue(found.issue.id, requirement.fields);
    const values: Record<string, unknown> = issue.fields;
    for (const field of requirement.fields) if (isEmpty(values[field])) missing.push(words.field(field));
  }
  return missing.length === 0
    ? { result: true }
    : { result: false, errorMessage: `${words.needs(targetLine)} ${missing.join('; ')}.` };
}
