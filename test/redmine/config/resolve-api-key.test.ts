import { resolveApiKey } from '../../../src/redmine/config/resolve-api-key';

const KEY = '0123456789abcdef0123456789abcdef01234567';

describe('resolveApiKey', () => {
  it('reads the key from the named environment variable', () => {
    expect(resolveApiKey({ env: 'REDMINE_API_KEY' }, { env: { REDMINE_API_KEY: `${KEY}\n` } })).toEqual({
      ok: true,
      value: KEY,
    });
  });

  it('says which variable is missing', () => {
    const result = resolveApiKey({ env: 'REDMINE_API_KEY' }, { env: {} });
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'api_key_missing', path: ['redmine', 'apiKey', 'env'] }],
    });
    if (!result.ok) expect(result.issues[0].message).toContain('REDMINE_API_KEY is not set');
  });

  it('reads the first line of a key file', () => {
    expect(resolveApiKey({ file: '/run/secrets/key' }, { env: {}, readFile: () => `${KEY}\n` })).toEqual({
      ok: true,
      value: KEY,
    });
  });

  it('reports an unreadable or empty key file without any key text', () => {
    const missing = resolveApiKey(
      { file: '/run/secrets/key' },
      {
        env: {},
        readFile: () => {
          throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        },
      },
    );
    expect(missing).toMatchObject({
      ok: false,
      issues: [{ message: 'cannot read the API key file /run/secrets/key: file not found' }],
    });
    expect(resolveApiKey({ file: '/run/secrets/key' }, { env: {}, readFile: () => '\n' })).toMatchObject({
      ok: false,
      issues: [{ message: 'the API key file /run/secrets/key is empty' }],
    });
  });
});
