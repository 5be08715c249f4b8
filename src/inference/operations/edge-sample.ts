import { __, g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../../operations/operation';
import { splitLabel } from '../labels';

export interface SampledEdge {
  readonly outLabels: readonly string[];
  readonly inLabels: readonly string[];
  readonly properties: ReadonlyMap<string, unknown>;
}

/** A window of the edges with one label, each with its end points' labels and its property values. */
export class EdgeSample implements Operation<SampledEdge[]> {
  readonly mode = 'read';

  constructor(
    readonly label: string,
    readonly start: number,
    readonly end: number,
  ) {}

  print(): string {
    return `EdgeSample(label=${this.label}, range=${this.start}..${this.end})`;
  }

  traversal(): GraphTraversal {
    return g
      .E()
      .hasLabel(this.label)
      .range(this.start, this.end)
      .project('out', 'in', 'properties')
      .by(__.outV().label())
      .by(__.inV().label())
      .by(__.valueMap());
  }

  decode(results: unknown[]): SampledEdge[] {
    return (results as Map<string, unknown>[]).map((row) => ({
      outLabels: splitLabel(String(row.get('out'))),
      inLabels: splitLabel(String(row.get('in'))),
      properties: row.get('properties') as Map<string, unknown>,
    }));
  }
}
