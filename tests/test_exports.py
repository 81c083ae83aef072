"""Network exports open in the tools users have: Gephi (GEXF/GraphML), VOSviewer, CSV."""

import csv

import networkx as nx


def test_graphml_and_gexf_hold_the_coauthor_network_with_analysis(built):
    result, out = built
    for reader, name in ((nx.read_graphml, "coauthors.graphml"), (nx.read_gexf, "coauthors.gexf")):
        g = reader(out / name)
        assert (g.number_of_nodes(), g.number_of_edges()) == (112, 236)
        xue = g.nodes["xue-liu"]
        assert xue["label"] == "Xue Liu" and xue["degree"] == 11 and "betweenness" in xue and "community" in xue
        assert g.edges["xue-liu", "jie-fu"]["papers"] == 1


def test_author_paper_bipartite_graph(built):
    _, out = built
    g = nx.read_graphml(out / "authors-papers.graphml")
    pascanu = [n for n in g.neighbors("razvan-pascanu")]
    assert len(pascanu) == 10 and all(n.startswith("paper:") for n in pascanu)


def test_vosviewer_map_and_network_files(built):
    _, out = built
    rows = list(csv.reader((out / "coauthors-vosviewer-map.txt").open(encoding="utf-8"), delimiter="\t"))
    assert rows[0] == ["id", "label", "cluster", "weight<Links>", "weight<Documents>"]
    assert len(rows) == 113
    by_label = {r[1]: r for r in rows[1:]}
    assert by_label["Xue Liu"][3] == "11" and by_label["Xue Liu"][4] == "2"
    links = list(csv.reader((out / "coauthors-vosviewer-network.txt").open(encoding="utf-8"), delimiter="\t"))
    assert len(links) == 236 and all(len(r) == 3 for r in links)


def test_csv_edge_lists(built):
    _, out = built
    rows = list(csv.DictReader((out / "coauthors-edges.csv").open(encoding="utf-8")))
    assert len(rows) == 236 and {"source", "target", "papers", "newman"} <= set(rows[0])
    topics = list(csv.DictReader((out / "topics-edges.csv").open(encoding="utf-8")))
    assert topics and {"papers", "association"} <= set(topics[0])


def test_streamed_graphml_and_gexf_read_back_unchanged_in_networkx(tmp_path):
    import numpy as np

    from kgraph.graphfiles import write_gexf, write_graphml

    g = nx.Graph()
    g.add_node("o'brien", label='Ann "A." O\'Brien & <Co>', degree=3, pagerank=np.float64(0.25), variants=["x"], flag=True)
    g.add_node("zoë", label="Zoë Ünal", degree=1, pagerank=0.1)
    g.add_edge("o'brien", "zoë", papers=2, newman=0.5, years=[2020])
    write_graphml(g, tmp_path / "g.graphml")
    write_gexf(g, tmp_path / "g.gexf")
    for back in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert set(back.nodes) == {"o'brien", "zoë"}
        node = back.nodes["o'brien"]
        assert node["label"] == 'Ann "A." O\'Brien & <Co>' and node["degree"] == 3 and node["pagerank"] == 0.25
        assert "variants" not in node and "flag" not in node  # lists and booleans have no GraphML/GEXF type
        edge = back.edges["o'brien", "zoë"]
        assert edge["papers"] == 2 and edge["newman"] == 0.5 and "years" not in edge
