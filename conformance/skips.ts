import { containsLambda, NotationError, parseNotation } from './notation';
import type { Scenario } from './scenario';

/**
 * Why a scenario is not run, or undefined when it is. Only what Neptune itself lacks is skipped (the table in
 * run.ts lists each rule with its reason); everything else runs and counts, pass or fail.
 */
export function skipReason(scenario: Scenario): string | undefined {
  if (scenario.suiteUnsupported !== undefined) {
    return `the suite marks it unsupported for language variants${scenario.suiteUnsupported ? `: ${firstLine(scenario.suiteUnsupported)}` : ''}`;
  }
  for (const tag of scenario.tags) {
    const reason = TAG_REASONS.get(tag);
    if (reason) return `${tag}: ${reason}`;
  }
  const texts = [scenario.initializer, scenario.traversal, ...scenario.assertions.map((a) => (a.kind === 'graphCount' ? a.traversal : undefined))];
  for (const text of texts) {
    if (text === undefined) continue;
    const code = withoutStringLiterals(text);
    const computer = /\.(pageRank|peerPressure|connectedComponent|shortestPath|program)\s*\(/.exec(code);
    if (computer) return `${computer[1]}() is a VertexProgram step, GraphComputer only; Neptune has no GraphComputer`;
    if (/\bwithComputer\s*\(/.test(code)) return 'withComputer(): Neptune has no GraphComputer';
    if (/\bio\s*\(/.test(code)) return 'io(): Neptune does not support the io() step';
    // A Groovy closure, not a set literal `{1, 2}`: it names `it` or has an arrow.
    if (/\bLambda\s*\./.test(code) || /\{[^{}]*(->|\bit\b)[^{}]*\}/.test(code)) return 'a lambda in the traversal: Neptune refuses lambdas';
  }
  for (const p of scenario.parameters) {
    if (isLambda(p.value)) return `parameter ${p.name} is a lambda (c[...]): Neptune refuses lambdas`;
  }
  return undefined;
}

/** Tags naming a capability Neptune lacks; every other tag runs (see run.ts). */
const TAG_REASONS: ReadonlyMap<string, string> = new Map([
  ['@GraphComputerOnly', 'runs only on a GraphComputer; Neptune has none'],
  ['@MetaProperties', 'needs properties on vertex properties; Neptune has no meta-properties'],
  ['@AllowNullPropertyValues', 'needs null property values; Neptune cannot store null'],
  ['@UserSuppliedVertexPropertyIds', 'needs user-supplied vertex property ids; Neptune generates them'],
  ['@TinkerServiceRegistry', "calls TinkerGraph's service registry through call(); Neptune offers no such services"],
  ['@StepRead', 'io().read(): Neptune does not support the io() step'],
  ['@StepWrite', 'io().write(): Neptune does not support the io() step'],
]);

function isLambda(value: string): boolean {
  try {
    return containsLambda(parseNotation(value));
  } catch (err) {
    if (err instanceof NotationError) return false;
    throw err;
  }
}

/** Strings may contain braces or step names (`has("name", "{x}")`); only code counts. */
function withoutStringLiterals(text: string): string {
  return text.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
}

const firstLine = (s: string) => s.split('\n')[0].trim();
