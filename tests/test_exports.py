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
