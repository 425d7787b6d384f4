import { hasEntry } from '../errors/safe-record';
import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { HistoryEvent, IssueHistory } from '../history/issue-history';

/**
 * The issue with priorities and request types the catalog does not know replaced by the defaults:
 * the contract's `defaultPriority`, else the catalog's `defaults.priority`; the catalog's
 * `defaults.type`. Without a default the unknown value stays, and the issue is reported as invalid.
 * Returns the issue itself when nothing needs replacing (the common case allocates nothing).
 *
 * @example
 * applyCatalogDefaults(catalog, { ...issue, priority: 'Blocker' }).priority; // 'normal' with defaults.priority: normal
 */
export function applyCatalogDefaults(catalog: CompiledCatalog, issue: IssueHistory): IssueHistory {
  const known = catalog.catalog;
  const fallbackPriority = catalog.contract(issue.contractId)?.contract.defaultPriority ?? known.defaults?.priority;
  const fallbackType = known.defaults?.type;
  const priorityOf = (priority: string): string =>
    fallbackPriority !== undefined && !known.priorities.includes(priority) ? fallbackPriority : priority;
  const typeOf = (type: string): string =>
    fallbackType !== undefined && !hasEntry(known.requestTypes, type) ? fallbackType : type;
  let changed = priorityOf(issue.priority) !== issue.priority || typeOf(issue.type) !== issue.type;
  for (const event of issue.events) {
    if (
      (event.kind === 'priority' && priorityOf(event.to) !== event.to) ||
      (event.kind === 'type' && typeOf(event.to) !== event.to)
    )
      changed = true;
  }
  if (!changed) return issue;
  const events = issue.events.map((event): HistoryEvent => {
    if (event.kind === 'priority') return { ...event, to: priorityOf(event.to) };
    if (event.kind === 'type') return { ...event, to: typeOf(event.to) };
    return event;
  });
  return { ...issue, priority: priorityOf(issue.priority), type: typeOf(issue.type), events };
}
