/**
 * The part of the Jira expression language the app's manifest uses (workflow condition, display
 * conditions), evaluated in memory for the Jira stand-in: literals, context variables, static and
 * computed member access (also optional, `?.` and `?.[…]`), `==` / `!=` (strict, as in Jira), `&&`,
 * `||`, `!`, the conditional operator, parentheses, and the methods `match(regex)` and `includes(value)`.
 * Anything else is refused, so an expression outside the subset fails a test instead of passing quietly.
 * As in Jira, an evaluation error makes a workflow condition false.
 */

/** An expression the subset cannot parse or evaluate. */
export class JiraExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JiraExpressionError';
  }
}

type Token =
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'op'; readonly text: string };

const OPERATORS = ['?.[', '?.', '==', '!=', '&&', '||', '.', '[', ']', '(', ')', '?', ':', '!', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (/\s/.test(char)) {
      index++;
    } else if (char === '"' || char === "'") {
      let end = index + 1;
      let text = '';
      while (end < source.length && source[end] !== char) {
        if (source[end] === '\\') end++;
        text += source[end];
        end++;
      }
      if (end >= source.length) throw new JiraExpressionError(`unterminated string at ${index}`);
      tokens.push({ kind: 'string', text });
      index = end + 1;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(index))!;
      tokens.push({ kind: 'number', value: Number(match[0]) });
      index += match[0].length;
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(index))!;
      tokens.push({ kind: 'word', text: match[0] });
      index += match[0].length;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, index));
      if (!op) throw new JiraExpressionError(`unexpected "${char}" at ${index}`);
      tokens.push({ kind: 'op', text: op });
      index += op.length;
    }
  }
  return tokens;
}

type Node =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'member'; readonly target: Node; readonly key: Node; readonly optional: boolean }
  | {
      readonly kind: 'call';
      readonly target: Node;
      readonly method: string;
      readonly args: Node[];
      readonly optional: boolean;
    }
  | { readonly kind: 'not'; readonly operand: Node }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly kind: 'conditional'; readonly test: Node; readonly then: Node; readonly otherwise: Node };

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.conditional();
    if (this.position < this.tokens.length) throw new JiraExpressionError('unexpected text after the expression');
    return node;
  }

  private peekOp(text: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === 'op' && token.text === text;
  }

  private expectOp(text: string): void {
    if (!this.peekOp(text)) throw new JiraExpressionError(`expected "${text}"`);
    this.position++;
  }

  private conditional(): Node {
    const test = this.binary(0);
    if (!this.peekOp('?')) return test;
    this.position++;
    const then = this.conditional();
    this.expectOp(':');
    return { kind: 'conditional', test, then, otherwise: this.conditional() };
  }

  private static readonly LEVELS = [['||'], ['&&'], ['==', '!=']];

  private binary(level: number): Node {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = Parser.LEVELS[level].find((candidate) => this.peekOp(candidate));
      if (!op) return left;
      this.position++;
      left = { kind: 'binary', op, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Node {
    if (this.peekOp('!')) {
      this.position++;
      return { kind: 'not', operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private primary(): Node {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new JiraExpressionError('unexpected end of the expression');
    if (token.kind === 'string') return { kind: 'literal', value: token.text };
    if (token.kind === 'number') return { kind: 'literal', value: token.value };
    if (token.kind === 'word') {
      if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' };
      if (token.text === 'null') return { kind: 'literal', value: null };
      return { kind: 'variable', name: token.text };
    }
    if (token.text === '(') {
      const inner = this.conditional();
      this.expectOp(')');
      return inner;
    }
    throw new JiraExpressionError(`unexpected "${token.text}"`);
  }

  private postfix(target: Node): Node {
    for (;;) {
      if (this.peekOp('.') || this.peekOp('?.')) {
        const optional = this.peekOp('?.');
        this.position++;
        const name = this.tokens[this.position++];
        if (name?.kind !== 'word') throw new JiraExpressionError('expected a property name');
        if (this.peekOp('(')) {
          this.position++;
          const args: Node[] = [];
          while (!this.peekOp(')')) {
            args.push(this.conditional());
            if (this.peekOp(',')) this.position++;
          }
          this.position++;
          target = { kind: 'call', target, method: name.text, args, optional };
        } else target = { kind: 'member', target, key: { kind: 'literal', value: name.text }, optional };
      } else if (this.peekOp('[') || this.peekOp('?.[')) {
        const optional = this.peekOp('?.[');
        this.position++;
        const key = this.conditional();
        this.expectOp(']');
        target = { kind: 'member', target, key, optional };
      } else return target;
    }
  }
}

function evaluate(node: Node, context: Readonly<Record<string, unknown>>): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      if (!Object.prototype.hasOwnProperty.call(context, node.name))
        throw new JiraExpressionError(`unknown variable "${node.name}"`);
      return context[node.name];
    case 'member': {
      const target = evaluate(node.target, context);
      if (target === null || target === undefined) {
        if (node.optional) return null;
        throw new JiraExpressionError('member access on null');
      }
      const key = evaluate(node.key, context);
      if (typeof key !== 'string' || typeof target !== 'object') throw new JiraExpressionError('bad member access');
      return Object.prototype.hasOwnProperty.call(target, key) ? (target as Record<string, unknown>)[key] : null;
    }
    case 'call':
      return call(node, context);
    case 'not': {
      const operand = evaluate(node.operand, context);
      if (typeof operand !== 'boolean') throw new JiraExpressionError('"!" needs a Boolean');
      return !operand;
    }
    case 'binary':
      return binary(node.op, node.left, node.right, context);
    case 'conditional': {
      const test = evaluate(node.test, context);
      if (typeof test !== 'boolean') throw new JiraExpressionError('a condition needs a Boolean');
      return evaluate(test ? node.then : node.otherwise, context);
    }
  }
}

function call(node: Extract<Node, { kind: 'call' }>, context: Readonly<Record<string, unknown>>): unknown {
  const target = evaluate(node.target, context);
  if (target === null || target === undefined) {
    if (node.optional) return null;
    throw new JiraExpressionError(`${node.method}() on null`);
  }
  const args = node.args.map((arg) => evaluate(arg, context));
  if (node.method === 'match' && typeof target === 'string' && typeof args[0] === 'string')
    return target.match(new RegExp(args[0], 'g'));
  if (node.method === 'includes' && (Array.isArray(target) || typeof target === 'string'))
    return Array.isArray(target) ? target.includes(args[0]) : typeof args[0] === 'string' && target.includes(args[0]);
  throw new JiraExpressionError(`method ${node.method}() is outside the subset`);
}

function binary(op: string, leftNode: Node, rightNode: Node, context: Readonly<Record<string, unknown>>): unknown {
  const left = evaluate(leftNode, context);
  if (op === '&&' || op === '||') {
    if (typeof left !== 'boolean') throw new JiraExpressionError(`"${op}" needs Booleans`);
    if (op === '&&' ? !left : left) return left;
    const right = evaluate(rightNode, context);
    if (typeof right !== 'boolean') throw new JiraExpressionError(`"${op}" needs Booleans`);
    return right;
  }
  const right = evaluate(rightNode, context);
  // Jira's == is strict: values of different types are an error, except against null.
  if (left !== null && right !== null && typeof left !== typeof right)
    throw new JiraExpressionError(`cannot compare ${typeof left} with ${typeof right}`);
  const same = left === right || (left === undefined && right === null) || (left === null && right === undefined);
  return op === '==' ? same : !same;
}

/**
 * Evaluates a Jira expression of the subset with the given context variables.
 *
 * @example
 * evaluateJiraExpression("issue.properties['x'] != null", { issue: { properties: {} } }); // false
 */
export function evaluateJiraExpression(expression: string, context: Readonly<Record<string, unknown>>): unknown {
  return evaluate(new Parser(tokenize(expression)).parse(), context);
}

/** A workflow condition's answer: true only when the expression evaluates to true; an error or any other value is false. */
export function workflowConditionAllows(expression: string, context: Readonly<Record<string, unknown>>): boolean {
  try {
    return evaluateJiraExpression(expression, context) === true;
  } catch (error) {
    if (error instanceof JiraExpressionError) return false;
    throw error;
  }
}
