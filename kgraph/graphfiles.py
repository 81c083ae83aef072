"""Network files for Gephi, VOSviewer, Cytoscape and spreadsheets: GraphML, GEXF, CSV.

The files are written as a stream, one node or edge per line: networkx's own writers
build the whole XML tree in memory first, which took 67 s and gigabytes for the ACL
Anthology's co-authorship network. Only str, int and float attributes are written
(lists and None have no GraphML/GEXF type); networkx reads the files back unchanged
(tests check it).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kgraph import __version__

_XML_TYPES = {str: "string", int: "long", float: "double"}
_EXACT = {str: str, int: int, float: float}

Types = dict[str, str]  # attribute name -> XML type


def _kind(value) -> type | None:
    """str, int or float (numpy numbers included); None for anything else, bool included."""
    found = _EXACT.get(type(value))  # the common case, without isinstance chains
    if found is not None or isinstance(value, bool):
        return found
    return next((t for t in (str, int, float) if isinstance(value, t)), None)


def _attribute_types(items: Iterable[dict]) -> Types:
    """Attribute name -> XML type; a float anywhere makes an int column double, a str makes it string."""
    seen: dict[str, set[type]] = {}
    for data in items:
        for key, value in data.items():
            kind = _EXACT.get(type(value)) or _kind(value)
            if kind is not None:
                seen.setdefault(key, set()).add(kind)
    rank = [str, float, int]
    return {key: _XML_TYPES[next(t for t in rank if t in types)] for key, types in seen.items()}


def columns(g: nx.Graph) -> tuple[Types, Types]:
    """The writable node and edge attributes of g, with their XML types (one pass over g)."""
    return _attribute_types(d for _, d in g.nodes(data=True)), _attribute_types(d for _, _, d in g.edges(data=True))


def _values(data: dict, ids: dict[str, str]) -> list[tuple[str, object]]:
    return [(ids[k], v) for k, v in data.items() if k in ids and (type(v) in _EXACT or _kind(v))]


def _text(value) -> str:
    if type(value) is str:
        return escape(value)
    return repr(float(value)) if isinstance(value, float) else str(value)


def _attr(value) -> str:
    """A quoted XML attribute value."""
    return quoteattr(value) if type(value) is str else f'"{_text(value)}"'


def write_graphml(g: nx.Graph, path: Path, types: tuple[Types, Types] | None = None) -> None:
    """GraphML with node ids as they are in g (networkx.read_graphml gives g back)."""
    node_types, edge_types = types or columns(g)
    node_ids = {k: f"n{i}" for i, k in enumerate(node_types)}
    edge_ids = {k: f"e{i}" for i, k in enumerate(edge_types)}
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for kind, types_, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
            for name, key in ids.items():
                fh.write(f'  <key id="{key}" for="{kind}" attr.name={quoteattr(name)} attr.type="{types_[name]}"/>\n')
        fh.write('  <graph edgedefault="undirected">\n')
        for node, data in g.nodes(data=True):
            values = "".join(f'<data key="{k}">{_text(v)}</data>' for k, v in _values(data, node_ids))
            fh.write(f"    <node id={quoteattr(str(node))}>{values}</node>\n")
        for u, v, data in g.edges(data=True):
            values = "".join(f'<data key="{k}">{_text(x)}</data>' for k, x in _values(data, edge_ids))
            fh.write(f"    <edge source={quoteattr(str(u))} target={quoteattr(str(v))}>{values}</edge>\n")
        fh.write("  </graph>\n</graphml>\n")


def write_gexf(g: nx.Graph, path: Path, types: tuple[Types, Types] | None = None) -> None:
    """GEXF 1.2 (Gephi's own format); node attribute `label` becomes the GEXF label."""
    node_types, edge_types = types or columns(g)
    node_ids = {k: str(i) for i, k in enumerate(k for k in node_types if k != "label")}
    edge_ids = {k: str(i + len(node_ids)) for i, k in enumerate(edge_types)}

    def attvalues(data: dict, ids: dict[str, str]) -> str:
        values = "".join(f'<attvalue for="{k}" value={_attr(v)}/>' for k, v in _values(data, ids))
        return f"<attvalues>{values}</attvalues>" if values else ""

    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n'
                 '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
                 f'  <meta lastmodifieddate="{date.today().isoformat()}"><creator>kgraph {__version__}</creator></meta>\n'
                 '  <graph defaultedgetype="undirected" mode="static">\n')
        for cls, types_, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
            fh.write(f'    <attributes class="{cls}" mode="static">\n')
            for name, key in ids.items():
                fh.write(f'      <attribute id="{key}" title={quoteattr(name)} type="{types_[name]}"/>\n')
            fh.write("    </attributes>\n")
        fh.write("    <nodes>\n")
        for node, data in g.nodes(data=True):
            label = quoteattr(str(data.get("label", node)))
            fh.write(f"      <node id={quoteattr(str(node))} label={label}>{attvalues(data, node_ids)}</node>\n")
        fh.write("    </nodes>\n    <edges>\n")
        for i, (u, v, data) in enumerate(g.edges(data=True)):
            fh.write(f'      <edge id="{i}" source={quoteattr(str(u))} target={quoteattr(str(v))}>'
                     f"{attvalues(data, edge_ids)}</edge>\n")
        fh.write("    </edges>\n  </graph>\n</gexf>\n")


def write_edges_csv(g: nx.Graph, path: Path, types: tuple[Types, Types] | None = None) -> None:
    """One row per edge: ids, labels, then every edge attribute."""
    keys = sorted((types or columns(g))[1])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["source", "target", "source_label", "target_label"] + keys)
        label = dict(g.nodes(data="label"))
        for u, v, d in g.edges(data=True):
            writer.writerow([u, v, label.get(u) or u, label.get(v) or v] + [d.get(k, "") for k in keys])


def write_graph_files(stage, name: str, g: nx.Graph) -> None:
    """name.graphml, name.gexf and name-edges.csv in the staging directory."""
    types = columns(g)
    write_graphml(g, stage.path(f"{name}.graphml"), types)
    write_gexf(g, stage.path(f"{name}.gexf"), types)
    write_edges_csv(g, stage.path(f"{name}-edges.csv"), types)


def write_vosviewer(stage, name: str, g: nx.Graph, clusters: dict[str, int], weight: str) -> None:
    """VOSviewer map and network files (tab-delimited; ids are 1..n)."""
    ids = {node: i for i, node in enumerate(sorted(g.nodes, key=str), 1)}
    with stage.path(f"{name}-vosviewer-map.txt").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "label", "cluster", "weight<Links>", "weight<Documents>"])
        for node, i in ids.items():
            data = g.nodes[node]
            writer.writerow([i, data.get("label", node), clusters.get(node, 0) + 1, g.degree(node), data.get("papers", 0)])
    with stage.path(f"{name}-vosviewer-network.txt").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        for u, v, d in g.edges(data=True):
            writer.writerow([ids[u], ids[v], d.get(weight, 1)])
