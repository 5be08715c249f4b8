/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only (no type check per file: `npm run typecheck` does that once for the whole project).
  transform: { '^.+\\.(ts|m?js)$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }] },
  // Cucumber's Gherkin packages ship as ES modules only; compile them to CommonJS like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!(@cucumber|gremlin|jose)/)'],
  // Suites start real servers on ephemeral ports; a hung socket must fail the run, not stall CI.
  testTimeout: 30000,
};
