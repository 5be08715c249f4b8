import type { GraphTraversal } from '../gremlin/source';

export type DirectionName = 'OUT' | 'IN' | 'BOTH';

/** One step along edges from a vertex, ending on the neighbouring vertices or on the edges themselves. */
export interface HopNode {
  readonly direction: DirectionName;
  readonly edgeLabels: readonly string[];
  readonly target: 'vertex' | 'edge';
}

export function applyHop(t: GraphTraversal, hop: HopNode): GraphTraversal {
  const labels = [...hop.edgeLabels];
  if (hop.target === 'edge') {
    if (hop.direction === 'OUT') return t.outE(...labels);
    if (hop.direction === 'IN') return t.inE(...labels);
    return t.bothE(...labels);
  }
  if (hop.direction === 'OUT') return t.out(...labels);
  if (hop.direction === 'IN') return t.in_(...labels);
  return t.both(...labels);
}

export function printHop(hop: HopNode): string {
  const step = { OUT: 'out', IN: 'in', BOTH: 'both' }[hop.direction] + (hop.target === 'edge' ? 'E' : '');
  return `${step}[${hop.edgeLabels.join(', ')}]`;
}
