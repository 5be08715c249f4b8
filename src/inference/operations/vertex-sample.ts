import { T, __, g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../../operations/operation';
import { splitLabel } from '../labels';

/** One kind of edge at a vertex: its label and the labels of the vertex at the other end. */
export interface Adjacency {
  readonly edgeLabel: string;
  readonly otherLabels: readonly string[];
}

export interface SampledVertex {
  readonly labels: readonly string[];
  /** Each property key with all its values (several under set or list cardinality). */
  readonly properties: ReadonlyMap<string, readonly unknown[]>;
  readonly out: readonly Adjacency[];
  readonly in: readonly Adjacency[];
}

/**
 * A window of the vertices with one label, each with its property values and a summary of its edges: the
 * distinct (edge label, other end's label) pairs among at most `edgesPerVertex` edges each way. The summary is
 * what finds relationships that a sample of the edges themselves can miss (an edge label whose first thousand
 * edges all start at one kind of vertex), while the cap keeps a hub vertex from costing more than any other.
 */
export class VertexSample implements Operation<SampledVertex[]> {
  readonly mode = 'read';

  constructor(
    readonly label: string,
    readonly start: number,
    readonly end: number,
    readonly edgesPerVertex: number,
  ) {}

  print(): string {
    return `VertexSample(label=${this.label}, range=${this.start}..${this.end}, edgesPerVertex=${this.edgesPerVertex})`;
  }

  traversal(): GraphTraversal {
    return g
      .V()
      .hasLabel(this.label)
      .range(this.start, this.end)
      .project('label', 'properties', 'out', 'in')
      .by(T.label)
      .by(__.valueMap())
      .by(__.outE().limit(this.edgesPerVertex).project('edge', 'other').by(T.label).by(__.inV().label()).dedup().fold())
      .by(__.inE().limit(this.edgesPerVertex).project('edge', 'other').by(T.label).by(__.outV().label()).dedup().fold());
  }

  decode(results: unknown[]): SampledVertex[] {
    return (results as Map<string, unknown>[]).map((row) => ({
      labels: splitLabel(String(row.get('label'))),
      properties: row.get('properties') as Map<string, unknown[]>,
      out: adjacency(row.get('out')),
      in: adjacency(row.get('in')),
    }));
  }
}

function adjacency(pairs: unknown): Adjacency[] {
  return (pairs as Map<string, unknown>[]).map((pair) => ({
    edgeLabel: String(pair.get('edge')),
    otherLabels: splitLabel(String(pair.get('other'))),
  }));
}
