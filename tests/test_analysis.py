"""Centralities against hand-computed values; the seeds' bridges; suggestions."""

import math

import networkx as nx
import pytest
from conftest import person_named

from kgraph import analysis
from kgraph.graph import coauthor_graph
from kgraph.model import Corpus, Paper, Person


def weighted(edges):
    g = nx.Graph()
    for u, v, papers in edges:
        g.add_edge(u, v, papers=papers)
    return g


def test_degree_and_strength():
    g = weighted([("hub", "a", 3), ("hub", "b", 1), ("hub", "c", 2)])
    assert analysis.degree(g) == {"hub": 3, "a": 1, "b": 1, "c": 1}
    assert analysis.strength(g) == {"hub": 6, "a": 3, "b": 1, "c": 2}


def test_betweenness_uses_distance_one_over_joint_papers():
    # a-c wrote 1 paper together (distance 1); a-b and b-c wrote 4 (distance 0.25 each):
    # the shortest a-c path runs through b, which unweighted betweenness would not see.
    g = weighted([("a", "b", 4), ("b", "c", 4), ("a", "c", 1)])
    assert analysis.betweenness(g, engine="networkx") == pytest.approx({"a": 0.0, "b": 1.0, "c": 0.0})
    assert analysis.betweenness(g, engine="igraph") == pytest.approx({"a": 0.0, "b": 1.0, "c": 0.0})
    assert nx.betweenness_centrality(g)["b"] == 0.0


def test_path_betweenness_and_closeness_by_hand():
    g = weighted([("a", "b", 2), ("b", "c", 1), ("c", "d", 1)])
    # b lies on a-c and a-d: 2 of the 3 pairs without b -> 2/3; likewise c on a-d, b-d.
    assert analysis.betweenness(g) == pytest.approx({"a": 0, "b": 2 / 3, "c": 2 / 3, "d": 0})
    # distances from a: b 0.5, c 1.5, d 2.5 -> closeness 3 / 4.5
    assert analysis.closeness(g)["a"] == pytest.approx(3 / 4.5)
    assert analysis.closeness(g)["b"] == pytest.approx(3 / (0.5 + 1 + 2))


def test_pagerank_of_a_star_by_hand():
    # centre c, leaves l: c = 0.15/4 + 0.85 * 3l ; l = 0.15/4 + 0.85 * c/3
    g = weighted([("c", "x", 1), ("c", "y", 1), ("c", "z", 1)])
    pr = analysis.pagerank(g)
    assert pr["c"] == pytest.approx(0.133125 / 0.2775, abs=1e-4)
    assert pr["x"] == pytest.approx(0.0375 + 0.85 * pr["c"] / 3, abs=1e-4)


def test_eigenvector_of_a_path_and_a_split_network():
    g = weighted([("a", "b", 1), ("b", "c", 1), ("x", "y", 1)])
    e = analysis.eigenvector(g)
    assert e["b"] / e["a"] == pytest.approx(2 ** 0.5, rel=1e-3)
    # The pair's unit vector (0.707 each) scaled by its eigenvalue 1 over the path's sqrt(2).
    assert e["x"] == pytest.approx(0.7071 / 2 ** 0.5, rel=1e-3)
    assert e["b"] == pytest.approx(0.7071, rel=1e-3)


def test_louvain_is_deterministic_and_finds_two_cliques():
    g = nx.Graph()
    g.add_edges_from(((u, v, {"papers": 1}) for u in "abcd" for v in "abcd" if u < v))
    g.add_edges_from(((u, v, {"papers": 1}) for u in "wxyz" for v in "wxyz" if u < v))
    g.add_edge("d", "w", papers=1)
    first = analysis.communities(g)
    assert first == analysis.communities(g)
    assert {first[n] for n in "abcd"} != {first[n] for n in "wxyz"}
    assert len({first[n] for n in "abcd"}) == len({first[n] for n in "wxyz"}) == 1


def test_newman_fractional_weights():
    papers = [Paper("p1", "T1", "T1", None, ["a", "b", "c"], [], []), Paper("p2", "T2", "T2", None, ["a", "b"], [], [])]
    g = coauthor_graph(Corpus(papers, {k: Person(k, k) for k in "abc"}, []))
    assert g["a"]["b"] == {"papers": 2, "newman": 1.5}
    assert g["a"]["c"] == {"papers": 1, "newman": 0.5}


@pytest.fixture(scope="module")
def seed_graph(corpus):
    return coauthor_graph(corpus)


def _group(g, corpus, name):
    return person_named(corpus, name).id


@pytest.mark.parametrize("bridge, one_side, other_side", [
    ("Xue Liu", "Jie Fu", "Ziquan Liu"),
    ("Issam Hadj Laradji", "Alexandre Lacoste", "Sharan Vaswani"),
])
def test_seed_bridges_join_two_groups_and_top_betweenness(corpus, seed_graph, bridge, one_side, other_side):
    g = seed_graph
    b, x, y = (_group(g, corpus, n) for n in (bridge, one_side, other_side))
    assert nx.has_path(g, x, y)
    without = g.copy()
    without.remove_node(b)
    assert not nx.has_path(without, x, y)
    top_two = [n for n, _ in analysis.ranking(analysis.betweenness(g))[:2]]
    assert b in top_two


def test_johan_obando_ceron_has_one_coauthor_in_the_seeds(corpus, seed_graph):
    # Issue 4 lists him as a bridge, but the seeds give him a solo paper (000, line 32) and
    # one paper with Ghada Sokar (003, line 6): in the co-authorship network he links nobody.
    johan = _group(seed_graph, corpus, "Johan Samir Obando Ceron")
    assert [corpus.persons[n].name for n in seed_graph.neighbors(johan)] == ["Ghada Sokar"]
    assert analysis.betweenness(seed_graph)[johan] == 0.0


def test_engines_agree_on_the_seeds(seed_graph):
    nx_values = analysis.betweenness(seed_graph, engine="networkx")
    ig_values = analysis.betweenness(seed_graph, engine="igraph")
    assert ig_values == pytest.approx(nx_values, abs=1e-12)
    sampled_all = analysis.betweenness(seed_graph, k=seed_graph.number_of_nodes(), engine="igraph")
    assert sampled_all == pytest.approx(nx_values, abs=1e-12)
    nx_parts = analysis.communities(seed_graph, engine="networkx")
    ig_parts = analysis.communities(seed_graph, engine="igraph")
    modularity = [nx.community.modularity(seed_graph, _parts(p), weight="papers") for p in (nx_parts, ig_parts)]
    assert modularity[0] == pytest.approx(modularity[1], abs=0.02)


def _parts(membership):
    groups = {}
    for node, c in membership.items():
        groups.setdefault(c, set()).add(node)
    return list(groups.values())


def test_suggestions_use_common_coauthors_and_never_existing_ones(corpus, seed_graph):
    jie = _group(seed_graph, corpus, "Jie Fu")
    rows = analysis.suggest(seed_graph, jie, {}, top=20)
    suggested = {r["person"] for r in rows}
    assert jie not in suggested and not suggested & set(seed_graph.neighbors(jie))
    ziquan = _group(seed_graph, corpus, "Ziquan Liu")
    row = next(r for r in rows if r["person"] == ziquan)
    assert row["common_coauthors"] == [_group(seed_graph, corpus, "Xue Liu")]
    assert row["score"] == pytest.approx(1 / math.log(11), abs=1e-4)  # Adamic-Adar: Xue Liu has 11 co-authors


def test_suggestions_use_shared_topics():
    g = weighted([("a", "b", 1), ("c", "d", 1)])
    expertise = {"a": {"rl": 1.0}, "c": {"rl": 0.5, "nlp": 0.5}, "d": {"nlp": 1.0}}
    (row,) = analysis.suggest(g, "a", expertise)
    assert row["person"] == "c" and row["shared_concepts"] == ["rl"] and row["common_coauthors"] == []


@pytest.mark.parametrize("metric", analysis.METRICS)
def test_every_metric_handles_empty_and_edgeless_graphs(metric):
    assert analysis.compute(nx.Graph(), metric) == {}
    lonely = nx.Graph()
    lonely.add_nodes_from(["a", "b"])
    assert set(analysis.compute(lonely, metric)) == {"a", "b"}


def test_large_networks_sample_betweenness_and_refuse_closeness(monkeypatch):
    from kgraph import analysis

    g = nx.barabasi_albert_graph(6000, 2, seed=1)
    assert analysis.sample_size(g) == 500 and analysis.sample_size(nx.path_graph(50)) is None
    calls = {}
    monkeypatch.setattr(analysis, "betweenness", lambda g, **kw: calls.setdefault("k", kw.get("k")) and {})
    analysis.compute(g, "betweenness")
    assert calls["k"] == 500
    monkeypatch.setattr(analysis, "CLOSENESS_MAX_NODES", 1000)
    with pytest.raises(analysis.TooLarge, match="6,000 people"):
        analysis.compute(g, "closeness")
