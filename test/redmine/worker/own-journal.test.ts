import { isOwnJournal } from '../../../src/redmine/worker/own-journal';
import type { RedmineDirectory } from '../../../src/redmine/worker/redmine-directory';
import { journal, STAFF_USER, WORKER_USER } from './scripted-redmine-api';

const directory = {
  workerUser: { id: WORKER_USER.id, name: 'Redmine Admin' },
  fieldKeyById: new Map([
    [1, 'state'],
    [7, 'flags'],
  ]),
} as unknown as RedmineDirectory;
const AT = '2026-11-20T07:05:00Z';

describe('isOwnJournal', () => {
  it("takes a change of the worker's fields alone, made with its key, as its own", () => {
    expect(
      isOwnJournal(
        journal(1, AT, WORKER_USER, { details: [{ property: 'cf', name: '1', old_value: '', new_value: 'running' }] }),
        directory,
      ),
    ).toBe(true);
  });

  it('takes an escalation note with its marker, reassignment and priority as its own', () => {
    const escalation = journal(2, AT, WORKER_USER, {
      notes: 'SLA escalation, level 1\n[esc:reaction:L1:c0]',
      details: [
        { property: 'attr', name: 'assigned_to_id', old_value: null, new_value: '51' },
        { property: 'attr', name: 'priority_id', old_value: '2', new_value: '3' },
        { property: 'cf', name: '7', old_value: '', new_value: 'esc:reaction:L1:c0' },
      ],
    });
    expect(isOwnJournal(escalation, directory)).toBe(true);
  });

  it("does not take a person's work under the worker's account for the worker's: a status change, a note, a reassignment without a marker", () => {
    expect(
      isOwnJournal(
        journal(3, AT, WORKER_USER, {
          details: [{ property: 'attr', name: 'status_id', old_value: '1', new_value: '4' }],
        }),
        directory,
      ),
    ).toBe(false);
    expect(isOwnJournal(journal(4, AT, WORKER_USER, { notes: 'Fixed, please check.' }), directory)).toBe(false);
    expect(
      isOwnJournal(
        journal(5, AT, WORKER_USER, {
          details: [{ property: 'attr', name: 'assigned_to_id', old_value: null, new_value: '51' }],
        }),
        directory,
      ),
    ).toBe(false);
    expect(
      isOwnJournal(
        journal(6, AT, WORKER_USER, {
          details: [
            { property: 'cf', name: '1', old_value: '', new_value: 'x' },
            { property: 'attr', name: 'status_id', old_value: '1', new_value: '2' },
          ],
        }),
        directory,
      ),
    ).toBe(false);
  });

  it("never takes a journal by another user as the worker's, even with a marker typed in", () => {
    expect(isOwnJournal(journal(7, AT, STAFF_USER, { notes: '[esc:reaction:L1:c0]' }), directory)).toBe(false);
  });
});
