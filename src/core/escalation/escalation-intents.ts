import { DateTime } from 'luxon';
import type { ClockName, Recipient } from '../catalog/catalog-schema';
import type { ContractTariff, StatusSets } from '../catalog/compiled-catalog';
import type { HistoryEvent } from '../history/issue-history';
import type { IssueEvaluation } from '../sla/evaluate-issue';
import type { EscalationStep } from './escalation-plan';
import { escalationNote, type NoteLanguage } from './escalation-note';

/**
 * An escalation's identity, the same on every tracker: the issue's lifecycle (`cycle`, how many
 * times it had been reopened when the level fell due), the clock and the level. A level reached
 * before a reopen keeps its cycle, so a reopen does not repeat it; a level first reached after a
 * reopen belongs to the new cycle and is decided once there.
 */
export interface EscalationIdentity {
  cycle: number;
  clock: ClockName;
  level: number;
}

/** Why a due level is recorded without acting. */
export type EscalationSkipReason = 'issue_done' | 'clock_stopped' | 'before_enabled';

/** What to do about one due escalation level of one issue. */
export interface EscalationIntent {
  identity: EscalationIdentity;
  /** `<cycle>:<clock>:<level>`, the identity as one string (see {@link escalationKey}). */
  key: string;
  /** When the level fell due. */
  dueAtMs: number;
  /** `act`: do what the level says; `skip`: record the level as decided without acting (see `skipReason`). */
  decision: 'act' | 'skip';
  skipReason: EscalationSkipReason | null;
  /** The support line to move the issue up to; null when the level moves it nowhere (or not up). */
  line: string | null;
  /** The line the issue was on before the level. */
  lineBefore: string | null;
  /** The catalog priority to raise the issue to; null when the level raises nothing (or cannot). */
  priority: string | null;
  /** The priority before the level. */
  priorityBefore: string;
  /** The catalog's comment texts of the level (after the escalation mode). */
  comments: string[];
  /** Who to notify (after the escalation mode), each once, in the catalog's order. */
  recipients: Recipient[];
  /**
   * Whether the level's note may be shown to the client: a level with a comment follows its comment's
   * `visibleToClient` (which the escalation mode may have turned off); a level without one is
   * visible when it notifies the client's contact or team.
   */
  visibleToClient: boolean;
  /** Subject of a notification, in the requested language. */
  subject: string;
  /** The note to write on the issue (and the body of a notification), in the requested language. */
  note: string;
}

/** What the intents need besides the evaluation. */
export interface EscalationIntentOptions {
  /** Identity keys (`<cycle>:<clock>:<level>`) the tracker already records as done: no intent for them. */
  done?: ReadonlySet<string>;
  /** Levels due before this instant (the tracker served the contract from then on) are skipped. */
  escalateSinceMs?: number;
  /** The support line of an issue the tracker has not put on one. Default: the tariff's lowest line. */
  initialLine?: string;
  /** Language of the note and the subject. Default `en`. */
  language?: NoteLanguage;
}

/** The identity as one string, `<cycle>:<clock>:<level>` (the Jira app stores exactly this). */
export function escalationKey(identity: EscalationIdentity): string {
  return `${identity.cycle}:${identity.clock}:${identity.level}`;
}

/**
 * How many times the issue was reopened (left a done status for one that is not done) at or before
 * `atMs`: the lifecycle a level falling due at `atMs` belongs to.
 *
 * @example
 * reopenCycleAt('New', [{ atMs: 1, kind: 'status', to: 'Resolved' }, { atMs: 2, kind: 'status', to: 'In Progress' }], statuses, 3); // 1
 */
export function reopenCycleAt(
  creationStatus: string,
  events: readonly HistoryEvent[],
  statuses: StatusSets,
  atMs: number,
): number {
  let done = statuses.done.has(creationStatus);
  let cycle = 0;
  for (const event of events) {
    if (event.atMs > atMs) break;
    if (event.kind !== 'status') continue;
    const nowDone = statuses.done.has(event.to);
    if (done && !nowDone) cycle++;
    done = nowDone;
  }
  return cycle;
}

const CLOCK_ORDER: Record<ClockName, number> = { reaction: 0, start: 1, resolution: 2 };
const CLIENT_RECIPIENTS: ReadonlySet<Recipient> = new Set<Recipient>(['client_contact', 'client_team']);

/** Due steps, oldest first; at one instant lower levels first, then reaction, start, resolution. */
function dueStepsInOrder(steps: readonly EscalationStep[]): EscalationStep[] {
  return steps
    .filter((step) => step.due)
    .sort((a, b) => a.dueAtMs - b.dueAtMs || a.level - b.level || CLOCK_ORDER[a.clock] - CLOCK_ORDER[b.clock]);
}

function skipReasonOf(
  evaluation: IssueEvaluation,
  step: EscalationStep,
  issueDone: boolean,
  escalateSinceMs: number | undefined,
): EscalationSkipReason | null {
  if (issueDone) return 'issue_done';
  // A clock that stopped (met, or breached and then answered) gains nothing from a late escalation.
  if ((evaluation.clocks[step.clock]?.stoppedAtMs ?? null) !== null) return 'clock_stopped';
  if (escalateSinceMs !== undefined && step.dueAtMs < escalateSinceMs) return 'before_enabled';
  return null;
}

/** The issue's line and priority as the intents so far leave them. */
interface Standing {
  line: string | null;
  priority: string;
}

/** The line a level moves the issue to: only up the tariff's support lines; the highest named wins. */
function lineAfter(step: EscalationStep, supportLines: readonly string[], current: string | null): string | null {
  let best: string | null = null;
  let bestRank = current === null ? -1 : supportLines.indexOf(current);
  for (const action of step.actions) {
    if (action.kind !== 'assign_line') continue;
    const rank = supportLines.indexOf(action.line);
    if (rank > bestRank) {
      best = action.line;
      bestRank = rank;
    }
  }
  return best;
}

/** The priority a level raises the issue to: the named one if higher, else the next one up; never down. */
function priorityAfter(
  step: EscalationStep,
  rankOf: ReadonlyMap<string, number>,
  ordered: readonly string[],
  current: string,
): string | null {
  let priority = current;
  for (const action of step.actions) {
    if (action.kind !== 'raise_priority') continue;
    const rank = rankOf.get(priority) ?? -1;
    if (action.to !== undefined) {
      if ((rankOf.get(action.to) ?? -1) > rank) priority = action.to;
    } else if (rank >= 0 && rank + 1 < ordered.length) priority = ordered[rank + 1];
  }
  return priority === current ? null : priority;
}

/**
 * What to do about each escalation level of an evaluated issue that is due and not yet done: its
 * identity, whether to act (or record it without acting, and why), the support line to move the
 * issue up to, the catalog priority to raise it to, the comment's visibility, the recipients and
 * the localized note. Levels come oldest first; each acting level sees the line and priority the
 * acting levels before it leave, so a tracker that performs them in order ends where the core says.
 *
 * Rules: a level is skipped when the issue is done, when its clock has stopped, or when it fell due
 * before the tracker served the contract (`escalateSinceMs`), in that order of precedence. A line
 * moves only up the tariff's `supportLines`; a priority is only raised (to the level's `to`, or one
 * step up the catalog's `priorities`). The tariff's escalation mode has already decided, in the
 * plan, which client recipients are involved and whether comments are internal.
 *
 * @example
 * escalationIntents(evaluation, issue, contract.statuses, catalog.tariffAt(contract, issue.createdAtMs), catalog.catalog.priorities, { language: 'ru' });
 * // [{ key: '0:resolution:1', decision: 'act', line: 'L2', priority: null, recipients: ['support_lead'], note: 'Эскалация SLA, …' }]
 */
export function escalationIntents(
  evaluation: IssueEvaluation,
  history: { readonly status: string; readonly events: readonly HistoryEvent[] },
  statuses: StatusSets,
  term: ContractTariff,
  priorities: readonly string[],
  options: EscalationIntentOptions = {},
): EscalationIntent[] {
  const steps = dueStepsInOrder(evaluation.escalations);
  if (steps.length === 0) return [];
  const supportLines = term.tariff.supportLines;
  const language = options.language ?? 'en';
  const issueDone = statuses.done.has(evaluation.status);
  const standing: Standing = {
    line: evaluation.line ?? options.initialLine ?? supportLines[0] ?? null,
    priority: evaluation.priority,
  };
  const intents: EscalationIntent[] = [];
  for (const step of steps) {
    const identity: EscalationIdentity = {
      cycle: reopenCycleAt(history.status, history.events, statuses, step.dueAtMs),
      clock: step.clock,
      level: step.level,
    };
    const key = escalationKey(identity);
    if (options.done?.has(key)) continue;
    const skipReason = skipReasonOf(evaluation, step, issueDone, options.escalateSinceMs);
    const acting = skipReason === null;
    const line = acting ? lineAfter(step, supportLines, standing.line) : null;
    const priority = acting ? priorityAfter(step, term.priorityRank, priorities, standing.priority) : null;
    const comments: string[] = [];
    let commentVisible: boolean | null = null;
    const recipients: Recipient[] = [];
    for (const action of step.actions) {
      if (action.kind === 'comment') {
        comments.push(action.text);
        commentVisible = (commentVisible ?? false) || action.visibleToClient;
      } else if (action.kind === 'notify') {
        for (const recipient of action.recipients) if (!recipients.includes(recipient)) recipients.push(recipient);
      }
    }
    const visibleToClient = commentVisible ?? recipients.some((recipient) => CLIENT_RECIPIENTS.has(recipient));
    const at = DateTime.fromMillis(step.dueAtMs, { zone: term.calendar.zone }).toFormat("yyyy-MM-dd HH:mm '('ZZ')'");
    const text = escalationNote({
      language,
      issueKey: evaluation.key,
      identity,
      reachedAt: at,
      comments,
      line,
      priority,
      priorityBefore: standing.priority,
      recipients,
    });
    intents.push({
      identity,
      key,
      dueAtMs: step.dueAtMs,
      decision: acting ? 'act' : 'skip',
      skipReason,
      line,
      lineBefore: standing.line,
      priority,
      priorityBefore: standing.priority,
      comments,
      recipients,
      visibleToClient,
      subject: text.subject,
      note: text.note,
    });
    if (line !== null) standing.line = line;
    if (priority !== null) standing.priority = priority;
  }
  return intents;
}
