import type { RedmineJournal } from '../schemas';
import { parseEscalationMarkers } from './escalation-marker';
import type { RedmineDirectory } from './redmine-directory';

/** Issue attributes an escalation changes, in the same journal as its marker note. */
const ESCALATION_ATTRIBUTES: ReadonlySet<string> = new Set(['assigned_to_id', 'priority_id']);

/**
 * Whether a journal is one of the worker's own writes, judged by what it changes rather than by
 * who made it: made with the worker's key, touching only the worker's custom fields, or an
 * escalation (a note carrying an escalation marker, with the reassignment and the raised priority
 * that go with it). A person working under the same account (an admin who also resolves issues)
 * makes journals that fail this test, so their status changes and notes count like anyone else's.
 *
 * @example
 * isOwnJournal({ id: 1, user: { id: 1, name: 'Admin' }, created_on: '…', details: [{ property: 'cf', name: '3', old_value: '', new_value: 'running' }] }, directory); // true when user 1 is the worker and field 3 is its
 */
export function isOwnJournal(journal: RedmineJournal, directory: RedmineDirectory): boolean {
  if (journal.user?.id !== directory.workerUser.id) return false;
  const notes = journal.notes?.trim() ?? '';
  const escalation = notes !== '' && parseEscalationMarkers(notes).length > 0;
  if (notes !== '' && !escalation) return false;
  return journal.details.every((detail) => {
    if (detail.property === 'cf') return directory.fieldKeyById.has(Number(detail.name));
    return escalation && detail.property === 'attr' && ESCALATION_ATTRIBUTES.has(detail.name);
  });
}
