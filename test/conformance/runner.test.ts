import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The runner end to end, as CI runs it: `tsx conformance/run.ts` over a folder of feature files, through the
 * real driver against the embedded server, checking its report, its exit codes and its baseline file.
 */
const ROOT = join(__dirname, '../..');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(ROOT, 'conformance/run.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NEREID_CONFORMANCE_VERBOSE: '' },
  });
  return { code: result.status, lines: result.stdout.trimEnd().split('\n'), stderr: result.stderr };
}

const scenario = (name: string, body: string) => `  Scenario: ${name}\n${body}\n`;

function feature(marko: string): string {
  return [
    'Feature: runner self-test\n',
    scenario(
      's_pass',
      `    Given the modern graph
    And using the parameter vid1 defined as "v[${marko}].id"
    And the traversal of
      """
      g.V(vid1).values("name")
      """
    When iterated to list
    Then the result should be unordered
      | result |
      | marko |`,
    ),
    scenario(
      's_fail',
      `    Given the modern graph
    And the traversal of
      """
      g.V().count()
      """
    When iterated to list
    Then the result should be ordered
      | result |
      | d[7].l |`,
    ),
    scenario(
      's_skip',
      `    Given the modern graph
    And using the parameter l1 defined as "c[it.get()]"
    And the traversal of
      """
      g.V().map(l1)
      """
    When iterated to list
    Then the result should be empty`,
    ),
    scenario(
      's_empty_graph',
      `    Given the empty graph
    And the graph initializer of
      """
      g.addV("person").property("name", "alice")
      """
    And using the parameter v1 defined as "v[alice]"
    And the traversal of
      """
      g.V(v1).addV("person").property("name", "bob")
      """
    When iterated to list
    Then the result should have a count of 1
    And the graph should return 2 for count of "g.V()"`,
    ),
    scenario(
      's_error',
      `    Given the modern graph
    And the traversal of
      """
      g.V().noSuchStep()
      """
    When iterated to list
    Then the traversal will raise an error`,
    ),
  ].join('\n');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  mkdirSync(join(dir, 'features/sub'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('conformance runner', () => {
  it('reports a line per feature, skips with reasons, failures with --verbose, and the totals last', () => {
    writeFileSync(join(dir, 'features/sub/self.feature'), feature('marko'));
    const { code, lines } = run('--verbose', join(dir, 'features'));
    expect(code).toBe(0);
    expect(lines[0]).toBe('sub/self.feature: 3 passed, 1 failed, 1 skipped');
    expect(lines).toContain('  skipped s_skip: parameter l1 is a lambda (c[...]): Neptune refuses lambdas');
    const failure = lines.indexOf('  FAILED s_fail (sub/self.feature:15)');
    expect(failure).toBeGreaterThan(0);
    expect(lines.slice(failure + 1, failure + 5)).toEqual([
      '    traversal: g.V().count()',
      '    reason:    results differ (ordered)',
      '    expected:  [d[7].l]',
      '    actual:    l[d[6]]',
    ]);
    expect(lines.at(-1)).toBe('3 passed, 1 failed, 1 skipped');
  }, 60_000);

  it('writes a baseline and fails, naming the scenario, when the pass count drops below it', () => {
    const baseline = join(dir, 'baseline.json');
    writeFileSync(join(dir, 'features/sub/self.feature'), feature('marko'));
    expect(run('--write-baseline', '--baseline', baseline, join(dir, 'features')).code).toBe(0);
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual({
      passed: 3,
      scenarios: ['self.feature s_empty_graph', 'self.feature s_error', 'self.feature s_pass'],
    });

    expect(run('--baseline', baseline, join(dir, 'features')).code).toBe(0);

    // v[vadas].id now: s_pass gets vadas's name and fails.
    writeFileSync(join(dir, 'features/sub/self.feature'), feature('vadas'));
    const dropped = run('--baseline', baseline, join(dir, 'features'));
    expect(dropped.code).toBe(1);
    expect(dropped.lines).toContain('  no longer passes: self.feature s_pass (failed)');
    expect(dropped.lines).toContain('FAIL: the pass count dropped below the baseline by 1');
    expect(dropped.lines.at(-1)).toBe('2 passed, 2 failed, 1 skipped');
  }, 60_000);

  it('sends a traversal holding a set as Gremlin text, so the server builds a real set', () => {
    const sets = [
      'Feature: sets\n',
      scenario(
        's_set_side_effect',
        `    Given the modern graph
    And using the parameter xx1 defined as "s[]"
    And the traversal of
      """
      g.withSideEffect("a", xx1).V().values("lang").aggregate("a").cap("a")
      """
    When iterated next
    Then the result should be unordered
      | result |
      | java |`,
      ),
    ].join('\n');
    writeFileSync(join(dir, 'features/sets.feature'), sets);
    for (const serializer of ['graphbinary', 'graphson']) {
      const { lines } = run('--serializer', serializer, join(dir, 'features'));
      expect(lines.at(-1)).toBe('1 passed, 0 failed, 0 skipped');
    }
  }, 60_000);

  it('refuses to run without a folder', () => {
    const { code, stderr } = run();
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: npm run conformance/);
  });
});
