import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAdminSettings, type AdminDeps } from '../../../src/jira/app/admin-resolver';
import { MemoryKeyValueStore } from '../../../src/jira/store/memory-key-value-store';

const BILLION_LAUGHS = readFileSync(join(__dirname, '..', '..', 'fixtures', 'cli', 'billion-laughs.yml'), 'utf8');
const NOW = Date.parse('2026-11-20T12:00:00Z');

function adminDeps(): AdminDeps {
  return {
    store: new MemoryKeyValueStore(() => NOW),
    now: () => NOW,
    isJiraAdmin: async () => true,
  };
}

describe('checkAdminSettings', () => {
  it('answers a billion-laughs catalog and mapping with a problem under each editor, not a crash', async () => {
    const mappingBomb = BILLION_LAUGHS.replace('version: 1\n', '').replace('priorities:', 'projects:');
    const answer = await checkAdminSettings(adminDeps(), {
      catalogText: BILLION_LAUGHS,
      mappingText: mappingBomb,
    });
    expect(answer).toEqual({
      ok: true,
      value: {
        catalog: [
          {
            code: 'yaml_alias_limit',
            path: ['priorities', 0],
            message: expect.stringContaining('billion laughs'),
          },
        ],
        mapping: [
          {
            code: 'yaml_alias_limit',
            path: ['projects', 0],
            message: expect.stringContaining('billion laughs'),
          },
        ],
      },
    });
  });
});
