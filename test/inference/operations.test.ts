import { printTraversal } from '../../src/gremlin/print';
import { DistinctLabels } from '../../src/inference/operations/distinct-labels';
import { EdgeSample } from '../../src/inference/operations/edge-sample';
import { VertexSample } from '../../src/inference/operations/vertex-sample';

describe('the sampling operations', () => {
  it('print as one line and send one small traversal each', () => {
    const labels = new DistinctLabels('vertex', 1000);
    expect(labels.print()).toBe('DistinctLabels(vertex, limit=1000)');
    expect(printTraversal(labels.traversal())).toBe('g.V().label().dedup().limit(1000)');

    const vertices = new VertexSample('air-route', 250, 500, 100);
    expect(vertices.print()).toBe('VertexSample(label=air-route, range=250..500, edgesPerVertex=100)');
    expect(printTraversal(vertices.traversal())).toBe(
      'g.V().hasLabel("air-route").range(250, 500).project("label", "properties", "out", "in").by(T.label).by(__.valueMap())' +
        '.by(__.outE().limit(100).project("edge", "other").by(T.label).by(__.inV().label()).dedup().fold())' +
        '.by(__.inE().limit(100).project("edge", "other").by(T.label).by(__.outV().label()).dedup().fold())',
    );

    const edges = new EdgeSample('route', 0, 250);
    expect(edges.print()).toBe('EdgeSample(label=route, range=0..250)');
    expect(printTraversal(edges.traversal())).toBe(
      'g.E().hasLabel("route").range(0, 250).project("out", "in", "properties").by(__.outV().label()).by(__.inV().label()).by(__.valueMap())',
    );
  });

  it('split multi-label vertices into their labels, but never an edge label', () => {
    expect(new DistinctLabels('vertex', 10).decode(['b::a', 'c', 'a'])).toEqual({ labels: ['a', 'b', 'c'], truncated: false });
    expect(new DistinctLabels('edge', 10).decode(['x::y'])).toEqual({ labels: ['x::y'], truncated: false });
    expect(new DistinctLabels('edge', 2).decode(['p', 'q'])).toEqual({ labels: ['p', 'q'], truncated: true });
  });
});
