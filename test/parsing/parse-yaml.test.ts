import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlText } from '../../src/parsing/parse-yaml';

const BILLION_LAUGHS = readFileSync(join(__dirname, '..', 'fixtures', 'cli', 'billion-laughs.yml'), 'utf8');

describe('parseYamlText', () => {
  it('reports a billion-laughs document as a problem at the path of the amplifying alias, in well under a second', () => {
    const started = Date.now();
    const result = parseYamlText(BILLION_LAUGHS, { merge: true });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'yaml_alias_limit',
          path: ['priorities', 0],
          message: expect.stringContaining('1.1e8 of them through alias *h here'),
        },
      ],
    });
  });

  it('reports a wide alias fan-out that yaml itself would refuse, instead of throwing', () => {
    const fanOut = [
      'base: &base { reaction: 60, resolution: 480 }',
      `list: [${Array.from({ length: 20_000 }, () => '*base').join(', ')}]`,
    ].join('\n');
    const result = parseYamlText(fanOut);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual(['yaml_alias_limit']);
  });

  it('keeps ordinary anchors and merge keys', () => {
    const result = parseYamlText(
      'x-base: &base { reaction: 60 }\ntariffs:\n  a: { <<: *base, resolution: 480 }\n  b: *base\n',
      { merge: true },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        'x-base': { reaction: 60 },
        tariffs: { a: { reaction: 60, resolution: 480 }, b: { reaction: 60 } },
      },
    });
  });

  it('refuses a text beyond the size limit before parsing it', () => {
    const result = parseYamlText(`note: "${'x'.repeat(200)}"`, {
      maxChars: 100,
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'yaml_too_large',
          path: [],
          message: expect.stringContaining('at most 100 are read'),
        },
      ],
    });
  });

  it('reports syntax errors with line and column, and duplicate keys', () => {
    const result = parseYamlText('a: 1\na: 2\n');
    expect(result.ok ? [] : result.issues).toEqual([
      {
        code: 'yaml_syntax',
        path: [],
        message: expect.stringMatching(/^line 2, column 1: Map keys must be unique/),
      },
    ]);
  });

  it('does not loop on an anchor that refers to itself', () => {
    const result = parseYamlText('a: &a [1, *a]\n');
    expect(result.ok ? 'parsed' : result.issues[0].code).toMatch(/parsed|yaml_/);
  });
});
