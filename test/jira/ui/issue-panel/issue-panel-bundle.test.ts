import { build } from 'esbuild';
import { join } from 'node:path';

describe('the UI Kit issue panel', () => {
  it('bundles for the browser with @forge/react and @forge/bridge, pulling no server code in', async () => {
    const result = await build({
      entryPoints: [join(__dirname, '..', '..', '..', '..', 'src', 'jira', 'ui', 'issue-panel', 'index.tsx')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      jsx: 'automatic',
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs.some((input) => input.includes('node_modules/@forge/react'))).toBe(true);
    // Types only from the resolver side: no engine, client or storage code in the panel; of the core
    // only the clock names, a words table shared with the statements.
    expect(inputs.filter((input) => /src\/(core|jira\/(app|client|store))\//.test(input))).toEqual([
      'src/core/statement/clock-words.ts',
    ]);
  });
});
