import { arity, notApplicable, stringArgs } from '../args';
import { invalidParameter } from '../../errors';
import { equals } from '../compare';
import { adjacentVertices, asEdge, asVertex, incidentEdges } from '../elements';
import type { StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { defineStep, FlatMapStep } from '../step';
import { directionOf } from '../tokens';
import type { Traverser } from '../traverser';

/**
 * Moving along edges: vertex to adjacent vertices (out/in/both/to), vertex to incident edges
 * (outE/inE/bothE/toE), edge to its vertices (outV/inV/bothV/otherV/toV). Each hop reads the per-label
 * adjacency of one vertex, so it costs the matching degree.
 */
type Dir = 'OUT' | 'IN' | 'BOTH';

function adjacent(name: string, direction: Dir, labels: string[]) {
  return defineStep(name, (rt, stepLabels) => new FlatMapStep(rt, stepLabels, (t) => {
    const v = asVertex(t.object, rt);
    return v ? adjacentVertices(rt, v, direction, labels) : notAVertex(name, t.object);
  }), { hops: true });
}

function incident(name: string, direction: Dir, labels: string[]) {
  return defineStep(name, (rt, stepLabels) => new FlatMapStep(rt, stepLabels, (t) => {
    const v = asVertex(t.object, rt);
    return v ? incidentEdges(rt, v, direction, labels) : notAVertex(name, t.object);
  }), { hops: true });
}

function ends(name: string, direction: Dir) {
  return defineStep(name, (rt, stepLabels) => new FlatMapStep(rt, stepLabels, (t) => {
    const e = asEdge(t.object, rt);
    if (!e) return notAnEdge(name, t.object);
    const out = [];
    if (direction !== 'IN' && rt.visible(e.outV)) out.push(e.outV);
    if (direction !== 'OUT' && rt.visible(e.inV)) out.push(e.inV);
    return out;
  }), { hops: true });
}

/**
 * otherV(): the end the traverser did not come from, which is the nearest vertex back in its history (steps
 * in between, such as has() or as(), may repeat the edge). Without one, the traversal fails, as in TinkerPop
 * (g.E().otherV() has no vertex to come from).
 */
function otherV(rt: Runtime, t: Traverser): unknown[] {
  const e = asEdge(t.object, rt);
  if (!e) return notAnEdge('otherV', t.object);
  let from: unknown;
  for (let n = t.path?.previous; n && from === undefined; n = n.previous) from = asVertex(n.object, rt);
  if (from === undefined) throw invalidParameter('otherV() needs a vertex earlier in the path to tell which end is the other; the path has none');
  const other = equals(from, e.inV) ? e.outV : e.inV;
  return rt.visible(other) ? [other] : [];
}

/** Objects of another kind cannot be walked from; TinkerPop fails the traversal likewise. */
function notAVertex(step: string, x: unknown): never {
  return notApplicable(step, 'vertices', x);
}

function notAnEdge(step: string, x: unknown): never {
  return notApplicable(step, 'edges', x);
}

export const vertexSteps: Record<string, StepFactory> = {
  out: (args) => adjacent('out', 'OUT', stringArgs('out', args)),
  in: (args) => adjacent('in', 'IN', stringArgs('in', args)),
  both: (args) => adjacent('both', 'BOTH', stringArgs('both', args)),
  outE: (args) => incident('outE', 'OUT', stringArgs('outE', args)),
  inE: (args) => incident('inE', 'IN', stringArgs('inE', args)),
  bothE: (args) => incident('bothE', 'BOTH', stringArgs('bothE', args)),
  to: (args) => {
    arity('to', args, 1, Infinity);
    return adjacent('to', directionOf(args[0], 'to'), stringArgs('to', args.slice(1)));
  },
  toE: (args) => {
    arity('toE', args, 1, Infinity);
    return incident('toE', directionOf(args[0], 'toE'), stringArgs('toE', args.slice(1)));
  },
  outV: (args) => (arity('outV', args, 0), ends('outV', 'OUT')),
  inV: (args) => (arity('inV', args, 0), ends('inV', 'IN')),
  bothV: (args) => (arity('bothV', args, 0), ends('bothV', 'BOTH')),
  toV: (args) => (arity('toV', args, 1), ends('toV', directionOf(args[0], 'toV'))),
  otherV: (args, c) => {
    arity('otherV', args, 0);
    c.requirePath('full');
    return defineStep('otherV', (rt, labels) => new FlatMapStep(rt, labels, (t) => otherV(rt, t)));
  },
};
