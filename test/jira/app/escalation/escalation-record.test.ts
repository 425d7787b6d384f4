import { escalationRecordKey, readEscalationRecord } from '../../../../src/jira/escalation/escalation-runner';
import { MemoryKeyValueStore } from '../../../../src/jira/store/memory-key-value-store';

describe('the escalation record in storage', () => {
  it('still reads a record written before notifications were sent, keeping its done markers and log', async () => {
    const store = new MemoryKeyValueStore(() => 0);
    const planned = {
      marker: '0:resolution:2',
      level: 2,
      clock: 'resolution',
      dueAtMs: 1,
      internalComment: 'kept from the client',
      notify: [{ recipient: 'support_lead', accountIds: ['lead-1'] }],
    };
    await store.set(escalationRecordKey('10000'), {
      done: ['0:resolution:1', '0:resolution:2'],
      attempts: {},
      log: [{ ...planned, doneAtMs: 2 }],
    });

    const record = await readEscalationRecord({ store }, '10000');

    expect(record.done).toEqual(['0:resolution:1', '0:resolution:2']);
    expect(record.log).toEqual([{ marker: '0:resolution:2', level: 2, clock: 'resolution', dueAtMs: 1, doneAtMs: 2 }]);
  });
});
