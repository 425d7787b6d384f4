import { FIELD_KEYS, type RedmineDirectory } from './redmine-directory';
import { listingFingerprint } from './cached-issue-from-redmine';
import type { RedmineIssue } from '../schemas';
import type { CachedIssue } from './worker-state-schema';

/**
 * What a listing must show of an issue right after the worker's own write: the values it had when
 * read (status, tracker, priority, assignee, project, estimate) with the worker's fields as written.
 */
export function fingerprintAfterWrite(cached: CachedIssue): string {
  const before: unknown = JSON.parse(cached.fingerprint);
  if (!Array.isArray(before) || before.length !== 7) return '';
  const fields = Object.fromEntries(FIELD_KEYS.map((key) => [key, cached.fields[key]]));
  return JSON.stringify([...before.slice(0, 6), fields]);
}

/**
 * Whether a listed issue (from the listing of changes last made with the worker's key) is the echo
 * of the worker's own confirmed write to `cached`: nothing the listing shows differs from the
 * values read before the write and the fields written. A change someone made in between shows
 * as another value and sends the issue to a full read instead.
 *
 * @example
 * if (confirmsOwnWrite(cached, listed, directory)) state.issues[id] = { ...cached, updatedOn: listed.updated_on, fingerprint: listingFingerprint(listed, directory), awaitingEcho: undefined };
 */
export function confirmsOwnWrite(cached: CachedIssue, listed: RedmineIssue, directory: RedmineDirectory): boolean {
  return (
    cached.awaitingEcho === true &&
    listed.id === cached.id &&
    listingFingerprint(listed, directory) === fingerprintAfterWrite(cached)
  );
}
