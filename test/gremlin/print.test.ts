import { join } from 'node:path';
import gremlin from 'gremlin';
import { loadFeatures } from '../../conformance/features';
import { parseNotation } from '../../conformance/notation';
import { toDriverPredicate, toDriverValue, type EdgeRef, type GraphIndex } from '../../conformance/resolve';
import { parseTraversal } from '../../src/embedded/language';
import { printBytecode, printValue } from '../../src/gremlin/print';

/*
 * What printBytecode prints, our Gremlin parser reads back into the same bytecode: over every traversal text
 * of TinkerPop's feature suite (traversals, graph initializers, count checks), with the scenario's
 * parameters bound as the conformance runner binds them, parse → print → parse gives equal bytecode.
 */

const FEATURES = join(__dirname, '..', '..', '..', 'shared', 'tinkerpop', 'features');

/** Every vertex and edge name resolves (to an id of that name): only the shape of the values matters here. */
class AnyEdges extends Map<string, EdgeRef> {
  override get(key: string): EdgeRef {
    return { id: key, label: 'edge', outV: { id: 'out', label: 'vertex' }, inV: { id: 'in', label: 'vertex' } };
  }
}
const ANY_GRAPH: GraphIndex = { vertices: new Map(), edges: new AnyEdges() };

/** Values the runner can bind that Gremlin text has no literal for (edges, vertex properties, paths). */
function literalless(value: unknown): boolean {
  const { Edge, VertexProperty, Path } = gremlin.structure;
  if (value instanceof Edge || value instanceof VertexProperty || value instanceof Path) return true;
  if (Array.isArray(value) || value instanceof Set) return [...value].some(literalless);
  if (value instanceof Map) return [...value].some(([k, v]) => literalless(k) || literalless(v));
  return false;
}

function roundTrip(text: string, bindings: Record<string, unknown> = {}): { printed: string; first: unknown; again: unknown } {
  const first = parseTraversal(text, bindings);
  const printed = printBytecode(first.bytecode, first.source);
  return { printed, first: first.bytecode, again: parseTraversal(printed).bytecode };
}

describe('printBytecode', () => {
  it('prints what the parser reads back into the same bytecode, for every text of the feature suite', () => {
    let checked = 0;
    let unbindable = 0;
    const failures: string[] = [];
    for (const feature of loadFeatures([FEATURES])) {
      for (const scenario of feature.scenarios) {
        let bindings: Record<string, unknown>;
        try {
          bindings = Object.fromEntries(
            scenario.parameters.map((p) => {
              const value = toDriverValue(parseNotation(p.value), ANY_GRAPH);
              return [p.name, p.predicate ? toDriverPredicate(p.predicate, value) : value];
            }),
          );
        } catch {
          unbindable++; // lambda parameters
          continue;
        }
        if (Object.values(bindings).some(literalless)) {
          unbindable++;
          continue;
        }
        const texts = [scenario.initializer, scenario.traversal, ...scenario.assertions.map((a) => (a.kind === 'graphCount' ? a.traversal : undefined))];
        for (const text of texts) {
          if (text === undefined || /\bLambda\s*\.|->|\{\s*it\b/.test(text)) continue;
          try {
            const { printed, first, again } = roundTrip(text, bindings);
            checked++;
            try {
              expect(again).toStrictEqual(first);
            } catch {
              failures.push(`${feature.path} ${scenario.name}\n  ${text}\n  printed: ${printed}`);
            }
          } catch (err) {
            failures.push(`${feature.path} ${scenario.name}\n  ${text}\n  ${(err as Error).message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(1800);
    expect(unbindable).toBeLessThan(60);
  });

  it('prints sets as Gremlin set literals, strategies with their options, with() as with()', () => {
    const cases: [string, string][] = [
      ['g.withSideEffect("a", {}).V()', 'g.withSideEffect("a", {}).V()'],
      ['g.inject({1, "x", [2]})', 'g.inject({1, "x", [2]})'],
      ['g.withStrategies(new SeedStrategy(seed: 999999)).V()', 'g.withStrategies(new SeedStrategy(seed: 999999)).V()'],
      ['g.withStrategies(ReadOnlyStrategy).V()', 'g.withStrategies(ReadOnlyStrategy).V()'],
      ['g.with("evaluationTimeout", 10).with("x").V()', 'g.with("evaluationTimeout", 10).with("x", true).V()'],
      ['g.V().property(Cardinality.list, "a", set(1))', 'g.V().property(Cardinality.list, "a", Cardinality.set(1))'],
      ['g.tx().commit()', 'g.tx().commit()'],
      ['g.V(Vertex(1, "person")).has("age", P.gt(1).and(P.lt(3)))', 'g.V(Vertex(1, "person")).has("age", P.gt(1).and(P.lt(3)))'],
      ['g.inject(-0.0, 1e300, 9007199254740993, NaN, -Infinity)', 'g.inject(-0.0, 1e+300, 9007199254740993n, NaN, -Infinity)'],
      ['g.inject([T.id: 1, (1): "a"])', 'g.inject([(T.id): 1, (1): "a"])'],
    ];
    for (const [text, expected] of cases) {
      const { printed, first, again } = roundTrip(text);
      expect(printed).toBe(expected);
      expect(again).toStrictEqual(first);
    }
    expect(printValue(new Set())).toBe('{}');
    expect(printValue(2 ** 60)).toBe('1152921504606847000d');
    expect(parseTraversal(`g.inject(${printValue(2 ** 60)})`).bytecode.stepInstructions).toEqual([['inject', 2 ** 60]]);
  });
});
