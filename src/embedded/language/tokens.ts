import gremlin from 'gremlin';

type EnumValue = InstanceType<typeof gremlin.process.EnumValue>;

/** A token's value as the driver has it: its own EnumValue singletons, or the plain strings/numbers of WithOptions & co. */
export type TokenValue = EnumValue | string | number;

const driver = gremlin.process as unknown as Record<string, Record<string, EnumValue>>;
const { IO } = require('gremlin/lib/process/traversal') as { IO: Record<string, string> };

/** The Gremlin enums, keyed by the names the language uses (`Direction.OUT`, not the driver's `direction.out`). */
const ENUMS: Record<string, Record<string, EnumValue>> = {
  T: pick(driver.t, ['id', 'label', 'key', 'value']),
  // incr/decr are the pre-3.5 spellings of asc/desc, still in the grammar.
  Order: { ...pick(driver.order, ['asc', 'desc', 'shuffle']), incr: driver.order.asc, decr: driver.order.desc },
  Scope: pick(driver.scope, ['local', 'global']),
  Column: pick(driver.column, ['keys', 'values']),
  Direction: {
    OUT: driver.direction.out,
    IN: driver.direction.in,
    BOTH: driver.direction.both,
    from: driver.direction.out,
    to: driver.direction.in,
  },
  Cardinality: pick(driver.cardinality, ['single', 'set', 'list']),
  Pop: pick(driver.pop, ['first', 'last', 'all', 'mixed']),
  Merge: pick(driver.merge, ['onCreate', 'onMatch', 'outV', 'inV']),
  Operator: pick(driver.operator, ['addAll', 'and', 'assign', 'div', 'max', 'min', 'minus', 'mult', 'or', 'sum', 'sumLong']),
  Pick: pick(driver.pick, ['any', 'none']),
  Barrier: pick(driver.barrier, ['normSack']),
  DT: pick(driver.dt, ['second', 'minute', 'hour', 'day']),
};

/** Option keys and values for `with()` modulators: plain strings and numbers on the wire. */
const CONSTANTS: Record<string, Record<string, string | number>> = {
  WithOptions: { ...gremlin.process.withOptions },
  IO: pick(IO, ['reader', 'writer', 'gryo', 'graphson', 'graphml']),
  ConnectedComponent: {
    component: 'gremlin.connectedComponentVertexProgram.component',
    edges: '~tinkerpop.connectedComponent.edges',
    propertyName: '~tinkerpop.connectedComponent.propertyName',
  },
  PageRank: {
    edges: '~tinkerpop.pageRank.edges',
    propertyName: '~tinkerpop.pageRank.propertyName',
    times: '~tinkerpop.pageRank.times',
  },
  PeerPressure: {
    edges: '~tinkerpop.peerPressure.edges',
    propertyName: '~tinkerpop.peerPressure.propertyName',
    times: '~tinkerpop.peerPressure.times',
  },
  ShortestPath: {
    distance: '~tinkerpop.shortestPath.distance',
    edges: '~tinkerpop.shortestPath.edges',
    includeEdges: '~tinkerpop.shortestPath.includeEdges',
    maxDistance: '~tinkerpop.shortestPath.maxDistance',
    target: '~tinkerpop.shortestPath.target',
  },
};

/** The grammar lets every enum value (but not WithOptions & co.) be written bare: `desc`, `local`, `OUT`, `id`. */
const BARE: Record<string, EnumValue> = Object.assign({}, ...Object.values(ENUMS));

export function isQualifier(name: string): boolean {
  return name in ENUMS || name in CONSTANTS;
}

/** `T.id`, `WithOptions.tokens`, ...; undefined when the qualifier has no such member. */
export function qualifiedToken(qualifier: string, member: string): TokenValue | undefined {
  const table = ENUMS[qualifier] ?? CONSTANTS[qualifier];
  return table && Object.hasOwn(table, member) ? table[member] : undefined;
}

export function bareToken(name: string): EnumValue | undefined {
  return Object.hasOwn(BARE, name) ? BARE[name] : undefined;
}

export function qualifierMembers(qualifier: string): string[] {
  return Object.keys(ENUMS[qualifier] ?? CONSTANTS[qualifier] ?? {});
}

function pick<T>(from: Record<string, T>, names: string[]): Record<string, T> {
  return Object.fromEntries(names.map((n) => [n, from[n]]));
}
