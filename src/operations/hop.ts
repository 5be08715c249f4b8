import type { GraphTraversal } from '../gremlin/source';

export type DirectionName = 'OUT' | 'IN' | 'BOTH';

/** One step along edges from a vertex, ending on the neighbouring vertices or on the edges themselves. */
export interface HopNode {
  readonly direction: DirectionName;
  readonly edgeLabels: readonly string[];
  readonly target: 'vertex' | 'edge';
  /** Keeps only neighbours with one of these labels (vertex targets only), as a typed relationship needs. */
  readonly vertexLabels?: readonly string[];
}

export function applyHop(t: GraphTraversal, hop: HopNode): GraphTraversal {
  const labels = [...hop.edgeLabels];
  if (hop.target === 'edge') {
    if (hop.direction === 'OUT') return t.outE(...labels);
    if (hop.direction === 'IN') return t.inE(...labels);
    return t.bothE(...labels);
  }
  const reached = hop.direction === 'OUT' ? t.out(...labels) : hop.direction === 'IN' ? t.in_(...labels) : t.both(...labels);
  return hop.vertexLabels && hop.vertexLabels.length > 0 ? reached.hasLabel(...hop.vertexLabels) : reached;
}

export function printHop(hop: HopNode): string {
  const step = { OUT: 'out', IN: 'in', BOTH: 'both' }[hop.direction] + (hop.target === 'edge' ? 'E' : '');
  const labels = hop.vertexLabels && hop.vertexLabels.length > 0 ? `:${hop.vertexLabels.join('|')}` : '';
  return `${step}[${hop.edgeLabels.join(', ')}]${labels}`;
}
