import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkerState, writeWorkerState } from '../../../src/redmine/worker/worker-state-file';
import { emptyWorkerState } from '../../../src/redmine/worker/worker-state-schema';

const URL = 'https://redmine.example.com';

describe('worker state file', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsla-state-'));
    path = join(dir, 'nested', 'state.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts empty on the first run, without a warning', () => {
    expect(readWorkerState(path, URL)).toEqual({ state: emptyWorkerState(URL), found: false });
  });

  it('writes through a temporary file and rename, leaving nothing else behind, and reads it back', () => {
    const state = emptyWorkerState(URL);
    state.projects.support = { cursor: '2026-11-20T07:00:00Z', pending: [4] };
    writeWorkerState(path, state);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']);
    expect(readWorkerState(path, URL)).toEqual({ state, found: true });
  });

  it('drops a corrupt file with a clear warning: a full resync follows', () => {
    writeWorkerState(path, emptyWorkerState(URL));
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 20));
    const loaded = readWorkerState(path, URL);
    expect(loaded.state).toEqual(emptyWorkerState(URL));
    expect(loaded.warning).toMatch(/is not valid JSON .*starting a full resync/);
  });

  it('drops a file of another format version or another Redmine', () => {
    writeWorkerState(path, emptyWorkerState(URL));
    const other = readWorkerState(path, 'https://other.example.com');
    expect(other.warning).toContain(`belongs to ${URL}, not https://other.example.com`);
    writeFileSync(path, JSON.stringify({ ...emptyWorkerState(URL), version: 99 }));
    expect(readWorkerState(path, URL).warning).toContain("does not match this worker's format (version:");
  });
});
