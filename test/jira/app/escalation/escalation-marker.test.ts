import type { StatusSets } from '../../../../src/core/catalog/compiled-catalog';
import type { IssueHistory } from '../../../../src/core/history/issue-history';
import { commentReference, cycleAt, escalationMarker } from '../../../../src/jira/escalation/escalation-marker';

const statuses: StatusSets = { initial: 'New', paused: new Set(['Waiting']), working: new Set(['In Progress']), done: new Set(['Resolved', 'Closed']) };
const H = 3_600_000;

const reopened: IssueHistory = {
  key: 'SUP-1',
  contractId: 'client-a',
  type: 'incident',
  priority: 'normal',
  status: 'New',
  createdAtMs: 0,
  events: [
    { atMs: 1 * H, kind: 'status', to: 'In Progress' },
    { atMs: 2 * H, kind: 'status', to: 'Resolved' },
    { atMs: 3 * H, kind: 'status', to: 'Closed' },
    { atMs: 4 * H, kind: 'status', to: 'In Progress' },
  ],
  worklogs: [],
};

describe('escalation markers', () => {
  it('count a cycle for each reopen, not for moves between done statuses', () => {
    expect(cycleAt(reopened, statuses, 3.5 * H)).toBe(0);
    expect(cycleAt(reopened, statuses, 4 * H)).toBe(1);
  });

  it('keep the marker of a level reached before a reopen, so the reopen does not repeat it', () => {
    const step = { level: 2, clock: 'resolution' as const, dueAtMs: 1.5 * H, due: true, actions: [] };
    expect(escalationMarker(reopened, statuses, step)).toBe('0:resolution:2');
    expect(escalationMarker(reopened, statuses, { ...step, dueAtMs: 5 * H })).toBe('1:resolution:2');
  });

  it('name the comment reference after the issue and the marker', () => {
    expect(commentReference('10001', '1:resolution:2')).toBe('sla-esc-10001-1-resolution-2');
  });
});
