import { z } from 'zod';
import type { EscalationAction } from '../../core/catalog/catalog-schema';
import type { CompiledCatalog, CompiledContract } from '../../core/catalog/compiled-catalog';
import type { EscalationStep } from '../../core/escalation/escalation-plan';
import type { IssueHistory } from '../../core/history/issue-history';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { AppDeps } from '../app/app-deps';
import type { CommentOptions } from '../client/jira-client';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import { JiraError } from '../client/jira-error';
import { SLA_PROPERTY_KEY, type SlaProperty } from '../sla/sla-property';
import type { FieldLanguage } from '../sla/sla-summary';
import { commentReference, escalationMarker } from './escalation-marker';
import { isNobody, noticeText, notificationRecipientsSchema, resolveRecipients } from './escalation-notice';
import { acquireLock } from './issue-lock';

/**
 * How a comment kept from the client is restricted: to the members of a project role (Jira's comment
 * visibility), or as a Jira Service Management internal note. A comment without it is public.
 */
export const internalCommentSchema = z.discriminatedUnion('via', [z.object({ via: z.literal('role'), role: z.string() }), z.object({ via: z.literal('service_desk') })]);

/** A level's notification, resolved to Jira recipients when the level is planned. */
export const plannedNotificationSchema = z.object({
  /** The catalog's recipients of the level's notify actions, after the escalation mode. */
  recipients: z.array(z.string()),
  to: notificationRecipientsSchema,
  /** Recipients with nobody behind them (nothing configured, or an issue without a reporter). */
  unresolved: z.array(z.string()).default([]),
  subject: z.string(),
  textBody: z.string(),
  /** When Jira queued the e-mail; a retry of the level never sends it again. */
  sentAtMs: z.number().optional(),
});
export type PlannedNotification = z.infer<typeof plannedNotificationSchema>;

/** What one escalation will do, fixed at the first attempt so a retry repeats exactly the same thing. */
export const escalationPlanSchema = z.object({
  marker: z.string(),
  level: z.number(),
  clock: z.string(),
  dueAtMs: z.number(),
  /** Set when the level is recorded without acting (due before the app served the project, or the issue is done). */
  skipped: z.enum(['before_enabled', 'issue_done']).optional(),
  line: z.string().optional(),
  /** Jira priority name to set. */
  priority: z.string().optional(),
  /** The level's comment with its reference; `internal` when the escalation mode keeps it from the client. */
  comment: z.object({ text: z.string(), ref: z.string(), internal: internalCommentSchema.optional() }).optional(),
  /** One e-mail for all the level's notify actions. */
  notification: plannedNotificationSchema.optional(),
  /** Actions Jira refused for good, with its answer. */
  refused: z.array(z.string()).optional(),
});
export type EscalationPlan = z.infer<typeof escalationPlanSchema>;

/** The app's own record of an issue's escalations in storage, next to the issue property. */
export const escalationRecordSchema = z.object({
  done: z.array(z.string()).default([]),
  attempts: z.record(z.string(), escalationPlanSchema).default({}),
  /** What was done, newest last, for the issue panel. */
  log: z.array(escalationPlanSchema.extend({ doneAtMs: z.number() })).default([]),
});
export type EscalationRecord = z.infer<typeof escalationRecordSchema>;

/** Storage key of an issue's escalation record. */
export const escalationRecordKey = (issueId: string) => `esc:${issueId}`;

export async function readEscalationRecord(deps: Pick<AppDeps, 'store'>, issueId: string): Promise<EscalationRecord> {
  const parsed = escalationRecordSchema.safeParse((await deps.store.get(escalationRecordKey(issueId))) ?? {});
  return parsed.success ? parsed.data : { done: [], attempts: {}, log: [] };
}

/** Everything the runner needs about one issue. */
export interface EscalationInput {
  readonly issueId: string;
  readonly issueKey: string;
  readonly history: IssueHistory;
  readonly evaluation: IssueEvaluation;
  readonly contract: CompiledContract;
  readonly catalog: CompiledCatalog;
  readonly project: ProjectMapping;
  /** The property as stored in Jira (null when there is none yet). */
  readonly stored: SlaProperty | null;
  /** The property the evaluation asks for, markers not yet added. */
  readonly next: SlaProperty;
  readonly isDone: boolean;
  readonly escalateSinceMs: number;
  /** What the plan needs to know about the issue in Jira. */
  readonly jiraIssue: {
    /** A Jira Service Management project: comments kept from the client become internal notes. */
    readonly serviceDesk: boolean;
    /** Whether the issue has a reporter, who is the client's contact person. */
    readonly hasReporter: boolean;
  };
  /** Language of the notification texts. */
  readonly language: FieldLanguage;
  /** Identifies this run in locks and logs. */
  readonly runId: string;
}

/** What happened to one issue. */
export interface EscalationOutcome {
  /** The property now stored in Jira, when the runner wrote it; otherwise the caller decides. */
  readonly written: SlaProperty | null;
  /** Markers written by this run, recorded ones included. */
  readonly executed: readonly string[];
  /** Of those, the ones recorded without acting (before the project was enabled, or on a done issue). */
  readonly recorded: number;
  readonly locked: boolean;
  /** What stopped the run part-way (what was executed before it stays executed and marked). */
  readonly error?: unknown;
}

/** Due steps of the evaluation, with their markers, oldest first. */
export function dueEscalations(input: Pick<EscalationInput, 'evaluation' | 'history' | 'contract'>): Array<{ step: EscalationStep; marker: string }> {
  return input.evaluation.escalations
    .filter((step) => step.due)
    .map((step) => ({ step, marker: escalationMarker(input.history, input.contract.statuses, step) }))
    .sort((a, b) => a.step.dueAtMs - b.step.dueAtMs || a.step.level - b.step.level);
}

/** The support line above `line` in the issue's tariff, or null at the top. */
function lineAfter(input: EscalationInput, line: string): string | null {
  const lines = input.contract.tariffs.find((term) => term.tariffId === input.evaluation.tariffId)?.tariff.supportLines ?? [];
  const index = lines.indexOf(line);
  return index >= 0 && index + 1 < lines.length ? lines[index + 1] : null;
}

/** The Jira name of a catalog priority: from the project's mapping, or the same name when the project maps none. */
function jiraPriorityName(project: ProjectMapping, catalogPriority: string): string | undefined {
  const names = Object.entries(project.priorities);
  if (names.length === 0) return catalogPriority;
  return names.find(([, mapped]) => mapped === catalogPriority)?.[0];
}

/**
 * Runs one action that Jira may refuse for good (a 4xx other than 429: no permission, a value the
 * project does not have). Such a refusal is recorded and the escalation goes on, so one impossible
 * action does not hold the marker back and make every sweep try again.
 */
async function refusable(action: string, run: () => Promise<unknown>, refused: string[]): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof JiraError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429) {
      refused.push(`${action}: ${error.message}`);
      return false;
    }
    throw error;
  }
}

/** The client options that restrict a comment the way the plan says. */
function commentOptions(internal: z.infer<typeof internalCommentSchema> | undefined): CommentOptions {
  if (internal === undefined) return {};
  return internal.via === 'role' ? { visibility: { type: 'role', value: internal.role } } : { internal: true };
}

function planStep(input: EscalationInput, step: EscalationStep, marker: string, currentLine: string): EscalationPlan {
  const plan: EscalationPlan = { marker, level: step.level, clock: step.clock, dueAtMs: step.dueAtMs };
  if (input.isDone) return { ...plan, skipped: 'issue_done' };
  if (step.dueAtMs < input.escalateSinceMs) return { ...plan, skipped: 'before_enabled' };
  const term = input.contract.tariffs.find((candidate) => candidate.tariffId === input.evaluation.tariffId);
  const lines = term?.tariff.supportLines ?? [];
  const priorities = input.catalog.catalog.priorities;
  const ref = commentReference(input.issueId, marker);
  for (const action of step.actions) applyAction(plan, action);
  const notified = step.actions.flatMap((action) => (action.kind === 'notify' ? action.recipients : []));
  if (notified.length > 0) {
    const { to, unresolved } = resolveRecipients(input.project, notified, { hasReporter: input.jiraIssue.hasReporter });
    const timeZone = term?.calendar.zone ?? 'UTC';
    const text = noticeText({ issueKey: input.issueKey, clock: step.clock, level: step.level, dueAtMs: step.dueAtMs, timeZone, line: plan.line, priority: plan.priority, ref, language: input.language });
    plan.notification = { recipients: [...new Set(notified)], to, unresolved, ...text };
  }
  return plan;

  function applyAction(target: EscalationPlan, action: EscalationAction): void {
    switch (action.kind) {
      case 'assign_line':
        // Escalation only moves an issue up: a level naming a lower line than the current one does nothing.
        if (lines.indexOf(action.line) > lines.indexOf(currentLine)) target.line = action.line;
        break;
      case 'raise_priority': {
        const rank = priorities.indexOf(input.evaluation.priority);
        // The next priority up that Jira has a name for (a catalog priority without one cannot be set).
        const candidates = action.to !== undefined ? [action.to] : priorities.slice(rank + 1);
        for (const wanted of candidates) {
          const jiraName = jiraPriorityName(input.project, wanted);
          if (priorities.indexOf(wanted) > rank && jiraName !== undefined) {
            target.priority = jiraName;
            break;
          }
        }
        break;
      }
      case 'comment': {
        const text = `${action.text}\n\n[Tariff SLA · ${step.clock} · level ${step.level} · ${ref}]`;
        if (action.visibleToClient) target.comment = { text, ref };
        else target.comment = { text, ref, internal: input.jiraIssue.serviceDesk ? { via: 'service_desk' } : { via: 'role', role: input.project.internalCommentRole } };
        break;
      }
      case 'notify':
        // Every notify action of the level goes into one e-mail, resolved once all actions are planned.
        break;
    }
  }
}

/** True when one of the issue's first comments already carries the reference (the post went through before). */
async function commentAlreadyPosted(deps: AppDeps, issueId: string, ref: string): Promise<boolean> {
  const page = await deps.jira.listComments(issueId, { orderBy: '-created', maxResults: 100 });
  return page.comments.some((comment) => JSON.stringify(comment.body ?? '').includes(ref));
}

/**
 * Runs the escalations that fell due and are not done yet, exactly once per issue, cycle, clock and level.
 *
 * 1. Done markers are the union of the issue property and the storage record; nothing pending → no write.
 * 2. An issue lock keeps two concurrent sweeps from acting on one issue.
 * 3. The plan is stored before acting and reused by a retry; priority and line are set to absolute
 *    values (idempotent); the comment carries a reference and is posted only if no comment has it;
 *    the notification is marked sent in the stored plan as soon as Jira queued it, and never sent twice from it.
 * 4. The marker goes into the issue property in the same write that records the new line, then into storage.
 *
 * @example
 * const outcome = await runEscalations(deps, input);
 * outcome.executed; // ['0:resolution:2']
 */
export async function runEscalations(deps: AppDeps, input: EscalationInput): Promise<EscalationOutcome> {
  const due = dueEscalations(input);
  const inProperty = new Set(input.stored?.escalations ?? []);
  if (due.every(({ marker }) => inProperty.has(marker))) return { written: null, executed: [], recorded: 0, locked: false };

  const release = await acquireLock(deps.store, `esc:${input.issueId}`, input.runId, deps.now());
  if (!release) {
    deps.log({ event: 'escalation_locked', issue: input.issueKey, runId: input.runId });
    return { written: null, executed: [], recorded: 0, locked: true };
  }
  try {
    const record = await readEscalationRecord(deps, input.issueId);
    const done = new Set([...inProperty, ...record.done]);
    let property: SlaProperty = { ...input.next, escalations: [...new Set([...input.next.escalations, ...done])] };
    const executed: string[] = [];
    let recordedCount = 0;
    let wrote = false;
    /** The property as Jira last accepted it: what the app records as its own when a later step fails. */
    let lastWritten: SlaProperty | null = null;
    try {
      const pending = due.filter(({ marker }) => !done.has(marker));
      // Levels recorded without acting (due before the project was enabled, or on a done issue) share one write.
      const recorded = pending
        .map(({ step, marker }) => record.attempts[marker] ?? planStep(input, step, marker, property.line ?? input.project.initialLine))
        .filter((plan) => plan.skipped !== undefined);
      if (recorded.length > 0) {
        property = { ...property, escalations: [...property.escalations, ...recorded.map((plan) => plan.marker)] };
        await deps.jira.setIssueProperty(input.issueId, SLA_PROPERTY_KEY, property);
        wrote = true;
        lastWritten = property;
        const nowMs = deps.now();
        for (const plan of recorded) {
          done.add(plan.marker);
          executed.push(plan.marker);
          delete record.attempts[plan.marker];
        }
        recordedCount = recorded.length;
        record.done = [...new Set([...record.done, ...recorded.map((plan) => plan.marker)])];
        record.log = [...record.log, ...recorded.map((plan) => ({ ...plan, doneAtMs: nowMs }))].slice(-50);
        await deps.store.set(escalationRecordKey(input.issueId), record);
        deps.log({ event: 'escalation_recorded', issue: input.issueKey, markers: recorded.map((plan) => plan.marker), runId: input.runId });
      }
      for (const { step, marker } of pending) {
        if (done.has(marker)) continue;
        const stored = record.attempts[marker];
        const retry = stored !== undefined;
        // A retry repeats the stored plan; a first attempt plans against the line as it is now, and stores the plan before acting.
        let plan = stored ?? planStep(input, step, marker, property.line ?? input.project.initialLine);
        if (!retry) {
          record.attempts[marker] = plan;
          await deps.store.set(escalationRecordKey(input.issueId), record);
        }
        const refused: string[] = [];
        const priority = plan.priority;
        if (priority !== undefined) await refusable('raise_priority', () => deps.jira.editIssue(input.issueId, { priority: { name: priority } }), refused);
        const comment = plan.comment;
        if (comment && !(retry && (await commentAlreadyPosted(deps, input.issueId, comment.ref)))) {
          await refusable('comment', () => deps.jira.addComment(input.issueId, comment.text, commentOptions(comment.internal)), refused);
        }
        const notification = plan.notification;
        if (notification !== undefined && notification.unresolved.length > 0 && !retry) {
          deps.log({ event: 'escalation_recipients_unresolved', issue: input.issueKey, marker, recipients: notification.unresolved });
        }
        // Jira cannot be asked which e-mails it sent, so the plan records the sending: a later failure of this
        // level (its marker write) repeats the level without a second e-mail.
        if (notification !== undefined && notification.sentAtMs === undefined && !isNobody(notification.to)) {
          const sent = await refusable('notify', () => deps.jira.notify(input.issueId, { subject: notification.subject, textBody: notification.textBody, to: notification.to }), refused);
          if (sent) {
            plan = { ...plan, notification: { ...notification, sentAtMs: deps.now() } };
            record.attempts[marker] = plan;
            await deps.store.set(escalationRecordKey(input.issueId), record);
          }
        }
        const nowMs = deps.now();
        const lineHistory = plan.line !== undefined ? [...property.lineHistory, { atMs: nowMs, to: plan.line, by: 'tariff-sla' }] : property.lineHistory;
        property = {
          ...property,
          line: plan.line ?? property.line,
          lineHistory,
          nextLine: plan.line !== undefined ? lineAfter(input, plan.line) : property.nextLine,
          escalationAllowed: plan.line !== undefined ? property.escalationAllowed && lineAfter(input, plan.line) !== null : property.escalationAllowed,
          escalations: [...property.escalations, marker],
        };
        // The marker and the line change land in one write: the issue property is updated atomically.
        await deps.jira.setIssueProperty(input.issueId, SLA_PROPERTY_KEY, property);
        wrote = true;
        lastWritten = property;
        done.add(marker);
        executed.push(marker);
        record.done = [...new Set([...record.done, marker])];
        delete record.attempts[marker];
        record.log = [...record.log, { ...plan, ...(refused.length > 0 ? { refused } : {}), doneAtMs: nowMs }].slice(-50);
        await deps.store.set(escalationRecordKey(input.issueId), record);
        deps.log({ event: 'escalation_done', issue: input.issueKey, marker, runId: input.runId, ...(refused.length > 0 ? { refused } : {}) });
      }
    } catch (error) {
      // The plan stays in storage: the next run repeats exactly this escalation, without a second comment.
      return { written: lastWritten, executed, recorded: recordedCount, locked: false, error };
    }
    if (!wrote && property.escalations.some((marker) => !inProperty.has(marker))) {
      // Storage knew markers the property had lost (a concurrent write replaced it): put them back.
      await deps.jira.setIssueProperty(input.issueId, SLA_PROPERTY_KEY, property);
      wrote = true;
    }
    return { written: wrote ? property : null, executed, recorded: recordedCount, locked: false };
  } finally {
    await release();
  }
}
