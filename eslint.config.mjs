import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'static/**/build/**', 'test-output/**', '.tmp/**', 'bin/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'as', objectLiteralTypeAssertions: 'never' }],
      'no-console': 'off',
    },
  },
  {
    // The engine is pure: no I/O, no adapters, no HTTP.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['fs', 'node:*', 'http', 'https', 'axios', 'p-retry', '@forge/*', '../jira/*', '../redmine/*', '../cli/*', '../../jira/*', '../../redmine/*', '../../cli/*'], message: 'src/core is pure: luxon and zod only, no I/O and no adapter imports.' },
        ],
      }],
    },
  },
);
