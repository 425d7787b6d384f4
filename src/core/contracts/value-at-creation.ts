/** One recorded change of a multi-valued attribute (names and ids before and after). */
export interface AttributeChange {
  from: readonly string[];
  to: readonly string[];
}

/**
 * The values that decide the contract of an issue, from the attribute's changes (oldest first) and
 * its current values: the values it was created with — the `from` of its first change, or the
 * current values when it never changed. An issue created with the attribute empty takes the first
 * values it was given (a client's organization added by the agent who triaged it), so filling in an
 * empty field is not a move between clients; any later change is, and does not count.
 *
 * @example
 * valuesAtCreation([{ from: ['Alfa LLC'], to: ['Beta JSC'] }], ['Beta JSC']); // ['Alfa LLC']
 * valuesAtCreation([{ from: [], to: ['Beta JSC'] }, { from: ['Beta JSC'], to: ['Gamma'] }], ['Gamma']); // ['Beta JSC']
 */
export function valuesAtCreation(changes: readonly AttributeChange[], current: readonly string[]): readonly string[] {
  if (changes.length === 0) return current;
  if (changes[0].from.length > 0) return changes[0].from;
  for (const change of changes) if (change.to.length > 0) return change.to;
  return current;
}
