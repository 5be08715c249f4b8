/**
 * The benchmark's queries: each is a GraphQL operation for the gateways and the traversal an expert would write
 * for the same answer, sent through the same driver. `round` varies the start so rounds do not repeat one lookup.
 */
import gremlin from 'gremlin';

type Traversal = gremlin.process.GraphTraversal;
type Source = gremlin.process.GraphTraversalSource;
const { t, order, P } = gremlin.process;
const __ = gremlin.process.statics;

export interface Operation {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

export interface Scenario {
  readonly name: string;
  /** The gateway that can answer it: `generic` needs only core.graphql; `typed` a typed schema with federation. */
  readonly api: 'generic' | 'typed';
  readonly writes?: boolean;
  operation(round: number): Operation;
  /** The hand-written traversal(s); more than one only where one traversal cannot do it (the mutation mix). */
  handWritten(g: Source, round: number): Traversal[];
}

/** Where a dataset's start vertices come from: ids sampled once, before measuring. */
export interface Starts {
  /** Vertices with a few friends each. */
  readonly people: readonly string[];
}

/** The round-th item, cycling (rounds may be negative: warm-ups count up to 0). */
const pick = <T>(items: readonly T[], round: number): T => items[((round % items.length) + items.length) % items.length];

/** Values of the keys as `property(key:)` gives them: a single value, or null when absent. */
const props = (...keys: string[]) => __.valueMap(...keys);

export function socialScenarios(starts: Starts, knows: string, name: string, orderKey: string): Scenario[] {
  return [
    {
      name: 'profile page',
      api: 'generic',
      operation: (r) => ({
        query: `query Profile($id: ID!) { vertex(id: $id) { id label name: property(key: "${name}")
          friends: both(labels: ["${knows}"], orderBy: [{ key: "${orderKey}" }], first: 10) { totalCount nodes { id name: property(key: "${name}")
            friends: both(labels: ["${knows}"], orderBy: [{ key: "${orderKey}", direction: DESC }], first: 5) { nodes { id name: property(key: "${name}") } } } } } }`,
        variables: { id: pick(starts.people, r) },
      }),
      handWritten: (g, r) => [
        g
          .V(pick(starts.people, r))
          .project('id', 'label', 'props', 'count', 'friends')
          .by(t.id)
          .by(t.label)
          .by(props(name))
          .by(__.both(knows).dedup().count())
          .by(
            __.both(knows)
              .dedup()
              .order()
              .by(orderKey)
              .by(t.id)
              .limit(10)
              .project('id', 'props', 'friends')
              .by(t.id)
              .by(props(name))
              .by(__.both(knows).dedup().order().by(orderKey, order.desc).by(t.id).limit(5).project('id', 'props').by(t.id).by(props(name)).fold())
              .fold(),
          ),
      ],
    },
    {
      name: 'friends of friends',
      api: 'generic',
      operation: (r) => ({
        query: `query Fof($id: ID!) { vertex(id: $id) { id both(labels: ["${knows}"], first: 20) { nodes { id both(labels: ["${knows}"], first: 20) { nodes { id name: property(key: "${name}") } } } } } }`,
        variables: { id: pick(starts.people, r) },
      }),
      handWritten: (g, r) => [
        g
          .V(pick(starts.people, r))
          .project('id', 'friends')
          .by(t.id)
          .by(
            __.both(knows)
              .dedup()
              .order()
              .by(t.id)
              .limit(20)
              .project('id', 'friends')
              .by(t.id)
              .by(__.both(knows).dedup().order().by(t.id).limit(20).project('id', 'props').by(t.id).by(props(name)).fold())
              .fold(),
          ),
      ],
    },
  ];
}

export function ldbcScenarios(starts: Starts & { readonly far: readonly string[] }): Scenario[] {
  return [
    ...socialScenarios(starts, 'knows', 'firstName', 'firstName'),
    {
      name: 'feed',
      api: 'generic',
      operation: (r) => ({
        query: `query Feed($id: ID!) { vertex(id: $id) { id both(labels: ["knows"], first: 20) { nodes { id
          in(labels: ["hasCreator"], orderBy: [{ key: "creationDate", direction: DESC }], first: 3) { nodes { id label content: property(key: "content") creationDate: property(key: "creationDate") } } } } } }`,
        variables: { id: pick(starts.people, r) },
      }),
      handWritten: (g, r) => [
        g
          .V(pick(starts.people, r))
          .project('id', 'friends')
          .by(t.id)
          .by(
            __.both('knows')
              .dedup()
              .order()
              .by(t.id)
              .limit(20)
              .project('id', 'posts')
              .by(t.id)
              .by(__.in_('hasCreator').order().by('creationDate', order.desc).by(t.id).limit(3).project('id', 'label', 'props').by(t.id).by(t.label).by(props('content', 'creationDate')).fold())
              .fold(),
          ),
      ],
    },
    {
      name: 'shortest path',
      api: 'generic',
      operation: (r) => ({
        query: `query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, edgeLabels: ["knows"], maxHops: 6) { length vertices { id } } }`,
        variables: { from: pick(starts.people, r), to: pick(starts.far, r) },
      }),
      handWritten: (g, r) => [
        g
          .V(pick(starts.people, r))
          .repeat(__.both('knows').simplePath())
          .until(__.or(__.hasId(pick(starts.far, r)), __.loops().is(6)))
          .hasId(pick(starts.far, r))
          .path()
          .by(t.id)
          .limit(1),
      ],
    },
    {
      name: 'filtered, ordered page',
      api: 'generic',
      operation: (r) => ({
        query: `query Page($browser: JSON!) { vertices(label: "Person", where: { and: [{ key: "browserUsed", eq: $browser }, { key: "gender", eq: "female" }] },
          orderBy: [{ key: "lastName" }], first: 20) { totalCount nodes { id firstName: property(key: "firstName") lastName: property(key: "lastName") } } }`,
        variables: { browser: pick(BROWSERS, r) },
      }),
      handWritten: (g, r) => [
        g
          .V()
          .hasLabel('Person')
          .has('browserUsed', pick(BROWSERS, r))
          .has('gender', 'female')
          .fold()
          .project('count', 'page')
          .by(__.count(gremlin.process.scope.local))
          .by(__.unfold().order().by('lastName').by(t.id).limit(20).project('id', 'props').by(t.id).by(props('firstName', 'lastName')).fold()),
      ],
    },
    {
      name: 'typed page, relationship filter',
      api: 'typed',
      operation: (r) => ({
        query: `query Typed($browser: String!) { people(where: { browserUsed: { eq: $browser }, knows_some: { gender: { eq: "female" } } }, orderBy: [{ lastName: ASC }], first: 20) {
          totalCount nodes { id firstName lastName knows(first: 5) { id firstName } } } }`,
        variables: { browser: pick(BROWSERS, r) },
      }),
      handWritten: (g, r) => [
        g
          .V()
          .hasLabel('Person')
          .has('browserUsed', pick(BROWSERS, r))
          .where(__.both('knows').hasLabel('Person').has('gender', 'female'))
          .fold()
          .project('count', 'page')
          .by(__.count(gremlin.process.scope.local))
          .by(
            __.unfold()
              .order()
              .by('lastName')
              .by(t.id)
              .limit(20)
              .project('id', 'props', 'knows')
              .by(t.id)
              .by(props('firstName', 'lastName'))
              .by(__.both('knows').hasLabel('Person').dedup().order().by(t.id).limit(5).project('id', 'props').by(t.id).by(props('firstName')).fold())
              .fold(),
          ),
      ],
    },
    {
      name: '_entities x100',
      api: 'typed',
      operation: (r) => ({
        query: `query Entities($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id firstName lastName } } }`,
        variables: { reps: hundred(starts.people, r).map((id) => ({ __typename: 'Person', id })) },
      }),
      handWritten: (g, r) => [
        g
          .V(...hundred(starts.people, r))
          .hasLabel('Person')
          .project('id', 'props')
          .by(t.id)
          .by(props('firstName', 'lastName')),
      ],
    },
    {
      name: 'mutation mix',
      api: 'generic',
      writes: true,
      operation: (r) => ({
        query: `mutation Mix($id: ID!, $from: ID!, $post: ID!) {
          createVertex(input: { id: $post, label: "Post", properties: { content: "bench", length: 5 } }) { id }
          createEdge(input: { label: "hasCreator", from: $post, to: $from }) { id outV { id } inV { id name: property(key: "firstName") } }
          updateVertex(id: $id, set: { browserUsed: "Bench" }) { id browser: property(key: "browserUsed") } }`,
        variables: { id: pick(starts.people, r + 1), from: pick(starts.people, r), post: `bench:${process.pid}:${r}` },
      }),
      handWritten: (g, r) => [
        g.addV('Post').property(t.id, `hand:${process.pid}:${r}`).property('content', 'bench').property('length', 5).id(),
        g
          .V(`hand:${process.pid}:${r}`)
          .as('p')
          .V(pick(starts.people, r))
          .as('a')
          .addE('hasCreator')
          .from_('p')
          .to('a')
          .project('id', 'out', 'in', 'props')
          .by(t.id)
          .by(__.outV().id())
          .by(__.inV().id())
          .by(__.inV().valueMap('firstName')),
        g.V(pick(starts.people, r + 1)).property(gremlin.process.cardinality.single, 'browserUsed', 'Bench').project('id', 'props').by(t.id).by(props('browserUsed')),
      ],
    },
  ];
}

export function airRoutesScenarios(codes: readonly string[]): Scenario[] {
  const id = (r: number) => pick(codes, r);
  return [
    {
      name: 'routes page',
      api: 'generic',
      operation: (r) => ({
        query: `query Routes($id: ID!) { vertex(id: $id) { id code: property(key: "code")
          out(labels: ["route"], where: { key: "runways", gte: 2 }, orderBy: [{ key: "code" }], first: 10) { totalCount nodes { id code: property(key: "code") city: property(key: "city") } } } }`,
        variables: { id: id(r) },
      }),
      handWritten: (g, r) => [
        g
          .V(id(r))
          .project('id', 'props', 'count', 'page')
          .by(t.id)
          .by(props('code'))
          .by(__.out('route').dedup().has('runways', P.gte(2)).count())
          .by(__.out('route').dedup().has('runways', P.gte(2)).order().by('code').by(t.id).limit(10).project('id', 'props').by(t.id).by(props('code', 'city')).fold()),
      ],
    },
    {
      name: 'shortest path',
      api: 'generic',
      operation: (r) => ({
        query: `query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, direction: OUT, edgeLabels: ["route"], maxHops: 4) { length vertices { id } } }`,
        variables: { from: id(r), to: id(r + 7) },
      }),
      handWritten: (g, r) => [
        g
          .V(id(r))
          .repeat(__.out('route').simplePath())
          .until(__.or(__.hasId(id(r + 7)), __.loops().is(4)))
          .hasId(id(r + 7))
          .path()
          .by(t.id)
          .limit(1),
      ],
    },
  ];
}

const BROWSERS = ['Firefox', 'Chrome', 'Internet Explorer', 'Safari', 'Opera'];

function hundred(ids: readonly string[], round: number): string[] {
  return Array.from({ length: 100 }, (_, i) => pick(ids, round * 100 + i));
}
