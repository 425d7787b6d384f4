import { z } from 'zod';

/** The clocks JQL functions accept, and their per-clock property aliases (manifest: `jira:entityProperty`). */
const CLOCK_ALIAS = { reaction: 'Reaction', start: 'Start', resolution: 'Resolution' } as const;
type ClockArgument = keyof typeof CLOCK_ALIAS;

/** Names of the app's JQL functions (manifest: `jira:jqlFunction`). */
export const SLA_JQL_FUNCTIONS = ['slaBreached', 'slaAtRisk', 'slaDueWithin', 'slaOverLimit'] as const;
export type SlaJqlFunction = (typeof SLA_JQL_FUNCTIONS)[number];

/** What Jira sends for `issue in slaBreached("resolution")`: the clause with its operator and arguments. */
export const jqlFunctionCallSchema = z.object({
  clause: z.object({
    field: z.string().optional(),
    operator: z.string(),
    arguments: z.array(z.string()).default([]),
  }),
});

/** Jira replaces the function call with `jql`, or shows `error` under the query. */
export type JqlFunctionAnswer = { readonly jql: string } | { readonly error: string };

const DURATION = /^\s*(\d+)\s*([mhdw])\s*$/i;

function clockOf(argument: string | undefined): ClockArgument | null | { error: string } {
  if (argument === undefined || argument.trim() === '') return null;
  const name = argument.trim().toLowerCase();
  if (name in CLOCK_ALIAS) return name as ClockArgument;
  return { error: `unknown clock "${argument}": use reaction, start or resolution` };
}

function stateAlias(clock: ClockArgument | null): string {
  return clock === null ? 'slaState' : `sla${CLOCK_ALIAS[clock]}State`;
}

function dueAlias(clock: ClockArgument | null): string {
  return clock === null ? 'slaDueAt' : `sla${CLOCK_ALIAS[clock]}DueAt`;
}

/** A positive match (`issue in fn(...)`) and the alias it reads, whose emptiness `not in` must also match. */
type PositiveMatch = { readonly jql: string; readonly alias: string } | { readonly error: string };

/** The JQL for a positive match (`issue in fn(...)`), or an error naming the bad argument. */
function positiveJql(name: SlaJqlFunction, args: readonly string[]): PositiveMatch {
  switch (name) {
    case 'slaBreached':
    case 'slaAtRisk': {
      const clock = clockOf(args[0]);
      if (clock !== null && typeof clock === 'object') return clock;
      const alias = stateAlias(clock);
      return { jql: `${alias} = ${name === 'slaBreached' ? 'breached' : 'at_risk'}`, alias };
    }
    case 'slaDueWithin': {
      const duration = DURATION.exec(args[0] ?? '');
      if (!duration)
        return { error: `slaDueWithin needs a period such as "2h", "30m", "1d" or "1w" (got "${args[0] ?? ''}")` };
      const clock = clockOf(args[1]);
      if (clock !== null && typeof clock === 'object') return clock;
      const alias = dueAlias(clock);
      // Relative to the moment Jira runs the search, so the answer does not age in Jira's precomputation cache.
      return { jql: `${alias} >= now() AND ${alias} <= "+${duration[1]}${duration[2].toLowerCase()}"`, alias };
    }
    case 'slaOverLimit':
      if (args.length > 0) return { error: 'slaOverLimit takes no arguments' };
      return { jql: 'slaOverLimit = true', alias: 'slaOverLimit' };
  }
}

/**
 * Answers one of the app's JQL functions with JQL over the app's indexed issue property, so Jira does
 * the search itself: nothing is read, and the answer depends only on the call.
 *
 * @example
 * slaJqlFunction('slaBreached', { clause: { operator: 'in', arguments: ['resolution'] } }); // { jql: 'slaResolutionState = breached' }
 * slaJqlFunction('slaDueWithin', { clause: { operator: 'in', arguments: ['2h'] } });         // { jql: 'slaDueAt >= now() AND slaDueAt <= "+2h"' }
 */
export function slaJqlFunction(name: SlaJqlFunction, call: unknown): JqlFunctionAnswer {
  const parsed = jqlFunctionCallSchema.safeParse(call);
  if (!parsed.success) return { error: `${name}: Jira sent a call the app cannot read` };
  const { operator } = parsed.data.clause;
  if (operator !== 'in' && operator !== 'not in')
    return { error: `${name} works with "in" and "not in" (got "${operator}")` };
  const answer = positiveJql(name, parsed.data.clause.arguments);
  if ('error' in answer) return { error: `${name}: ${answer.error}` };
  if (operator === 'in') return { jql: answer.jql };
  // Jira's NOT never matches an issue without the property (an unserved one, or one not yet
  // evaluated), while `issue not in slaBreached()` means every issue that is not breached.
  return { jql: `(NOT (${answer.jql}) OR ${answer.alias} IS EMPTY)` };
}
