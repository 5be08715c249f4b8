/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|m?js)$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // Cucumber's Gherkin packages ship as ES modules only; compile them to CommonJS like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!@cucumber/)'],
  // Suites start real servers on ephemeral ports; a hung socket must fail the run, not stall CI.
  testTimeout: 30000,
};
