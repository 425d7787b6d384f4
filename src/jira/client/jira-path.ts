/**
 * Fills a path template such as `/rest/api/3/issue/{issueIdOrKey}` with percent-encoded
 * parameters, so a key like `a/b` can never walk to another endpoint.
 *
 * @example
 * ```ts
 * buildJiraPath('/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', { issueIdOrKey: 'SUP-1', propertyKey: 'sla state' });
 * // '/rest/api/3/issue/SUP-1/properties/sla%20state'
 * ```
 */
export function buildJiraPath(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined || String(value) === '')
      throw new RangeError(`path parameter ${name} of ${template} is empty`);
    return encodeURIComponent(String(value));
  });
}
