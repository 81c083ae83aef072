"""Interactive HTML views (coauthors.html, topics.html) that work fully offline.

pyvis ships vis-network; its own templates load Bootstrap (and in `local` mode
vis-network too) from CDNs, and its `add_edge` is quadratic. So the pages are written
here from pyvis's bundled vis-network files, inlined, with the data as JSON:
- no http(s) reference at all, and a Content-Security-Policy that forbids any load;
- all input text goes through JSON (with <, > and & escaped) and is put on the page
  with textContent only, never innerHTML: a title "<img onerror=…>" shows as text;
- the layout is precomputed (networkx spring layout, fixed seed); physics runs a short
  stabilisation on small graphs and is then switched off; large graphs show the top
  people by centrality and say so.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import networkx as nx

MAX_NODES = 500  # people or concepts drawn; the full network goes to GEXF/GraphML
PHYSICS_UP_TO = 300
READABLE_CONCEPTS = 150  # above this, topics.html draws only concepts found in 2+ papers
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
TYPE_COLOURS = {"method": "#4e79a7", "dataset": "#59a14f", "task": "#f28e2b", "topic": "#e15759"}


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    folder = files("pyvis").joinpath("lib").joinpath("vis-9.1.2")
    return (folder.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
            folder.joinpath("vis-network.css").read_text(encoding="utf-8"))


def _json_for_script(data: object) -> str:
    """JSON that cannot close its <script> element or open a new one."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _layout(g: nx.Graph) -> dict:
    if g.number_of_nodes() == 0:
        return {}
    pos = nx.spring_layout(g, seed=42, weight=None, iterations=100)
    scale = 60 * max(10, g.number_of_nodes()) ** 0.5
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()}


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>__VIS_CSS__</style>
<style>
html, body { height: 100%; }
body { margin: 0; font: 14px system-ui, sans-serif; color: #222; display: flex; flex-direction: column; }
header { padding: 8px 12px; border-bottom: 1px solid #ddd; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
h1 { font-size: 16px; margin: 0; }
#note { color: #555; }
#graph { flex: 1; min-height: 300px; }
#search { padding: 4px 8px; min-width: 240px; }
#legend span { display: inline-block; margin-right: 10px; }
#legend i { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
.tip { max-width: 420px; white-space: normal; font: 13px system-ui, sans-serif; }
.tip b { display: block; margin-bottom: 4px; }
.tip ul { margin: 4px 0; padding-left: 18px; }
</style>
</head>
<body data-drawn="0" data-errors="0">
<header>
<h1 id="title"></h1>
<input id="search" type="search" list="names" autocomplete="off">
<datalist id="names"></datalist>
<span id="note"></span>
<span id="legend"></span>
</header>
<div id="graph"></div>
<script>window.onerror = function () { document.body.dataset.errors = String(Number(document.body.dataset.errors) + 1); };</script>
<script>__VIS_JS__</script>
<script id="data" type="application/json">__DATA__</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  document.getElementById("title").textContent = data.title;
  document.title = data.title;
  document.getElementById("note").textContent = data.note;
  document.getElementById("search").placeholder = data.searchHint;
  function tooltip(node) {
    var box = document.createElement("div");
    box.className = "tip";
    var head = document.createElement("b");
    head.textContent = node.label;
    box.appendChild(head);
    node.lines.forEach(function (line) {
      var p = document.createElement("div");
      p.textContent = line;
      box.appendChild(p);
    });
    node.lists.forEach(function (list) {
      var caption = document.createElement("div");
      caption.textContent = list[0];
      box.appendChild(caption);
      var ul = document.createElement("ul");
      list[1].forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = item;
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    return box;
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, title: tooltip(n), value: n.size, color: n.color, x: n.x, y: n.y };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e[0], to: e[1], value: e[2], title: e[3] };
  }));
  var options = {
    nodes: { shape: "dot", scaling: { min: 6, max: 40, label: { enabled: true, min: 10, max: 22 } }, font: { size: 12 } },
    edges: { color: { color: "#9aa", highlight: "#333" }, scaling: { min: 1, max: 10 }, smooth: false },
    physics: data.physics ? { stabilization: { iterations: 150 }, barnesHut: { springLength: 120 } } : false,
    interaction: { hover: true, tooltipDelay: 150 }
  };
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, options);
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  network.on("afterDrawing", function () { document.body.dataset.drawn = String(nodes.length); });
  var list = document.getElementById("names");
  var byName = {};
  data.nodes.forEach(function (n) {
    byName[n.label.toLowerCase()] = n.id;
    (n.also || []).forEach(function (a) { byName[a.toLowerCase()] = n.id; });
    var option = document.createElement("option");
    option.value = n.label;
    list.appendChild(option);
  });
  document.getElementById("search").addEventListener("change", function (event) {
    var id = byName[event.target.value.trim().toLowerCase()];
    if (id !== undefined) { network.selectNodes([id]); network.focus(id, { scale: 1.4, animation: false }); }
  });
  var legend = document.getElementById("legend");
  data.legend.forEach(function (entry) {
    var span = document.createElement("span");
    var dot = document.createElement("i");
    dot.style.background = entry[1];
    span.appendChild(dot);
    span.appendChild(document.createTextNode(entry[0]));
    legend.appendChild(span);
  });
  window.kgraphNetwork = network;
})();
</script>
</body>
</html>
"""


def render(title: str, note: str, search_hint: str, nodes: list[dict], edges: list[list],
           legend: list[list[str]]) -> str:
    """The page for prepared nodes and edges (see coauthor_page and topic_page)."""
    js, css = _assets()
    data = {"title": title, "note": note, "searchHint": search_hint, "nodes": nodes, "edges": edges,
            "legend": legend, "physics": len(nodes) <= PHYSICS_UP_TO}
    page = _PAGE.replace("__VIS_CSS__", css).replace("__TITLE__", "kgraph")
    page = page.replace("__DATA__", _json_for_script(data))
    return page.replace("__VIS_JS__", js.replace("</script", "<\\/script"))


def _top(g: nx.Graph, score: dict, limit: int) -> nx.Graph:
    if g.number_of_nodes() <= limit:
        return g
    keep = sorted(g.nodes, key=lambda n: (-score.get(n, 0), str(n)))[:limit]
    return g.subgraph(keep).copy()


def coauthor_page(g: nx.Graph, size: dict[str, float], metric: str, community: dict[str, int],
                  papers_of: dict[str, list[str]], topics_of: dict[str, list[str]],
                  limit: int = MAX_NODES) -> str:
    """coauthors.html: size by a centrality, colour by community, edge width by joint papers."""
    shown = _top(g, size, limit)
    pos = _layout(shown)
    top = max(size.values(), default=0) or 1
    nodes = []
    for node, data in shown.nodes(data=True):
        name = data.get("label", str(node))
        nodes.append({
            "id": node, "label": name, "also": data.get("variants", []),
            "size": 1 + 9 * size.get(node, 0) / top,
            "color": PALETTE[community.get(node, 0) % len(PALETTE)],
            "x": pos[node][0], "y": pos[node][1],
            "lines": [f"{len(papers_of.get(node, []))} papers, {g.degree(node)} co-authors",
                      f"{metric} {size.get(node, 0):.4g}, community {community.get(node, 0) + 1}"],
            "lists": [["Papers", papers_of.get(node, [])[:12]], ["Topics", topics_of.get(node, [])[:6]]],
        })
    edges = [[u, v, d.get("papers", 1), f"{d.get('papers', 1)} joint paper(s)"] for u, v, d in shown.edges(data=True)]
    note = (f"{shown.number_of_nodes()} people, {shown.number_of_edges()} co-author links; size: {metric}; colour: community"
            + (f"; showing the top {limit} of {g.number_of_nodes()} people by {metric} (full network: coauthors.gexf)"
               if shown is not g else ""))
    communities = sorted({community.get(n, 0) for n in shown.nodes})[:8]
    legend = [[f"community {c + 1}", PALETTE[c % len(PALETTE)]] for c in communities]
    return render("Co-authorship network", note, "Find a person…", nodes, edges, legend)


def topic_page(g: nx.Graph, papers_of: dict[str, list[str]], limit: int = MAX_NODES) -> str:
    """topics.html: concept co-occurrence, concepts coloured by type, sized by papers."""
    connected = g.subgraph([n for n in g.nodes if g.nodes[n].get("papers", 0) > 0]).copy()
    recurring = connected
    if connected.number_of_nodes() > READABLE_CONCEPTS:  # one-paper concepts only add cliques
        recurring = connected.subgraph([n for n, d in connected.nodes(data=True) if d["papers"] >= 2]).copy()
    shown = _top(recurring, {n: d.get("papers", 0) for n, d in recurring.nodes(data=True)}, limit)
    pos = _layout(shown)
    nodes = [{
        "id": node, "label": data.get("label", node), "size": data.get("papers", 1),
        "color": TYPE_COLOURS.get(data.get("type"), "#999"), "x": pos[node][0], "y": pos[node][1],
        "lines": [f"{data.get('type')}, {data.get('papers', 0)} papers"],
        "lists": [["Papers", papers_of.get(node, [])[:10]]],
    } for node, data in shown.nodes(data=True)]
    edges = [[u, v, d["papers"], f"{d['papers']} papers together, association strength {d['association']:.3g}"]
             for u, v, d in shown.edges(data=True)]
    note = (f"{shown.number_of_nodes()} concepts, {shown.number_of_edges()} co-occurrences; size: papers; colour: type"
            + (f"; showing the {shown.number_of_nodes()} concepts found in two or more papers (of {connected.number_of_nodes()};"
               " all are in topics.gexf)" if shown is not connected else ""))
    legend = [[kind, colour] for kind, colour in TYPE_COLOURS.items()]
    return render("Topic network", note, "Find a concept…", nodes, edges, legend)


def write(path: Path, page: str) -> None:
    path.write_text(page, encoding="utf-8")
