import { printValue } from '../../gremlin/print';
import { __, g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';

/** Drops a vertex or an edge (given `label`, only one with that label); the result says whether there was one. */
export class DeleteElement implements Operation<boolean> {
  readonly mode = 'write';

  constructor(
    readonly element: 'vertex' | 'edge',
    readonly id: string,
    readonly label?: string,
  ) {}

  print(): string {
    return `Delete${this.element === 'vertex' ? 'Vertex' : 'Edge'}(${printValue(this.id)}${this.label === undefined ? '' : `:${this.label}`})`;
  }

  traversal(): GraphTraversal {
    const found = this.element === 'vertex' ? g.V(this.id) : g.E(this.id);
    return (this.label === undefined ? found : found.hasLabel(this.label)).sideEffect(__.drop()).constant(true);
  }

  decode(results: unknown[]): boolean {
    return results.length > 0;
  }
}
