import type { ContractAttributes } from '../contracts/resolve-contract';
import { reservedKeyIssues } from '../errors/reserved-keys';
import { issuesFromZodError, type ValidationIssue } from '../errors/validation-issue';
import {
  instantMs,
  issueHistorySchema,
  issuesFileSchema,
  type HistoryEventInput,
  type ContractAttributesInput,
  type IssueHistoryInput,
  type RatingInput,
} from './issue-history-schema';

/** A change in an issue's life, with its instant in epoch milliseconds. */
export type HistoryEvent =
  | { atMs: number; kind: 'status'; to: string; from?: string; by?: string }
  | { atMs: number; kind: 'response'; by?: string }
  | { atMs: number; kind: 'priority'; to: string; from?: string }
  | { atMs: number; kind: 'type'; to: string; from?: string }
  | { atMs: number; kind: 'estimate'; minutes: number }
  | { atMs: number; kind: 'line'; to: string };

/** Time spent on an issue, booked at `atMs` (the moment the work was done). */
export interface Worklog {
  id?: string | number;
  atMs: number;
  minutes: number;
  author: string;
  line?: string;
  comment?: string;
}

/** The client's satisfaction rating (CSAT): score 1–5, given at `atMs`. */
export interface Rating {
  score: number;
  atMs: number;
  comment?: string;
  by?: string;
}

/**
 * An issue's tracker-neutral history, as every adapter hands it to the engine.
 * `type`, `priority` and `status` are the values at creation; `events` are sorted by time.
 */
export interface IssueHistory {
  key: string;
  /**
   * The contract the issue falls under; `''` when the issue names none and its contract is left to
   * the contract rules (see `resolveIssueContracts`).
   */
  contractId: string;
  /**
   * What the contract rules look at, as the issue was at creation (project, organizations, custom
   * field values). With contract rules, these decide the contract instead of `contractId`.
   */
  contractAttributes?: ContractAttributes;
  type: string;
  priority: string;
  status: string;
  createdAtMs: number;
  summary?: string;
  line?: string;
  events: HistoryEvent[];
  worklogs: Worklog[];
  /** The client's satisfaction rating, when given. */
  rating?: Rating;
  /** Position in the document it was read from, so later problems can name `issues[i]`. */
  sourceIndex?: number;
}

/** Converts a validated issue to the engine's form (epoch milliseconds everywhere). */
export function normalizeIssueHistory(input: IssueHistoryInput): IssueHistory {
  return {
    key: input.key,
    contractId: input.contract ?? '',
    type: input.type,
    priority: input.priority,
    status: input.status,
    createdAtMs: instantMs(input.createdAt),
    summary: input.summary,
    line: input.line,
    events: input.events.map(normalizeEvent),
    worklogs: input.worklogs.map(({ at, ...rest }) => ({ ...rest, atMs: instantMs(at) })),
    ...(input.rating ? { rating: normalizeRating(input.rating) } : {}),
    ...(input.attributes ? { contractAttributes: normalizeAttributes(input.attributes) } : {}),
  };
}

function normalizeAttributes(input: ContractAttributesInput): ContractAttributes {
  const list = (value: string | string[]): string[] => (typeof value === 'string' ? [value] : value);
  const attributes: ContractAttributes = {
    project: list(input.project),
    ...(input.projectAncestors ? { projectAncestors: input.projectAncestors.map(list) } : {}),
    ...(input.organizations ? { organizations: input.organizations } : {}),
    ...(input.fields
      ? { fields: Object.fromEntries(Object.entries(input.fields).map(([field, value]) => [field, list(value)])) }
      : {}),
  };
  return attributes;
}

function normalizeRating(input: RatingInput): Rating {
  const rating: Rating = { score: input.score, atMs: instantMs(input.at) };
  if (input.comment !== undefined) rating.comment = input.comment;
  if (input.by !== undefined) rating.by = input.by;
  return rating;
}

function normalizeEvent(event: HistoryEventInput): HistoryEvent {
  const atMs = instantMs(event.at);
  switch (event.kind) {
    case 'status':
      return { atMs, kind: 'status', to: event.to, from: event.from, by: event.by };
    case 'response':
      return { atMs, kind: 'response', by: event.by };
    case 'priority':
      return { atMs, kind: 'priority', to: event.to, from: event.from };
    case 'type':
      return { atMs, kind: 'type', to: event.to, from: event.from };
    case 'estimate':
      return { atMs, kind: 'estimate', minutes: event.minutes };
    case 'line':
      return { atMs, kind: 'line', to: event.to };
  }
}

/** The issues of a history file that are valid, and the problems of those that are not. */
export interface ParsedIssues {
  issues: IssueHistory[];
  problems: ValidationIssue[];
}

/**
 * Validates a history document (`{"issues": [...]}`) issue by issue: a bad issue is reported with
 * its path (`issues[3].events[2].at`) and the others are kept, so one typo loses nothing else.
 *
 * @example
 * const { issues, problems } = parseIssueHistories(JSON.parse(text));
 * if (problems.length) console.error(formatIssues(problems));
 */
export function parseIssueHistories(document: unknown): ParsedIssues {
  const file = issuesFileSchema.safeParse(document);
  if (!file.success) return { issues: [], problems: issuesFromZodError(file.error) };
  const issues: IssueHistory[] = [];
  const problems: ValidationIssue[] = [];
  const seenKeys = new Map<string, number>();
  file.data.issues.forEach((raw, index) => {
    const reserved = reservedKeyIssues(raw, ['issues', index]);
    if (reserved.length > 0) {
      problems.push(...reserved);
      return;
    }
    const parsed = issueHistorySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...issuesFromZodError(parsed.error, ['issues', index]));
      return;
    }
    const firstIndex = seenKeys.get(parsed.data.key);
    if (firstIndex !== undefined) {
      problems.push({
        code: 'duplicate_key',
        path: ['issues', index, 'key'],
        message: `issue key "${parsed.data.key}" already appears at issues[${firstIndex}]: keys must be unique`,
      });
      return;
    }
    seenKeys.set(parsed.data.key, index);
    issues.push({ ...normalizeIssueHistory(parsed.data), sourceIndex: index });
  });
  return { issues, problems };
}
