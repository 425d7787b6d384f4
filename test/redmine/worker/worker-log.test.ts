import { createWorkerLog } from '../../../src/redmine/worker/worker-log';

const KEY = 'b5c0e2f1a3d4c5b6a7980f1e2d3c4b5a69788796';

describe('worker log', () => {
  const now = (): number => Date.parse('2026-11-20T10:00:00Z');

  it('writes one JSON line per event with level, time and fields', () => {
    const lines: string[] = [];
    createWorkerLog({ write: (line) => lines.push(line), format: 'json', level: 'info', secrets: [], now }).info(
      'cycle_end',
      { writes: 3 },
    );
    expect(lines).toEqual(['{"ts":"2026-11-20T10:00:00.000Z","level":"info","event":"cycle_end","writes":3}']);
  });

  it('writes logfmt, quoting values with spaces', () => {
    const lines: string[] = [];
    createWorkerLog({ write: (line) => lines.push(line), format: 'logfmt', level: 'info', secrets: [], now }).warn(
      'issue_skipped',
      { issue: 7, reason: 'unknown tracker "Task"' },
    );
    expect(lines).toEqual([
      'ts=2026-11-20T10:00:00.000Z level=warn event=issue_skipped issue=7 reason="unknown tracker \\"Task\\""',
    ]);
  });

  it('never writes the API key, wherever it hides', () => {
    const lines: string[] = [];
    for (const format of ['json', 'logfmt'] as const) {
      const log = createWorkerLog({ write: (line) => lines.push(line), format, level: 'debug', secrets: [KEY], now });
      log.error('cycle_interrupted', {
        message: `GET /issues.json?key=${KEY} failed`,
        nested: { header: `X-Redmine-API-Key: ${KEY}` },
      });
    }
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(KEY);
      expect(line).toContain('[redacted]');
    }
  });

  it('leaves out levels below the threshold', () => {
    const lines: string[] = [];
    const log = createWorkerLog({ write: (line) => lines.push(line), format: 'json', level: 'info', secrets: [], now });
    log.debug('issue_fields', { issue: 1 });
    expect(lines).toEqual([]);
  });
});
