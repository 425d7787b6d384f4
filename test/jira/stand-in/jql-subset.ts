/**
 * The part of JQL the app sends, evaluated in memory for the Jira stand-in. Anything
 * outside it is refused with Jira-like messages, so a query the stand-in cannot judge
 * fails a test instead of silently matching everything.
 */
import { DateTime } from 'luxon';

/** What a JQL clause can look at in one issue. */
export interface JqlIssueView {
  readonly id: number;
  readonly key: string;
  readonly project: { readonly id: string; readonly key: string; readonly name: string };
  readonly status: {
    readonly id: string;
    readonly name: string;
    readonly categoryKey: string;
    readonly categoryName: string;
  };
  readonly priority: { readonly id: string; readonly name: string; readonly rank: number } | null;
  readonly issueType: { readonly id: string; readonly name: string };
  readonly created: number;
  readonly updated: number;
  readonly resolved: number | null;
  readonly assignee: string | null;
  readonly reporter: string | null;
  readonly labels: readonly string[];
  /** Issue properties by key, for the apps' indexed property aliases. */
  readonly properties?: ReadonlyMap<string, unknown>;
}

/** A parsed query: a filter and an ordering. */
export interface JqlQuery {
  matches(issue: JqlIssueView): boolean;
  compare(a: JqlIssueView, b: JqlIssueView): number;
}

/** JQL the subset cannot parse or does not support; the stand-in answers 400 with it. */
export class JqlSubsetError extends Error {
  readonly code = 'jql_unsupported';
  constructor(message: string) {
    super(message);
    this.name = 'JqlSubsetError';
  }
}

interface Token {
  readonly kind: 'word' | 'string' | 'op' | 'paren' | 'comma';
  readonly text: string;
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j];
        j++;
      }
      if (j >= jql.length) throw new JqlSubsetError(`Error in the JQL Query: unterminated string at character ${i}.`);
      tokens.push({ kind: 'string', text });
      i = j + 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', text: c });
      i++;
    } else if (c === ',') {
      tokens.push({ kind: 'comma', text: c });
      i++;
    } else if (/[!<>=~]/.test(c)) {
      const two = jql.slice(i, i + 2);
      const op = ['!=', '>=', '<=', '!~'].includes(two) ? two : c;
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      let j = i;
      while (j < jql.length && /[^\s()=!<>~,"']/.test(jql[j])) j++;
      tokens.push({ kind: 'word', text: jql.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'not in' | 'is' | 'is not';
type Predicate = (issue: JqlIssueView) => boolean;

const FIELD_ALIASES: Readonly<Record<string, string>> = {
  issue: 'key',
  project: 'project',
  key: 'key',
  issuekey: 'key',
  id: 'key',
  status: 'status',
  statuscategory: 'statusCategory',
  priority: 'priority',
  issuetype: 'issuetype',
  type: 'issuetype',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  resolved: 'resolved',
  resolutiondate: 'resolved',
  assignee: 'assignee',
  reporter: 'reporter',
  labels: 'labels',
};

const DATE_FIELDS = new Set(['created', 'updated', 'resolved']);
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const SYMBOL_OPERATORS: Readonly<Record<string, Operator>> = {
  '=': '=',
  '!=': '!=',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

/**
 * Jira pushes NOT down to the clauses (De Morgan) and inverts their operators, so `NOT a = 1` is
 * `a != 1`: like `!=`, it never matches an issue where the field is empty.
 */
const INVERSE: Readonly<Record<Operator, Operator>> = {
  '=': '!=',
  '!=': '=',
  '>': '<=',
  '>=': '<',
  '<': '>=',
  '<=': '>',
  in: 'not in',
  'not in': 'in',
  is: 'is not',
  'is not': 'is',
};

/** An app's indexed issue property value (`jira:entityProperty`), searchable under its alias. */
export interface PropertyAlias {
  readonly propertyKey: string;
  readonly path: string;
  readonly type: 'string' | 'date' | 'number' | 'text' | 'user';
}

/** An app's JQL function as Jira calls it: arguments and operator in, a JQL fragment or an error out. */
export type AppJqlFunction = (call: {
  clause: { field: string; operator: string; arguments: string[] };
}) => Promise<{ jql: string } | { error: string }> | { jql: string } | { error: string };

export interface JqlContext {
  /** For relative dates such as `-1d`. */
  readonly now: number;
  /** Zone in which `"yyyy-MM-dd HH:mm"` literals are read (Jira uses the caller's zone). */
  readonly timeZone: string;
  /** Search aliases of installed apps' issue properties, by alias. */
  readonly propertyAliases?: Readonly<Record<string, PropertyAlias>>;
  /**
   * Installed apps' JQL functions by name, already answered: Jira calls the app first and replaces
   * the call with the returned fragment (see `resolveAppFunctions`).
   */
  readonly appFunctions?: Readonly<Record<string, string>>;
}

/** A value as written in the query: quoting changes what a number means in a date clause. */
interface JqlValue {
  readonly text: string;
  readonly quoted: boolean;
}

/** The four formats Jira documents for date clauses, read in the searching user's time zone. */
const DATE_FORMATS: readonly string[] = ['yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'];

/** A relative period (`-1d`, `"4w 2d"`, `"-90"`: minutes when no unit) in milliseconds, or null. */
function periodMs(text: string): number | null {
  const whole = /^([+-]?)((?:\d+[wdhm]?\s*)+)$/.exec(text);
  if (!whole) return null;
  let total = 0;
  for (const part of whole[2].matchAll(/(\d+)([wdhm]?)/g)) total += Number(part[1]) * UNIT_MS[part[2] || 'm'];
  return whole[1] === '-' ? -total : total;
}

/**
 * A date clause's value as Jira reads it (Jira Cloud "JQL fields", Created/Updated/Resolved): an
 * unquoted number is milliseconds after the epoch; a quoted one is a period in minutes; a period
 * (`w`, `d`, `h`, `m`) counts from now; otherwise one of the four formats, in the caller's time zone.
 * Anything else is refused with Jira's message, so an undocumented form fails a test.
 */
function parseDate(value: JqlValue, field: string, context: JqlContext): number {
  const text = value.text.trim();
  if (!value.quoted && text === 'now()') return context.now;
  if (!value.quoted && /^\d+$/.test(text)) return Number(text);
  const period = periodMs(text);
  if (period !== null) return context.now + period;
  for (const format of DATE_FORMATS) {
    const parsed = DateTime.fromFormat(text, format, { zone: context.timeZone });
    if (parsed.isValid) return parsed.toMillis();
  }
  throw new JqlSubsetError(
    `Date value '${value.text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function textValuesOf(field: string, issue: JqlIssueView): string[] {
  switch (field) {
    case 'project':
      return [issue.project.id, issue.project.key, issue.project.name];
    case 'key':
      return [issue.key, String(issue.id)];
    case 'status':
      return [issue.status.id, issue.status.name];
    case 'statusCategory':
      return [issue.status.categoryKey, issue.status.categoryName];
    case 'priority':
      return issue.priority ? [issue.priority.id, issue.priority.name] : [];
    case 'issuetype':
      return [issue.issueType.id, issue.issueType.name];
    case 'assignee':
      return issue.assignee ? [issue.assignee] : [];
    case 'reporter':
      return issue.reporter ? [issue.reporter] : [];
    default:
      return [];
  }
}

function dateOf(field: string, issue: JqlIssueView): number | null {
  return field === 'created' ? issue.created : field === 'updated' ? issue.updated : issue.resolved;
}

function clause(field: string, op: Operator, written: readonly JqlValue[], context: JqlContext): Predicate {
  const values = written.map((value) => value.text);
  const isEmpty = values.length === 1 && (same(values[0], 'EMPTY') || same(values[0], 'NULL'));
  if (op === 'is' || op === 'is not') {
    if (!isEmpty) throw new JqlSubsetError(`The operator '${op}' only supports EMPTY or NULL.`);
    const empty = (issue: JqlIssueView) =>
      field === 'labels'
        ? issue.labels.length === 0
        : DATE_FIELDS.has(field)
          ? dateOf(field, issue) === null
          : textValuesOf(field, issue).length === 0;
    return op === 'is' ? empty : (issue) => !empty(issue);
  }
  if (DATE_FIELDS.has(field)) {
    if (op === 'in' || op === 'not in')
      throw new JqlSubsetError(`The operator '${op}' is not supported by the '${field}' field.`);
    const bound = parseDate(written[0], field, context);
    return (issue) => {
      const at = dateOf(field, issue);
      if (at === null) return false;
      switch (op) {
        case '=':
          return at === bound;
        case '!=':
          return at !== bound;
        case '>':
          return at > bound;
        case '>=':
          return at >= bound;
        case '<':
          return at < bound;
        default:
          return at <= bound;
      }
    };
  }
  if (op !== '=' && op !== '!=' && op !== 'in' && op !== 'not in') {
    throw new JqlSubsetError(`The operator '${op}' is not supported by the '${field}' field.`);
  }
  const positive = op === '=' || op === 'in';
  const hit =
    field === 'labels'
      ? (issue: JqlIssueView) => issue.labels.some((label) => values.includes(label))
      : (issue: JqlIssueView) => textValuesOf(field, issue).some((text) => values.some((value) => same(text, value)));
  const hasValue = (issue: JqlIssueView) =>
    field === 'labels' ? issue.labels.length > 0 : textValuesOf(field, issue).length > 0;
  // As in Jira, `!=` and `not in` match only issues that have a value: `assignee != a1` leaves out the unassigned.
  return positive ? hit : (issue) => hasValue(issue) && !hit(issue);
}

/** The value at a dotted path of a property, or undefined. */
function propertyValue(issue: JqlIssueView, alias: PropertyAlias): unknown {
  let value: unknown = issue.properties?.get(alias.propertyKey);
  for (const step of alias.path.split('.'))
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[step] : undefined;
  return value;
}

/**
 * A clause on an indexed property alias: strings compare case-insensitively (booleans as "true"/"false"),
 * dates by instant; an issue without the value matches only `is EMPTY` (as in Jira, also not `!=`).
 */
function propertyClause(
  alias: PropertyAlias,
  op: Operator,
  written: readonly JqlValue[],
  context: JqlContext,
): Predicate {
  const values = written.map((value) => value.text);
  const raw = (issue: JqlIssueView) => {
    const value = propertyValue(issue, alias);
    return value === undefined || value === null ? null : value;
  };
  if (op === 'is' || op === 'is not') {
    if (!(values.length === 1 && (same(values[0], 'EMPTY') || same(values[0], 'NULL'))))
      throw new JqlSubsetError(`The operator '${op}' only supports EMPTY or NULL.`);
    return op === 'is' ? (issue) => raw(issue) === null : (issue) => raw(issue) !== null;
  }
  if (alias.type === 'date' || alias.type === 'number') {
    if (op === 'in' || op === 'not in')
      throw new JqlSubsetError(`The operator '${op}' is not supported by this property.`);
    const bound = alias.type === 'date' ? parseDate(written[0], alias.path, context) : Number(values[0]);
    return (issue) => {
      const value = raw(issue);
      if (value === null) return false;
      const at = alias.type === 'date' ? Date.parse(String(value)) : Number(value);
      return op === '='
        ? at === bound
        : op === '!='
          ? at !== bound
          : op === '>'
            ? at > bound
            : op === '>='
              ? at >= bound
              : op === '<'
                ? at < bound
                : at <= bound;
    };
  }
  if (op !== '=' && op !== '!=' && op !== 'in' && op !== 'not in')
    throw new JqlSubsetError(`The operator '${op}' is not supported by this property.`);
  const positive = op === '=' || op === 'in';
  return (issue) => {
    const value = raw(issue);
    if (value === null) return false;
    const hit = values.some((candidate) => same(String(value), candidate));
    return positive ? hit : !hit;
  };
}

/**
 * Calls the apps' JQL functions found in a query as Jira does before searching, and returns their
 * answers keyed by call for `JqlContext.appFunctions`; an app's error is thrown as Jira's 400 would be.
 */
export async function resolveAppFunctions(
  jql: string,
  functions: Readonly<Record<string, AppJqlFunction>>,
): Promise<Record<string, string>> {
  const tokens = tokenize(jql);
  const answers: Record<string, string> = {};
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (!same(tokens[i].text, 'issue')) continue;
    let j = i + 1;
    let op = '';
    if (same(tokens[j].text, 'in')) op = 'in';
    else if (same(tokens[j].text, 'not') && same(tokens[j + 1]?.text ?? '', 'in')) {
      op = 'not in';
      j++;
    } else continue;
    const name = tokens[j + 1];
    const fn = name ? functions[name.text] : undefined;
    if (!fn || tokens[j + 2]?.text !== '(') continue;
    const args: string[] = [];
    let k = j + 3;
    while (k < tokens.length && tokens[k].text !== ')') {
      if (tokens[k].kind !== 'comma') args.push(tokens[k].text);
      k++;
    }
    const answer = await fn({ clause: { field: 'issue', operator: op, arguments: args } });
    if ('error' in answer) throw new JqlSubsetError(answer.error);
    answers[`${name.text}(${args.map((arg) => JSON.stringify(arg)).join(',')}) ${op}`] = answer.jql;
  }
  return answers;
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly context: JqlContext,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new JqlSubsetError('Error in the JQL Query: The query ends unexpectedly.');
    return token;
  }

  private isWord(text: string, offset = 0): boolean {
    const token = this.tokens[this.index + offset];
    return token?.kind === 'word' && same(token.text, text);
  }

  atOrderBy(): boolean {
    return this.isWord('order') && this.isWord('by', 1);
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  /**
   * Terms joined by OR. `negated`: under a NOT, pushed down as Jira does (De Morgan): OR becomes AND
   * and each clause takes the inverse operator, so an empty field matches neither `a = 1` nor `NOT a = 1`.
   */
  expression(negated = false): Predicate {
    let left = this.term(negated);
    while (this.isWord('or')) {
      this.index++;
      const right = this.term(negated);
      const l = left;
      left = negated ? (issue) => l(issue) && right(issue) : (issue) => l(issue) || right(issue);
    }
    return left;
  }

  private term(negated: boolean): Predicate {
    let left = this.factor(negated);
    while (this.isWord('and')) {
      this.index++;
      const right = this.factor(negated);
      const l = left;
      left = negated ? (issue) => l(issue) || right(issue) : (issue) => l(issue) && right(issue);
    }
    return left;
  }

  private factor(negated: boolean): Predicate {
    if (this.isWord('not')) {
      this.index++;
      return this.factor(!negated);
    }
    const token = this.peek();
    if (token?.kind === 'paren' && token.text === '(') {
      this.index++;
      const inner = this.expression(negated);
      const close = this.next();
      if (close.text !== ')')
        throw new JqlSubsetError(`Error in the JQL Query: Expecting ')' but got '${close.text}'.`);
      return inner;
    }
    return this.clause(negated);
  }

  private value(): JqlValue {
    const token = this.next();
    if (token.kind !== 'word' && token.kind !== 'string')
      throw new JqlSubsetError(`Error in the JQL Query: Expecting a value but got '${token.text}'.`);
    const after = this.peek();
    if (token.kind === 'word' && after?.kind === 'paren' && after.text === '(') {
      const close = this.tokens[this.index + 1];
      if (same(token.text, 'now') && close?.text === ')') {
        this.index += 2;
        return { text: 'now()', quoted: false };
      }
      throw new JqlSubsetError(`Unable to find JQL function '${token.text}()'.`);
    }
    return { text: token.text, quoted: token.kind === 'string' };
  }

  /** `issue in slaBreached("resolution")`: the app's answer, parsed in place of the call. */
  private appFunction(op: Operator, negated: boolean): Predicate | null {
    const name = this.peek();
    const open = this.tokens[this.index + 1];
    if (name?.kind !== 'word' || open?.text !== '(' || this.context.appFunctions === undefined) return null;
    const start = this.index;
    this.index += 2;
    const args: string[] = [];
    while (this.peek()?.text !== ')') {
      args.push(this.value().text);
      if (this.peek()?.kind === 'comma') this.index++;
    }
    this.index++;
    const key = `${name.text}(${args.map((arg) => JSON.stringify(arg)).join(',')}) ${op}`;
    const fragment = this.context.appFunctions[key];
    if (fragment === undefined) {
      this.index = start;
      return null;
    }
    return new Parser(tokenize(fragment), { ...this.context, appFunctions: undefined }).expression(negated);
  }

  private clause(negated: boolean): Predicate {
    const fieldToken = this.next();
    const alias = this.context.propertyAliases?.[fieldToken.text];
    const field = alias ? `property:${fieldToken.text}` : FIELD_ALIASES[fieldToken.text.toLowerCase()];
    if (fieldToken.kind !== 'word' && fieldToken.kind !== 'string')
      throw new JqlSubsetError(`Error in the JQL Query: Expecting a field name but got '${fieldToken.text}'.`);
    if (!field)
      throw new JqlSubsetError(`Field '${fieldToken.text}' does not exist or you do not have permission to view it.`);
    let op: Operator;
    const opToken = this.next();
    const symbol = opToken.kind === 'op' ? SYMBOL_OPERATORS[opToken.text] : undefined;
    if (symbol) op = symbol;
    else if (opToken.kind === 'word' && same(opToken.text, 'in')) op = 'in';
    else if (opToken.kind === 'word' && same(opToken.text, 'not') && this.isWord('in')) {
      this.index++;
      op = 'not in';
    } else if (opToken.kind === 'word' && same(opToken.text, 'is')) {
      op = 'is';
      if (this.isWord('not')) {
        this.index++;
        op = 'is not';
      }
    } else throw new JqlSubsetError(`Error in the JQL Query: operator '${opToken.text}' is not supported here.`);

    if ((op === 'in' || op === 'not in') && same(fieldToken.text, 'issue')) {
      const answered = this.appFunction(op, negated);
      if (answered) return answered;
    }
    if (negated) op = INVERSE[op];
    const values: JqlValue[] = [];
    if (op === 'in' || op === 'not in') {
      const open = this.next();
      if (open.text !== '(') throw new JqlSubsetError(`Error in the JQL Query: Expecting '(' after '${op}'.`);
      for (;;) {
        values.push(this.value());
        const separator = this.next();
        if (separator.text === ')') break;
        if (separator.kind !== 'comma')
          throw new JqlSubsetError(`Error in the JQL Query: Expecting ',' or ')' but got '${separator.text}'.`);
      }
    } else {
      values.push(this.value());
    }
    return alias ? propertyClause(alias, op, values, this.context) : clause(field, op, values, this.context);
  }

  orderBy(): { field: string; descending: boolean }[] {
    this.index += 2;
    const order: { field: string; descending: boolean }[] = [];
    for (;;) {
      const token = this.next();
      const field = FIELD_ALIASES[token.text.toLowerCase()];
      if (!field || field === 'labels' || field === 'assignee' || field === 'reporter')
        throw new JqlSubsetError(`Not able to sort using field '${token.text}'.`);
      let descending = false;
      if (this.isWord('asc') || this.isWord('desc')) descending = same(this.next().text, 'desc');
      order.push({ field, descending });
      const separator = this.peek();
      if (!separator) return order;
      if (separator.kind !== 'comma')
        throw new JqlSubsetError(`Error in the JQL Query: Expecting ',' but got '${separator.text}'.`);
      this.index++;
    }
  }
}

function sortValue(field: string, issue: JqlIssueView): string | number {
  switch (field) {
    case 'key':
      return issue.project.key.padEnd(20, ' ') + String(issue.id).padStart(12, '0');
    case 'project':
      return issue.project.key;
    case 'status':
      return Number(issue.status.id);
    case 'statusCategory':
      return issue.status.categoryKey;
    case 'priority':
      // Jira's "priority DESC" puts the most urgent first; rank 0 is the most urgent.
      return issue.priority ? -issue.priority.rank : Number.NEGATIVE_INFINITY;
    case 'issuetype':
      return issue.issueType.name;
    default:
      return dateOf(field, issue) ?? Number.NEGATIVE_INFINITY;
  }
}

/**
 * Parses the supported JQL: clauses on project, key, status, statusCategory, priority,
 * issuetype, created/updated/resolved, assignee, reporter and labels, combined with
 * AND / OR / NOT and parentheses, and an ORDER BY. Without ORDER BY issues come in id order.
 *
 * @example
 * ```ts
 * const query = parseJqlSubset('project in (SUP, OPS) AND statusCategory != Done AND updated >= "2026-11-01 09:00" ORDER BY updated DESC', { now: Date.now(), timeZone: 'UTC' });
 * issues.filter((issue) => query.matches(issue)).sort(query.compare);
 * ```
 */
export function parseJqlSubset(jql: string, context: JqlContext): JqlQuery {
  const parser = new Parser(tokenize(jql), context);
  let matches: Predicate = () => true;
  if (!parser.atEnd() && !parser.atOrderBy()) matches = parser.expression();
  let order: { field: string; descending: boolean }[] = [];
  if (parser.atOrderBy()) order = parser.orderBy();
  if (!parser.atEnd()) throw new JqlSubsetError('Error in the JQL Query: unexpected text after the query.');
  return {
    matches,
    compare: (a, b) => {
      for (const { field, descending } of order) {
        const x = sortValue(field, a);
        const y = sortValue(field, b);
        if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
      }
      return a.id - b.id;
    },
  };
}
