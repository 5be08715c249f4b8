"""gremlinpython against a Gremlin server: writes a small graph in a transaction, rolls one back, then runs a
set of read traversals. Prints one JSON object naming each check's result, so the caller can compare servers.

usage: client_check.py WS_URL graphbinary|graphson PREFIX
"""
import json
import sys

from gremlin_python.driver.driver_remote_connection import DriverRemoteConnection
from gremlin_python.driver.serializer import GraphBinarySerializersV1, GraphSONSerializersV3d0
from gremlin_python.process.anonymous_traversal import traversal
from gremlin_python.process.graph_traversal import __
from gremlin_python.process.traversal import Cardinality, Order, P, T
from gremlin_python.structure.graph import Edge, Path, Vertex


def plain(value):
    """Results as JSON: elements by id and label, enums by name, maps with string keys."""
    if isinstance(value, Vertex):
        return {"vertex": value.id, "label": value.label}
    if isinstance(value, Edge):
        return {"edge": value.id, "label": value.label, "out": value.outV.id, "in": value.inV.id}
    if isinstance(value, Path):
        return [plain(o) for o in value.objects]
    if isinstance(value, dict):
        return {(k.name if isinstance(k, T) else str(k)): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, set):
        return sorted((plain(v) for v in value), key=json.dumps)
    return value


def main():
    url, serializer, prefix = sys.argv[1:4]
    serializers = {"graphbinary": GraphBinarySerializersV1(), "graphson": GraphSONSerializersV3d0()}
    connection = DriverRemoteConnection(url, "g", message_serializer=serializers[serializer])
    g = traversal().with_remote(connection)
    p = lambda name: prefix + name
    out = {}
    try:
        tx = g.tx()
        gtx = tx.begin()
        for name, age, langs in (("ada", 36, ["en", "fr"]), ("bob", 41, ["en"]), ("cy", 29, ["es", "en"])):
            t = gtx.add_v("person").property(T.id, p(name)).property("name", name).property("age", age)
            for lang in langs:
                t = t.property(Cardinality.set_, "lang", lang)
            t.iterate()
        gtx.add_v("software").property(T.id, p("lop")).property("name", "lop").property("weight", 0.5).iterate()
        gtx.V(p("ada")).add_e("knows").to(__.V(p("bob"))).property(T.id, p("e1")).property("since", 2010).iterate()
        gtx.V(p("bob")).add_e("knows").to(__.V(p("cy"))).property(T.id, p("e2")).property("since", 2015).iterate()
        gtx.V(p("ada")).add_e("created").to(__.V(p("lop"))).property(T.id, p("e3")).property("weight", 0.4).iterate()
        out["inside the transaction, own writes"] = gtx.V(p("ada"), p("bob"), p("cy")).count().next()
        tx.commit()

        tx = g.tx()
        gtx = tx.begin()
        gtx.add_v("person").property(T.id, p("ghost")).iterate()
        tx.rollback()
        out["rolled back"] = g.V(p("ghost")).count().next()

        people = [p("ada"), p("bob"), p("cy")]
        out["names by age"] = g.V(*people).order().by("age").values("name").to_list()
        out["set cardinality"] = sorted(g.V(p("ada")).values("lang").to_list())
        out["two hops"] = g.V(p("ada")).out("knows").out("knows").values("name").to_list()
        out["path"] = plain(g.V(p("ada")).out_e("knows").in_v().path().by("name").by("since").to_list())
        out["project"] = plain(g.V(p("bob")).project("name", "out", "in").by("name").by(__.out_e().count()).by(__.in_e().count()).next())
        out["valueMap"] = plain(g.V(p("cy")).value_map("name", "age").next())
        out["elementMap"] = plain(g.V(p("lop")).element_map().next())
        out["edge"] = plain(g.E(p("e1")).next())
        out["vertex"] = plain(g.V(p("cy")).next())
        out["group count"] = plain(g.V(*people).out().group_count().by(T.label).next())
        out["where"] = g.V(*people).where(__.out("knows").has("age", P.gt(30))).values("name").to_list()
        out["repeat"] = g.V(p("ada")).repeat(__.out("knows")).times(2).id_().to_list()
        out["numbers"] = plain(g.V(*people).values("age").fold().project("sum", "mean", "max").by(__.unfold().sum_()).by(__.unfold().mean()).by(__.unfold().max_()).next())
        out["double"] = g.V(p("lop")).values("weight").next()
        out["order desc, range"] = g.V(*people).order().by("name", Order.desc).range_(1, 3).values("name").to_list()
        out["select"] = plain(g.V(p("ada")).as_("a").out("knows").as_("b").select("a", "b").by("name").to_list())
        out["union coalesce"] = g.V(p("cy")).union(__.values("name"), __.coalesce(__.values("nickname"), __.constant("none"))).to_list()
        out["drop"] = g.V(p("lop")).drop().iterate() is not None and g.V(p("lop")).count().next()
    finally:
        connection.close()
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
