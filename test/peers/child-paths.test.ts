import gremlin from 'gremlin';
import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { clearRemote, copyToRemote, remote, type G } from './copy-graph';
import { canonical, DATASETS } from './differential/run';
import { describeWithTools, startReferenceServer, type ReferenceServer } from './gremlin-server';

const __ = gremlin.process.statics;
const { t, operator } = gremlin.process;
type Case = (g: G) => gremlin.process.GraphTraversal;

/**
 * What path() (and the steps reading the history: simplePath, select, sack) sees after a step with a child
 * traversal, on the modern graph, through the driver on both servers. Map-like steps (coalesce, map, flatMap,
 * by() modulators) add only the object the child yields to the parent's history; branch steps (union, choose,
 * optional, local) pass the child's traversers on, with what the child walked.
 */
const CASES: Record<string, Case> = {
  'coalesce: first branch': (g) => g.V('1').coalesce(__.out().out(), __.constant('x')).path(),
  'coalesce: a later branch': (g) => g.V('1').coalesce(__.out('none'), __.out().out()).path(),
  'coalesce: labels inside are not kept': (g) => g.V('1').coalesce(__.out().as('a').out()).as('b').coalesce(__.select('a', 'b'), __.select('b')),
  'coalesce: simplePath sees only the yielded object': (g) => g.V('1').out('knows').coalesce(__.in_().out()).simplePath().path(),
  'coalesce: inside repeat': (g) => g.V('1').repeat(__.coalesce(__.out('knows'), __.out())).times(2).path(),
  'coalesce: sack changed inside': (g) => g.withSack(1).V('1').coalesce(__.sack(operator.sum).by(__.constant(2)).out()).sack(),
  'coalesce: path() inside sees the walk': (g) => g.V('1').coalesce(__.out().out().path(), __.constant('x')),
  'coalesce of a union': (g) => g.V('1').coalesce(__.union(__.out().out())).path(),
  'coalesce: bulk inside': (g) => g.V('1').coalesce(__.out().in_().values('name')).groupCount(),
  'map: first result': (g) => g.V('1').map(__.out().out().order().by('name')).path(),
  'map: sack changed inside': (g) => g.withSack(1).V('1').map(__.sack(operator.sum).by(__.constant(2)).out()).sack(),
  'flatMap: every result': (g) => g.V('1').flatMap(__.out().out()).path(),
  'flatMap: labels inside are not kept': (g) => g.V('1').flatMap(__.out().as('a').out()).as('b').coalesce(__.select('a', 'b'), __.select('b')),
  'flatMap: sack changed inside': (g) => g.withSack(1).V('1').flatMap(__.sack(operator.sum).by(__.constant(2)).out()).sack(),
  'flatMap: bulk inside': (g) => g.V('1').flatMap(__.out().in_().values('name')).groupCount(),
  'union: a branch step': (g) => g.V('1').union(__.out().out(), __.out('created')).path(),
  'union: sack changed inside': (g) => g.withSack(1).V('1').union(__.sack(operator.sum).by(__.constant(2)).out()).sack(),
  'local: its traversers': (g) => g.V('1').local(__.out().out()).path(),
  'local: sack changed inside': (g) => g.withSack(1).V('1').local(__.sack(operator.sum).by(__.constant(2)).out()).sack(),
  'local: labels inside are kept': (g) => g.V('1').local(__.out().as('a').out()).as('b').select('a', 'b'),
  'optional: the branch taken': (g) => g.V('1').optional(__.out().out()).path(),
  'optional: the branch not taken': (g) => g.V('1').optional(__.out('none')).path(),
  'optional: labels inside are kept': (g) => g.V('1').optional(__.out().as('a').out()).as('b').select('a', 'b'),
  'choose: true/false branches': (g) => g.V('1', '2').choose(__.out('created'), __.out().out(), __.in_()).path(),
  'choose: option()': (g) => g.V('1').choose(__.values('name')).option('marko', __.out().out()).path(),
  'choose: labels inside are kept': (g) => g.V('1').choose(__.values('name')).option('marko', __.out().as('a').out()).as('b').select('a', 'b'),
  'nested: flatMap inside union': (g) => g.V('1').union(__.flatMap(__.out().out()), __.out('created')).path(),
  'nested: coalesce inside local': (g) => g.V('1').local(__.out('knows').coalesce(__.out().out(), __.out())).path(),
  'by(): project': (g) => g.V('1').project('p').by(__.out().out().order().by('name').path()).path(),
  'by(): path() modulated': (g) => g.V('1').out().out().path().by(__.coalesce(__.values('age'), __.values('lang'))),
  'by(): order by a walk': (g) => g.V('1').out().order().by(__.coalesce(__.out().values('name'), __.constant('z'))).path(),
  'by(): group': (g) => g.V('1').out().group().by(t.label).by(__.coalesce(__.out(), __.constant('x')).path().fold()),
};

describeWithTools(['java', 'javac', 'mvn'])('paths after steps with child traversals, as on TinkerGraph', () => {
  let reference: ReferenceServer;
  let embedded: GremlinServer;
  let ours: ReturnType<typeof remote>;
  let theirs: ReturnType<typeof remote>;
  beforeAll(async () => {
    const graph = await DATASETS.modern!();
    [reference, embedded] = await Promise.all([startReferenceServer(), startGremlinServer({ graphs: { g: graph }, logLevel: 'silent' })]);
    ours = remote(embedded.url);
    theirs = remote(reference.url);
    await clearRemote(theirs.g);
    await copyToRemote(graph, theirs.g);
  }, 180_000);
  afterAll(async () => {
    await ours?.close();
    await theirs?.close();
    await embedded?.close();
    await reference?.stop();
  });

  const answer = async (g: G, make: Case) => (await make(g).toList()).map(canonical).sort();

  it.each(Object.entries(CASES))('%s', async (_name, make) => {
    const expected = await answer(theirs.g, make);
    expect(expected.length).toBeGreaterThan(0);
    expect(await answer(ours.g, make)).toEqual(expected);
  });

  it('the bug this suite guards: coalesce() adds only the object it yields', async () => {
    expect(await answer(ours.g, CASES['coalesce: first branch']!)).toEqual(['path[v[1],v[3]]', 'path[v[1],v[5]]']);
  });
});
