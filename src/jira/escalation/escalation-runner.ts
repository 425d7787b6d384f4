import { z } from 'zod';
import type { CompiledContract } from '../../core/catalog/compiled-catalog';
import type { EscalationIntent } from '../../core/escalation/escalation-intents';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { AppDeps } from '../app/app-deps';
import type { CommentOptions } from '../client/jira-client';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import { JiraError } from '../client/jira-error';
import { SLA_PROPERTY_KEY, type SlaProperty } from '../sla/sla-property';
import { commentReference, referenceLine } from './escalation-marker';
import { isNobody, notificationRecipientsSchema, resolveRecipients } from './escalation-notice';
import { acquireLock } from './issue-lock';
import { notificationTargets } from '../../core/escalation/notification-targets';
import type { NoteLanguage } from '../../core/escalation/escalation-note';
import { deliveryRecordSchema } from '../../notify/delivery-record-schema';
import { deliverMessages, owedAppMessages } from './escalation-messages';
import { siteBaseUrl } from '../app/site-url';

/**
 * How a comment kept from the client is restricted: to the members of a project role (Jira's comment
 * visibility), or as a Jira Service Management internal note. A comment without it is public.
 */
export const internalCommentSchema = z.discriminatedUnion('via', [
  z.object({ via: z.literal('role'), role: z.string() }),
  z.object({ via: z.literal('service_desk') }),
]);

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
  /** Set when the level is recorded without acting (the core's skip reason). */
  skipped: z.enum(['before_enabled', 'issue_done', 'clock_stopped']).optional(),
  line: z.string().optional(),
  /** Jira priority name to set. */
  priority: z.string().optional(),
  /** The level's comment with its reference; `internal` when the escalation mode keeps it from the client. */
  comment: z.object({ text: z.string(), ref: z.string(), internal: internalCommentSchema.optional() }).optional(),
  /** One e-mail for all the level's notify actions. */
  notification: plannedNotificationSchema.optional(),
  /** Messenger messages of the level, each sent at most once (see escalation-messages.ts). */
  messages: z.array(deliveryRecordSchema).optional(),
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
  readonly evaluation: IssueEvaluation;
  readonly contract: CompiledContract;
  readonly project: ProjectMapping;
  /**
   * The core's escalation intents given the markers done (levels due, not in `done`, oldest first,
   * each acting level starting from where the acting levels before it leave the issue).
   */
  readonly intents: (done: ReadonlySet<string>) => EscalationIntent[];
  /** The property as stored in Jira (null when there is none yet). */
  readonly stored: SlaProperty | null;
  /** The property the evaluation asks for, markers not yet added. */
  readonly next: SlaProperty;
  /** What the plan needs to know about the issue in Jira. */
  readonly jiraIssue: {
    /** A Jira Service Management project: comments kept from the client become internal notes. */
    readonly serviceDesk: boolean;
    /** Whether the issue has a reporter, who is the client's contact person. */
    readonly hasReporter: boolean;
  };
  /** Identifies this run in locks and logs. */
  readonly runId: string;
  /** Language of messenger messages (the mapping's `language`). Default `en`. */
  readonly language?: NoteLanguage;
}

/** What happened to one issue. */
export interface EscalationOutcome {
  /** The property now stored in Jira, when the runner wrote it; otherwise the caller decides. */
  readonly written: SlaProperty | null;
  /** Markers written by this run, recorded ones included. */
  readonly executed: readonly string[];
  /** Of those, the ones recorded without acting (the core's skip reasons). */
  readonly recorded: number;
  readonly locked: boolean;
  /** What stopped the run part-way (what was executed before it stays executed and marked). */
  readonly error?: unknown;
}

/** The support line above `line` in the issue's tariff, or null at the top. */
function lineAfter(input: EscalationInput, line: string): string | null {
  const lines =
    input.contract.tariffs.find((term) => term.tariffId === input.evaluation.tariffId)?.tariff.supportLines ?? [];
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
    if (
      error instanceof JiraError &&
      error.status !== undefined &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 429
    ) {
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

/**
 * The Jira plan of one intent: the core decided everything (act or skip, line, priority, visibility,
 * recipients, note); this maps it onto Jira (priority name, comment restriction, accounts and groups).
 */
function planOfIntent(
  input: Omit<EscalationInput, 'intents' | 'stored' | 'next' | 'runId'>,
  intent: EscalationIntent,
  deps: Pick<AppDeps, 'messengers'>,
): EscalationPlan {
  const { identity } = intent;
  const plan: EscalationPlan = {
    marker: intent.key,
    level: identity.level,
    clock: identity.clock,
    dueAtMs: intent.dueAtMs,
  };
  if (intent.decision === 'skip') return { ...plan, skipped: intent.skipReason ?? undefined };
  const ref = commentReference(input.issueId, intent.key);
  const closing = referenceLine(identity.clock, identity.level, ref);
  if (intent.line !== null) plan.line = intent.line;
  if (intent.priority !== null) {
    const jiraName = jiraPriorityName(input.project, intent.priority);
    if (jiraName !== undefined) plan.priority = jiraName;
    else
      plan.refused = [
        `raise_priority: no Jira priority is mapped to "${intent.priority}"; map one under projects.<KEY>.priorities`,
      ];
  }
  if (intent.comments.length > 0) {
    const text = `${intent.note}\n\n${closing}`;
    const internal = input.jiraIssue.serviceDesk
      ? { via: 'service_desk' as const }
      : { via: 'role' as const, role: input.project.internalCommentRole };
    plan.comment = intent.visibleToClient ? { text, ref } : { text, ref, internal };
  }
  const messages = owedAppMessages(deps, input, intent);
  if (messages.length > 0) plan.messages = messages;
  if (intent.recipients.length > 0 && notificationTargets(intent, input.contract).trackerEmail) {
    const { to, unresolved } = resolveRecipients(input.project, intent.recipients, {
      hasReporter: input.jiraIssue.hasReporter,
    });
    plan.notification = {
      recipients: [...intent.recipients],
      to,
      unresolved,
      subject: intent.subject,
      textBody: `${intent.note}\n\n${closing}`,
    };
  }
  return plan;
}

/** True when one of the issue's first comments already carries the reference (the post went through before). */
async function commentAlreadyPosted(deps: AppDeps, issueId: string, ref: string): Promise<boolean> {
  const page = await deps.jira.listComments(issueId, { orderBy: '-created', maxResults: 100 });
  return page.comments.some((comment) => JSON.stringify(comment.body ?? '').includes(ref));
}

/** What one run has done to one issue so far. */
interface RunState {
  readonly record: EscalationRecord;
  readonly done: Set<string>;
  property: SlaProperty;
  readonly executed: string[];
  recorded: number;
  wrote: boolean;
  /** The property as Jira last accepted it: what the app records as its own when a later step fails. */
  lastWritten: SlaProperty | null;
}

/** Levels recorded without acting share one property write and one storage write. */
async function recordSkipped(
  deps: AppDeps,
  input: EscalationInput,
  state: RunState,
  plans: readonly EscalationPlan[],
): Promise<void> {
  if (plans.length === 0) return;
  state.property = {
    ...state.property,
    escalations: [...state.property.escalations, ...plans.map((plan) => plan.marker)],
  };
  await deps.jira.setIssueProperty(input.issueId, SLA_PROPERTY_KEY, state.property);
  state.wrote = true;
  state.lastWritten = state.property;
  const nowMs = deps.now();
  for (const plan of plans) {
    state.done.add(plan.marker);
    state.executed.push(plan.marker);
    delete state.record.attempts[plan.marker];
  }
  state.recorded += plans.length;
  state.record.done = [...new Set([...state.record.done, ...plans.map((plan) => plan.marker)])];
  state.record.log = [...state.record.log, ...plans.map((plan) => ({ ...plan, doneAtMs: nowMs }))].slice(-50);
  await deps.store.set(escalationRecordKey(input.issueId), state.record);
  deps.log({
    event: 'escalation_recorded',
    issue: input.issueKey,
    markers: plans.map((plan) => plan.marker),
    runId: input.runId,
  });
}

/** A retry repeats the stored plan; a first attempt stores its plan before acting. */
async function planToRun(
  deps: AppDeps,
  input: EscalationInput,
  state: RunState,
  intent: EscalationIntent,
): Promise<{ plan: EscalationPlan; retry: boolean }> {
  const stored = state.record.attempts[intent.key];
  if (stored !== undefined) return { plan: stored, retry: true };
  // The issue link of messenger messages: the site's base URL, from Jira itself unless overridden.
  // Asked only when the level owes a messenger message (one storage read; Jira at most weekly).
  const owesMessages = intent.decision !== 'skip' && owedAppMessages(deps, input, intent).length > 0;
  const messengers =
    deps.messengers === undefined || !owesMessages
      ? deps.messengers
      : { ...deps.messengers, siteUrl: await siteBaseUrl(deps) };
  const plan = planOfIntent(input, intent, messengers === undefined ? {} : { messengers });
  state.record.attempts[intent.key] = plan;
  await deps.store.set(escalationRecordKey(input.issueId), state.record);
  return { plan, retry: false };
}

/** Priority, comment (never twice: a retry looks for its reference first) and notification (never twice: the plan records the sending). */
async function performActions(
  deps: AppDeps,
  input: EscalationInput,
  state: RunState,
  planned: { plan: EscalationPlan; retry: boolean },
  refused: string[],
): Promise<EscalationPlan> {
  let { plan } = planned;
  const priority = plan.priority;
  if (priority !== undefined)
    await refusable(
      'raise_priority',
      () => deps.jira.editIssue(input.issueId, { priority: { name: priority } }),
      refused,
    );
  const comment = plan.comment;
  if (comment && !(planned.retry && (await commentAlreadyPosted(deps, input.issueId, comment.ref)))) {
    await refusable(
      'comment',
      () => deps.jira.addComment(input.issueId, comment.text, commentOptions(comment.internal)),
      refused,
    );
  }
  const notification = plan.notification;
  if (notification !== undefined && notification.unresolved.length > 0 && !planned.retry) {
    deps.log({
      event: 'escalation_recipients_unresolved',
      issue: input.issueKey,
      marker: plan.marker,
      recipients: notification.unresolved,
    });
  }
  // Jira cannot be asked which e-mails it sent, so the plan records the sending: a later failure of this
  // level (its marker write) repeats the level without a second e-mail.
  if (notification !== undefined && notification.sentAtMs === undefined && !isNobody(notification.to)) {
    const sent = await refusable(
      'notify',
      () =>
        deps.jira.notify(input.issueId, {
          subject: notification.subject,
          textBody: notification.textBody,
          to: notification.to,
        }),
      refused,
    );
    if (sent) {
      plan = { ...plan, notification: { ...notification, sentAtMs: deps.now() } };
      state.record.attempts[plan.marker] = plan;
      await deps.store.set(escalationRecordKey(input.issueId), state.record);
    }
  }
  // Messengers last: each message is claimed in the stored plan before it is posted.
  return deliverMessages(deps, input, state.record, plan, refused, () =>
    deps.store.set(escalationRecordKey(input.issueId), state.record).then(() => undefined),
  );
}

/** The marker and the line change land in one write (the issue property is updated atomically), then in storage. */
async function markDone(
  deps: AppDeps,
  input: EscalationInput,
  state: RunState,
  plan: EscalationPlan,
  refused: readonly string[],
): Promise<void> {
  const nowMs = deps.now();
  const line = plan.line;
  state.property = {
    ...state.property,
    line: line ?? state.property.line,
    lineHistory:
      line !== undefined
        ? [...state.property.lineHistory, { atMs: nowMs, to: line, by: 'tariff-sla' }]
        : state.property.lineHistory,
    nextLine: line !== undefined ? lineAfter(input, line) : state.property.nextLine,
    escalationAllowed:
      line !== undefined
        ? state.property.escalationAllowed && lineAfter(input, line) !== null
        : state.property.escalationAllowed,
    escalations: [...state.property.escalations, plan.marker],
  };
  await deps.jira.setIssueProperty(input.issueId, SLA_PROPERTY_KEY, state.property);
  state.wrote = true;
  state.lastWritten = state.property;
  state.done.add(plan.marker);
  state.executed.push(plan.marker);
  state.record.done = [...new Set([...state.record.done, plan.marker])];
  delete state.record.attempts[plan.marker];
  state.record.log = [
    ...state.record.log,
    { ...plan, ...(refused.length > 0 ? { refused: [...refused] } : {}), doneAtMs: nowMs },
  ].slice(-50);
  await deps.store.set(escalationRecordKey(input.issueId), state.record);
  deps.log({
    event: 'escalation_done',
    issue: input.issueKey,
    marker: plan.marker,
    runId: input.runId,
    ...(refused.length > 0 ? { refused } : {}),
  });
}

/** One acting level: plan (or the stored plan of a retry), actions, marker. */
async function runLevel(
  deps: AppDeps,
  input: EscalationInput,
  state: RunState,
  intent: EscalationIntent,
): Promise<void> {
  const planned = await planToRun(deps, input, state, intent);
  const refused = [...(planned.plan.refused ?? [])];
  const plan = await performActions(deps, input, state, planned, refused);
  await markDone(deps, input, state, plan, refused);
}

/**
 * Runs the escalations that fell due and are not done yet, exactly once per issue, cycle, clock and
 * level, as the core's intents say.
 *
 * 1. Done markers are the union of the issue property and the storage record; nothing pending → no write.
 * 2. An issue lock keeps two concurrent sweeps from acting on one issue.
 * 3. Levels the core skips are recorded without acting; each acting level stores its plan before
 *    acting (a retry repeats it), sets priority and line to absolute values (idempotent), posts its
 *    comment only if no comment has its reference, and marks its notification sent in the stored plan.
 * 4. The marker goes into the issue property in the same write that records the new line, then into storage.
 *
 * @example
 * const outcome = await runEscalations(deps, input);
 * outcome.executed; // ['0:resolution:2']
 */
export async function runEscalations(deps: AppDeps, input: EscalationInput): Promise<EscalationOutcome> {
  const inProperty = new Set(input.stored?.escalations ?? []);
  if (input.intents(inProperty).length === 0) return { written: null, executed: [], recorded: 0, locked: false };

  const release = await acquireLock(deps.store, `esc:${input.issueId}`, input.runId, deps.now());
  if (!release) {
    deps.log({ event: 'escalation_locked', issue: input.issueKey, runId: input.runId });
    return { written: null, executed: [], recorded: 0, locked: true };
  }
  try {
    const record = await readEscalationRecord(deps, input.issueId);
    const done = new Set([...inProperty, ...record.done]);
    const state: RunState = {
      record,
      done,
      property: { ...input.next, escalations: [...new Set([...input.next.escalations, ...done])] },
      executed: [],
      recorded: 0,
      wrote: false,
      lastWritten: null,
    };
    try {
      const pending = input.intents(done);
      await recordSkipped(
        deps,
        input,
        state,
        pending
          .filter((intent) => intent.decision === 'skip' && record.attempts[intent.key] === undefined)
          .map((intent) => planOfIntent(input, intent, deps)),
      );
      for (const intent of pending) if (!state.done.has(intent.key)) await runLevel(deps, input, state, intent);
    } catch (error) {
      // The plan stays in storage: the next run repeats exactly this escalation, without a second comment.
      return { written: state.lastWritten, executed: state.executed, recorded: state.recorded, locked: false, error };
    }
    if (!state.wrote && state.property.escalations.some((marker) => !inProperty.has(marker))) {
      // Storage knew markers the property had lost (a concurrent write replaced it): put them back.
      await deps.jira.setIssueProperty(input.issueId, SLA_PROPERTY_KEY, state.property);
      state.wrote = true;
    }
    return {
      written: state.wrote ? state.property : null,
      executed: state.executed,
      recorded: state.recorded,
      locked: false,
    };
  } finally {
    await release();
  }
}
