import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Step } from '@cucumber/messages';

/**
 * A feature file of TinkerPop's Gremlin suite as the runner needs it: each scenario reduced to the graph it
 * starts from, the Gremlin texts it sends (initializer, traversal, count checks), its parameters and its
 * assertions, all still as text. Steps the runner does not understand are kept as `problems`, so a new form
 * in the suite fails its scenario loudly instead of being ignored.
 */

export interface FeatureFile {
  readonly path: string;
  readonly name: string;
  readonly scenarios: readonly Scenario[];
}

export interface Scenario {
  readonly name: string;
  readonly line: number;
  /** Feature tags followed by the scenario's own, with their `@`. */
  readonly tags: readonly string[];
  /** `modern`, `crew`, `grateful`, `sink`, `classic` or `empty`; absent for the suite's unsupported tests. */
  readonly graph?: string;
  readonly initializer?: string;
  readonly parameters: readonly Parameter[];
  readonly traversal?: string;
  readonly iteration: 'list' | 'next';
  readonly assertions: readonly Assertion[];
  /** Set when the suite itself declares the scenario unsupported ("Given an unsupported test"). */
  readonly suiteUnsupported?: string;
  readonly problems: readonly string[];
}

export interface Parameter {
  readonly name: string;
  /** Result notation, e.g. `v[marko].id`. */
  readonly value: string;
  /** `using the parameter x of P.within("l[]")`: the predicate wrapping the value. */
  readonly predicate?: string;
}

export type Assertion =
  | { readonly kind: 'unordered' | 'ordered' | 'of'; readonly rows: readonly string[] }
  | { readonly kind: 'empty' }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'graphCount'; readonly count: number; readonly traversal: string }
  | { readonly kind: 'error'; readonly comparison?: 'containing' | 'starting' | 'ending'; readonly text?: string };

export function parseFeature(path: string, source: string): FeatureFile {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  const document = parser.parse(source);
  const feature = document.feature;
  if (!feature) return { path, name: path, scenarios: [] };
  const featureTags = feature.tags.map((t) => t.name);
  const scenarios: Scenario[] = [];
  for (const child of feature.children) {
    const scenario = child.scenario;
    if (!scenario) continue;
    scenarios.push(readScenario(scenario.name, scenario.location.line, [...featureTags, ...scenario.tags.map((t) => t.name)], scenario.steps));
  }
  return { path, name: feature.name, scenarios };
}

type MutableScenario = { -readonly [K in keyof Scenario]: Scenario[K] };

function readScenario(name: string, line: number, tags: string[], steps: readonly Step[]): Scenario {
  const scenario: MutableScenario = { name, line, tags, parameters: [], iteration: 'list', assertions: [], problems: [] };
  const parameters: Parameter[] = [];
  const assertions: Assertion[] = [];
  const problems: string[] = [];
  for (const step of steps) {
    const text = step.text.trim();
    const doc = step.docString?.content;
    const rows = step.dataTable?.rows.slice(1).map((r) => r.cells[0]?.value ?? '') ?? [];
    let m: RegExpExecArray | null;
    if ((m = /^the (\w+) graph$/.exec(text))) scenario.graph = m[1];
    else if (text === 'the graph initializer of') scenario.initializer = doc;
    else if (text === 'the traversal of') scenario.traversal = doc;
    else if ((m = /^using the parameter (\w+) defined as "(.*)"$/.exec(text))) {
      parameters.push({ name: m[1], value: unescapeQuotes(m[2]) });
    } else if ((m = /^using the parameter (\w+) of P\.(\w+)\("(.*)"\)$/.exec(text))) {
      parameters.push({ name: m[1], value: unescapeQuotes(m[3]), predicate: m[2] });
    } else if (text === 'iterated to list') scenario.iteration = 'list';
    else if (text === 'iterated next') scenario.iteration = 'next';
    else if ((m = /^the result should be (unordered|ordered|of)$/.exec(text))) {
      assertions.push({ kind: m[1] as 'unordered' | 'ordered' | 'of', rows });
    } else if (text === 'the result should be empty') assertions.push({ kind: 'empty' });
    else if ((m = /^the result should have a count of (\d+)$/.exec(text))) assertions.push({ kind: 'count', count: Number(m[1]) });
    else if ((m = /^the graph should return (\d+) for count of "(.*)"$/.exec(text))) {
      assertions.push({ kind: 'graphCount', count: Number(m[1]), traversal: unescapeQuotes(m[2]) });
    } else if (text === 'the traversal will raise an error') assertions.push({ kind: 'error' });
    else if ((m = /^the traversal will raise an error with message (containing|starting|ending) text of "(.*)"$/.exec(text))) {
      assertions.push({ kind: 'error', comparison: m[1] as 'containing' | 'starting' | 'ending', text: unescapeQuotes(m[2]) });
    } else if (text === 'an unsupported test') scenario.suiteUnsupported = '';
    else if (text === 'nothing should happen because') scenario.suiteUnsupported = (doc ?? '').trim();
    else problems.push(`unknown step "${step.keyword.trim()} ${text}"`);
  }
  if (scenario.suiteUnsupported === undefined && scenario.traversal === undefined) problems.push('no traversal');
  scenario.parameters = parameters;
  scenario.assertions = assertions;
  scenario.problems = problems;
  return scenario;
}

/** Step text quotes its embedded quotes as `\"`. */
const unescapeQuotes = (s: string) => s.replace(/\\"/g, '"');
