// NEREID_TEST_BACKEND=tinkerpop or janusgraph: a Gremlin Server of TinkerPop's or JanusGraph's (test/peers).
const remote = ['tinkerpop', 'janusgraph'].includes(process.env.NEREID_TEST_BACKEND);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // NEREID_TEST_BACKEND=tinkerpop runs the gateway's HTTP suites against Apache TinkerPop's Gremlin Server (or
  // janusgraph: JanusGraph's, in-memory) instead of the embedded one (test/peers, test/support/nereid.ts): the
  // suites that start a gateway through startNereid, except those over whole datasets (LDBC, air-routes:
  // 35k-105k elements take minutes to copy into TinkerGraph under load), which test the same paths as the
  // smaller ones. On TinkerPop also the security suites whose rules become traversals (rules, directives, raw
  // Gremlin); authentication, production defaults and trusted documents are decided before any traversal, and
  // every-operation runs its own embedded server.
  testMatch: remote ? ['<rootDir>/test/{gateway,typed,federation}/**/*.test.ts', ...(process.env.NEREID_TEST_BACKEND === 'tinkerpop' ? ['<rootDir>/test/security/{rules,directives,raw-gremlin}.test.ts'] : [])] : ['**/*.test.ts'],
  testPathIgnorePatterns: remote ? ['/node_modules/', '/test/typed/(ldbc-snb|air-routes|cli|schema|operations)\\.test\\.ts$', '/test/gateway/iam\\.test\\.ts$', '/test/federation/(projection|supergraph)\\.test\\.ts$'] : ['/node_modules/'],
  globalSetup: '<rootDir>/test/peers/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/peers/jest-global-teardown.ts',
  // Transpile only (no type check per file: `npm run typecheck` does that once for the whole project).
  transform: { '^.+\\.(ts|m?js)$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }] },
  // Cucumber's Gherkin packages ship as ES modules only; compile them to CommonJS like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!(@cucumber|gremlin|jose)/)'],
  // Suites start real servers on ephemeral ports; a hung socket must fail the run, not stall CI.
  // Against the reference server a gateway's start also copies its data over the driver: more time per test.
  testTimeout: remote ? 120000 : 30000,
};
