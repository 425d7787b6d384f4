import type { MonthlyStatement } from './monthly-statement';

/**
 * How long a published statement may keep showing figures that only time has moved (the working
 * minutes of an open breach) before time alone warrants a new version of the page: one day.
 */
export const TIME_ONLY_REVISION_MS = 24 * 3_600_000;

/** Fields of a statement that move by themselves while nothing happens: the instant, and breached clocks' minutes. */
const SELF_MOVING_FIELDS: ReadonlySet<string> = new Set(['nowMs', 'elapsedMinutes']);

/**
 * What a reader of a monthly statement needs to see change, as canonical text: the whole statement
 * but the evaluation instant and the working minutes spent by breached clocks (an open breach's
 * overdue grows every minute; the live figure is on the issue itself). A new breach — also one that
 * time alone causes —, a resolved or new request, a worklog, a charge or credit amount, an escalation,
 * a rating, a new day on the burn-down, the month's close all change it.
 *
 * @example
 * statementMaterialText(at12h00) === statementMaterialText(at12h10); // true: only the overdue grew
 */
export function statementMaterialText(statement: MonthlyStatement): string {
  return JSON.stringify(statement, (key: string, value: unknown) => (SELF_MOVING_FIELDS.has(key) ? undefined : value));
}

/** The last version of a statement page: its material key and when it was written (or found identical). */
export interface StatementRevision {
  readonly materialKey: string;
  readonly revisedAtMs: number;
}

/**
 * Whether a statement page gets a new version: only when the page would say something else, and
 * either something material changed (or there is no earlier version), or only time moved its
 * figures and the page is older than `timeOnlyRevisionMs`. So refreshes in which only time passes
 * write a page at most once per `timeOnlyRevisionMs` (plus the burn-down's daily step), while a
 * material change is published at the next refresh.
 *
 * @example
 * statementRevisionDue({ previous, materialKey, pageChanged: true, nowMs }); // false within a day of `previous` when only time passed
 */
export function statementRevisionDue(input: {
  previous: StatementRevision | undefined;
  materialKey: string;
  pageChanged: boolean;
  nowMs: number;
  timeOnlyRevisionMs?: number;
}): boolean {
  if (!input.pageChanged) return false;
  if (input.previous === undefined || input.previous.materialKey !== input.materialKey) return true;
  return input.nowMs - input.previous.revisedAtMs >= (input.timeOnlyRevisionMs ?? TIME_ONLY_REVISION_MS);
}
