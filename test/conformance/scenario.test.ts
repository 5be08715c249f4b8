import { join } from 'node:path';
import { loadFeatures } from '../../conformance/features';
import { parseFeature, type Scenario } from '../../conformance/scenario';
import { skipReason } from '../../conformance/skips';

const FEATURE = `@StepClassMap @StepAddE
Feature: Step - addE()

  Scenario: g_addE_first
    Given the empty graph
    And the graph initializer of
      """
      g.addV("person").property("name", "marko")
      """
    And using the parameter vid1 defined as "v[marko].id"
    And using the parameter xx1 defined as "m[{\\"a\\":\\"d[1].i\\"}]"
    And using the parameter xx2 of P.within("l[a,b]")
    And the traversal of
      """
      g.V(vid1).as("a").addE("self").to("a")
      """
    When iterated to list
    Then the result should have a count of 1
    And the graph should return 1 for count of "g.E().has(\\"weight\\", 2.0d)"

  @MetaProperties
  Scenario: g_second
    Given the crew graph
    And the traversal of
      """
      g.V().properties("location").properties()
      """
    When iterated next
    Then the result should be unordered
      | result |
      | d[1997].i |
      | marko |

  Scenario: g_third
    Given the modern graph
    And the traversal of
      """
      g.V().fail("x")
      """
    When iterated to list
    Then the traversal will raise an error with message containing text of "x \\"y\\""

  Scenario: g_unsupported
    Given an unsupported test
    Then nothing should happen because
      """
      The result is not supported by this test suite
      """

  Scenario: g_odd
    Given the modern graph
    And the traversal of
      """
      g.V()
      """
    When iterated sideways
`;

const feature = parseFeature('x.feature', FEATURE);

describe('parseFeature', () => {
  const [first, second, third, unsupported, odd] = feature.scenarios;

  it('reads the graph, initializer, parameters, traversal and assertions of a scenario', () => {
    expect(feature.name).toBe('Step - addE()');
    expect(first).toMatchObject({
      name: 'g_addE_first',
      tags: ['@StepClassMap', '@StepAddE'],
      graph: 'empty',
      initializer: 'g.addV("person").property("name", "marko")',
      traversal: 'g.V(vid1).as("a").addE("self").to("a")',
      iteration: 'list',
      problems: [],
    });
    expect(first.parameters).toEqual([
      { name: 'vid1', value: 'v[marko].id' },
      { name: 'xx1', value: 'm[{"a":"d[1].i"}]' },
      { name: 'xx2', value: 'l[a,b]', predicate: 'within' },
    ]);
    expect(first.assertions).toEqual([
      { kind: 'count', count: 1 },
      { kind: 'graphCount', count: 1, traversal: 'g.E().has("weight", 2.0d)' },
    ]);
  });

  it('reads result tables, iterated next, scenario tags and error assertions', () => {
    expect(second.tags).toEqual(['@StepClassMap', '@StepAddE', '@MetaProperties']);
    expect(second.iteration).toBe('next');
    expect(second.assertions).toEqual([{ kind: 'unordered', rows: ['d[1997].i', 'marko'] }]);
    expect(third.assertions).toEqual([{ kind: 'error', comparison: 'containing', text: 'x "y"' }]);
  });

  it('keeps the reason of a scenario the suite itself declares unsupported', () => {
    expect(unsupported.suiteUnsupported).toBe('The result is not supported by this test suite');
    expect(unsupported.problems).toEqual([]);
  });

  it('records steps it does not understand as problems', () => {
    expect(odd.problems).toEqual(['unknown step "When iterated sideways"']);
  });
});

describe('skipReason', () => {
  const scenario = (over: Partial<Scenario>): Scenario => ({ ...feature.scenarios[2], ...over });

  it('skips only what Neptune lacks', () => {
    expect(skipReason(scenario({}))).toBeUndefined();
    expect(skipReason(scenario({ tags: ['@MetaProperties'] }))).toMatch(/meta-properties/);
    expect(skipReason(scenario({ tags: ['@GraphComputerOnly'] }))).toMatch(/GraphComputer/);
    expect(skipReason(scenario({ tags: ['@MultiProperties', '@UserSuppliedVertexIds', '@WithSubgraphStrategy'] }))).toBeUndefined();
    expect(skipReason(scenario({ traversal: 'g.V().pageRank().values("name")' }))).toMatch(/pageRank\(\) is a VertexProgram step/);
    expect(skipReason(scenario({ traversal: 'g.io("data/x.kryo").read()' }))).toMatch(/io\(\)/);
    expect(skipReason(scenario({ traversal: 'g.V().map(Lambda.function("it.get()"))' }))).toMatch(/lambda/);
    expect(skipReason(scenario({ traversal: 'g.V().filter{it.get().value("age") > 30}' }))).toMatch(/lambda/);
    expect(skipReason(scenario({ parameters: [{ name: 'l1', value: 'c[it.get()]' }] }))).toMatch(/parameter l1 is a lambda/);
    expect(skipReason(scenario({ suiteUnsupported: 'GLVs cannot' }))).toMatch(/unsupported for language variants: GLVs cannot/);
  });

  it('does not mistake set literals or step names inside strings for lambdas or computer steps', () => {
    expect(skipReason(scenario({ traversal: 'g.inject({1, 2}).unfold()' }))).toBeUndefined();
    expect(skipReason(scenario({ traversal: 'g.V().has("name", "pageRank()").has("x", "{it}")' }))).toBeUndefined();
  });
});

describe('the TinkerPop suite', () => {
  it('parses into scenarios whose every step the runner understands', () => {
    const root = join(__dirname, '../../../shared/tinkerpop/features');
    const scenarios = loadFeatures([root]).flatMap((f) => f.scenarios);
    expect(scenarios.length).toBe(1520);
    expect(scenarios.flatMap((s) => s.problems.map((p) => `${s.name}: ${p}`))).toEqual([]);
    const graphs = new Set(scenarios.map((s) => s.graph ?? 'none'));
    expect([...graphs].sort()).toEqual(['crew', 'empty', 'grateful', 'modern', 'none', 'sink']);
  });
});
