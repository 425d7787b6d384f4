import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries, one block per folder of src/. Each names what the folder must not reach;
 * together they keep the engine pure, parsing free of I/O, and each adapter out of the others.
 */
/** Node's I/O modules, bare or `node:`-prefixed (a regex: a gitignore-style `http` would also match `../http/`). */
const NODE_IO = {
  regex: '^(node:|(fs|child_process|http|https|net|os|path|dgram|worker_threads)(/|$))',
};
const HTTP_LIBRARIES = ['axios', 'p-retry'];
const FORGE = ['@forge/*'];
/** Relative imports reaching a top-level folder of src/ from any depth. */
const folder = (name) => [
  `../${name}`,
  `../${name}/*`,
  `../../${name}`,
  `../../${name}/*`,
  `../../../${name}/*`,
  `../../../../${name}/*`,
];

const boundary = (files, message, { nodeIo = false, group }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [...(nodeIo ? [{ ...NODE_IO, message }] : []), { group, message }],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'static/**/build/**',
      'test-output/**',
      '.tmp/**',
      'bin/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-assertions': [
        'error',
        { assertionStyle: 'as', objectLiteralTypeAssertions: 'never' },
      ],
      'no-console': 'off',
    },
  },
  {
    // The engine is pure: luxon and zod, and its own files; nothing else (no I/O, no adapters, no clock library).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(luxon|zod)(/|$)|\\.{1,2}/)',
              message: 'src/core is pure: it imports only luxon, zod and its own files.',
            },
            {
              regex: '^\\.\\./\\.\\./',
              message: 'src/core imports only its own files, never an adapter or a reader.',
            },
          ],
        },
      ],
    },
  },
  boundary(
    ['src/parsing/**/*.ts'],
    'src/parsing is pure text → data, shared by the CLI and the Forge app: no I/O, no clock source, no adapters.',
    {
      nodeIo: true,
      group: [
        ...HTTP_LIBRARIES,
        ...FORGE,
        ...folder('io'),
        ...folder('http'),
        ...folder('cli'),
        ...folder('jira'),
        ...folder('redmine'),
      ],
    },
  ),
  boundary(
    ['src/io/**/*.ts'],
    'src/io reads files for the CLI and the worker: parsing and the core only, no adapters.',
    {
      group: [
        ...HTTP_LIBRARIES,
        ...FORGE,
        ...folder('http'),
        ...folder('cli'),
        ...folder('jira'),
        ...folder('redmine'),
      ],
    },
  ),
  boundary(
    ['src/http/**/*.ts'],
    'src/http is the shared HTTP resilience (retry policy, Retry-After, request stats): no files, no trackers.',
    {
      nodeIo: true,
      group: [
        'axios',
        ...FORGE,
        ...folder('io'),
        ...folder('parsing'),
        ...folder('cli'),
        ...folder('jira'),
        ...folder('redmine'),
      ],
    },
  ),
  boundary(
    ['src/notify/**/*.ts'],
    'src/notify sends messenger messages for both adapters (the worker and the Forge bundle): HTTP comes injected; no files, no axios, no Forge, no tracker.',
    {
      nodeIo: true,
      group: [
        'axios',
        ...FORGE,
        ...folder('io'),
        ...folder('parsing'),
        ...folder('cli'),
        ...folder('jira'),
        ...folder('redmine'),
      ],
    },
  ),
  boundary(
    ['src/jira/**/*.ts', 'src/jira/**/*.tsx'],
    'src/jira is the Forge bundle: no disk or sockets of its own (Forge has none), no file readers, no other adapter.',
    {
      nodeIo: true,
      group: ['axios', 'cli-progress', 'commander', ...folder('io'), ...folder('cli'), ...folder('redmine')],
    },
  ),
  boundary(['src/redmine/**/*.ts'], 'src/redmine is the standalone worker: no Forge, no Jira, no CLI.', {
    group: [...FORGE, ...folder('jira'), ...folder('cli')],
  }),
  boundary(['src/cli/**/*.ts'], 'src/cli is the command line: no Forge and no Jira code.', {
    group: [...FORGE, ...folder('jira')],
  }),
  boundary(['src/index.ts'], 'The library entry exposes the engine, parsing and readers, not the adapters.', {
    group: [...FORGE, './jira/*', './redmine/*', './cli/*'],
  }),
);
