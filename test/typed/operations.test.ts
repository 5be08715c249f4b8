import { printTraversal } from '../../src/gremlin/print';
import { g } from '../../src/gremlin/source';
import { applyFilter, printFilter, type FilterNode } from '../../src/operations/filter';
import { FetchNested } from '../../src/operations/read/fetch-elements';
import { ConnectVertices, DisconnectVertices } from '../../src/operations/write/relationship-writes';

const follows = { direction: 'OUT' as const, edgeLabels: ['FOLLOWS'], target: 'vertex' as const, vertexLabels: ['User'] };

describe('typed operation nodes', () => {
  it('compiles relationship filters to where/not over one hop', () => {
    const ada: FilterNode = { kind: 'compare', key: 'name', op: 'eq', value: 'Ada' };
    const cases: [FilterNode, string, string][] = [
      [{ kind: 'related', hop: follows, quantifier: 'some', filter: ada }, 'some out[FOLLOWS]:User name eq "Ada"', 'g.V().where(__.out("FOLLOWS").hasLabel("User").has("name", P.eq("Ada")))'],
      [{ kind: 'related', hop: follows, quantifier: 'none', filter: ada }, 'none out[FOLLOWS]:User name eq "Ada"', 'g.V().not(__.out("FOLLOWS").hasLabel("User").has("name", P.eq("Ada")))'],
      [{ kind: 'related', hop: follows, quantifier: 'every', filter: ada }, 'every out[FOLLOWS]:User name eq "Ada"', 'g.V().not(__.out("FOLLOWS").hasLabel("User").not(__.has("name", P.eq("Ada"))))'],
      [{ kind: 'id', op: 'in', value: ['a', 'b'] }, 'id in ["a", "b"]', 'g.V().hasId(P.within(["a", "b"]))'],
    ];
    for (const [node, printed, traversal] of cases) {
      expect(printFilter(node)).toBe(printed);
      expect(printTraversal(applyFilter(g.V(), node))).toBe(traversal);
    }
  });

  it('walks edges only when the selection reads them, breaking ties on the edge id', () => {
    const base = {
      hop: follows,
      order: { keys: [] },
      page: { offset: 0, limit: 2, fingerprint: 'f' },
      projection: { element: 'vertex' as const, keys: ['name'] },
      count: true,
    };
    const vertices = new FetchNested(['a'], { kind: 'relationship', query: base });
    expect(vertices.print()).toBe('FetchVertices(ids=1, vertex{field: Relationship(out[FOLLOWS]:User, order=id ASC, page=[0, 2), vertex{name}, count)})');
    expect(printTraversal(vertices.traversal())).toContain('.by(__.out("FOLLOWS").hasLabel("User").order().by(T.id, Order.asc).range(0, 2)');
    const edges = new FetchNested(['a'], { kind: 'relationship', query: { ...base, edgeProjection: { element: 'edge', keys: ['since'] } } });
    const text = printTraversal(edges.traversal());
    expect(text).toContain('__.outE("FOLLOWS").as("e").inV().hasLabel("User").order().by(T.id, Order.asc).by(__.select("e").id(), Order.asc)');
    expect(text).toContain('.project("edge", "node").by(__.select("e").project(');
  });

  it('connects through coalesce, so existing edges are reused', () => {
    const node = { id: 'dee', label: 'User', edgeLabel: 'FOLLOWS', direction: 'IN' as const, targetLabels: ['User'], targets: ['ada'] };
    const connect = new ConnectVertices(node, new Map([['since', 2024]]), { element: 'vertex', keys: [] });
    expect(connect.print()).toBe('ConnectVertices("dee":User <-FOLLOWS- ["ada"]:User, {since=2024}, vertex{})');
    expect(printTraversal(connect.traversal())).toBe(
      'g.V("dee").hasLabel("User").sideEffect(__.coalesce(__.inE("FOLLOWS").where(__.outV().hasId(P.eq("ada")).hasLabel("User")), ' +
        '__.addE("FOLLOWS").from(__.V("ada").hasLabel("User"))).property("since", 2024)).project("id", "label").by(T.id).by(T.label)',
    );
    const disconnect = new DisconnectVertices({ ...node, direction: 'BOTH' }, { element: 'vertex', keys: [] });
    expect(printTraversal(disconnect.traversal())).toContain('sideEffect(__.bothE("FOLLOWS").where(__.otherV().hasId(P.within(["ada"])).hasLabel("User")).drop())');
  });
});
