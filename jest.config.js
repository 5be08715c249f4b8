/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // NEREID_TEST_BACKEND=tinkerpop runs the gateway's HTTP suites against Apache TinkerPop's Gremlin Server
  // instead of the embedded one (test/peers, test/support/nereid.ts).
  testMatch: process.env.NEREID_TEST_BACKEND === 'tinkerpop'
    ? ['<rootDir>/test/{gateway,typed,federation}/**/*.test.ts', '<rootDir>/test/inference/serve.test.ts']
    : ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/peers/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/peers/jest-global-teardown.ts',
  // Transpile only (no type check per file: `npm run typecheck` does that once for the whole project).
  transform: { '^.+\\.(ts|m?js)$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }] },
  // Cucumber's Gherkin packages ship as ES modules only; compile them to CommonJS like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!(@cucumber|gremlin)/)'],
  // Suites start real servers on ephemeral ports; a hung socket must fail the run, not stall CI.
  testTimeout: 30000,
};
