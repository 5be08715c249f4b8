import { compareWithBaseline, type ScenarioResult } from '../../conformance/report';

const result = (name: string, status: 'passed' | 'failed'): ScenarioResult =>
  ({ feature: { path: '/features/x.feature' }, scenario: { name }, outcome: { status } }) as unknown as ScenarioResult;

describe('the conformance baseline', () => {
  it('holds when every recorded scenario still passes', () => {
    const comparison = compareWithBaseline({ passed: 1, scenarios: ['x.feature a'] }, [result('a', 'passed'), result('b', 'failed')]);
    expect(comparison.ok).toBe(true);
  });

  it('fails when a recorded scenario breaks, even if another one now passes and the count holds', () => {
    const comparison = compareWithBaseline({ passed: 1, scenarios: ['x.feature a'] }, [result('a', 'failed'), result('b', 'passed')]);
    expect(comparison.ok).toBe(false);
    expect(comparison.lines).toContain('  no longer passes: x.feature a (failed)');
  });
});
