import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Outcome } from './execute';
import type { FeatureFile, Scenario } from './scenario';

export type FinalOutcome = Exclude<Outcome, { status: 'interrupted' }>;

export interface ScenarioResult {
  readonly feature: FeatureFile;
  readonly scenario: Scenario;
  readonly outcome: FinalOutcome;
}

export interface Totals {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/**
 * How a scenario is named in baselines: its feature file's name (unique across the suite) and its own, the
 * same whichever folder the run was pointed at, so a run over `features/map` compares with the full baseline.
 */
const scenarioKey = (feature: FeatureFile, scenario: Scenario) => `${basename(feature.path)} ${scenario.name}`;

export function totals(results: readonly ScenarioResult[]): Totals {
  const count = (status: FinalOutcome['status']) => results.filter((r) => r.outcome.status === status).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

export const totalsLine = (t: Totals) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;

/**
 * One line per feature file with its counts; under it every skipped scenario with its reason, and with
 * `verbose` every failed one with its traversal, what was expected and what came back.
 */
export function featureReport(feature: FeatureFile, results: readonly ScenarioResult[], verbose: boolean): string[] {
  const lines = [`${feature.path}: ${totalsLine(totals(results))}`];
  for (const { scenario, outcome } of results) {
    if (outcome.status === 'skipped') lines.push(`  skipped ${scenario.name}: ${outcome.reason}`);
    if (outcome.status === 'failed' && verbose) {
      lines.push(`  FAILED ${scenario.name} (${feature.path}:${scenario.line})`);
      if (scenario.traversal) lines.push(`    traversal: ${oneLine(scenario.traversal)}`);
      for (const p of scenario.parameters) lines.push(`    parameter ${p.name} = ${p.predicate ? `P.${p.predicate}(${p.value})` : p.value}`);
      lines.push(`    reason:    ${outcome.reason}`);
      if (outcome.expected !== undefined) lines.push(`    expected:  ${outcome.expected}`);
      if (outcome.actual !== undefined) lines.push(`    actual:    ${outcome.actual}`);
    }
  }
  return lines;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** The committed record of what passes: the count CI guards and the names that make a regression legible. */
export interface Baseline {
  readonly passed: number;
  readonly scenarios: readonly string[];
}

export function baselineOf(results: readonly ScenarioResult[]): Baseline {
  const scenarios = results.filter((r) => r.outcome.status === 'passed').map((r) => scenarioKey(r.feature, r.scenario)).sort();
  return { passed: scenarios.length, scenarios };
}

export function readBaseline(file: string): Baseline {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Baseline>;
  if (typeof parsed.passed !== 'number') throw new Error(`${file} has no "passed" count`);
  return { passed: parsed.passed, scenarios: parsed.scenarios ?? [] };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

export interface BaselineComparison {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/**
 * Fails when fewer scenarios pass than the baseline says, counting only scenarios this run selected (so a
 * run over one folder compares with that folder's part of the baseline); names the scenarios that passed
 * before and do not now, also when gains elsewhere hide the drop in the count.
 */
export function compareWithBaseline(baseline: Baseline, results: readonly ScenarioResult[]): BaselineComparison {
  const outcome = new Map(results.map((r) => [scenarioKey(r.feature, r.scenario), r.outcome.status]));
  const listed = baseline.scenarios.length > 0;
  const expected = listed ? baseline.scenarios.filter((k) => outcome.has(k)).length : baseline.passed;
  const passed = results.filter((r) => r.outcome.status === 'passed').length;
  const broken = baseline.scenarios.filter((k) => outcome.has(k) && outcome.get(k) !== 'passed');
  const lines = [`baseline: ${expected} passed before, ${passed} now`];
  for (const key of broken) lines.push(`  no longer passes: ${key} (${outcome.get(key)})`);
  // Strict on purpose: a scenario that passed must keep passing, even when gains elsewhere keep the count up.
  const ok = passed >= expected && broken.length === 0;
  if (passed < expected) lines.push(`FAIL: the pass count dropped below the baseline by ${expected - passed}`);
  if (broken.length > 0) lines.push(`FAIL: ${broken.length} scenario(s) of the baseline no longer pass`);
  return { ok, lines };
}
