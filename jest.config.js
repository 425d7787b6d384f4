/** @type {import('jest').Config} */
// p-retry and its dependency ship as ESM only; ts-jest transpiles them to CommonJS for jest's module system.
const esmOnlyPackages = ['p-retry', 'is-network-error', 'ical.js'];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: { allowJs: true, jsx: 'react-jsx' }, diagnostics: false }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  testTimeout: 30000,
};
