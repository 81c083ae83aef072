"""Graph: the co-authorship network of a resolved corpus (networkx)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

from kgraph.model import Corpus


def coauthor_graph(corpus: Corpus, since: int | None = None) -> nx.Graph:
    """Persons as nodes; an edge per pair with joint papers.

    Edge attributes: `papers` (joint paper count) and `newman` (sum over joint papers of
    1/(n-1), n the paper's author count); with dated papers also `by_year` ({year: joint
    papers}), `years` (the same as text, "2019:1 2021:2", for GraphML/GEXF), `first_year`
    and `last_year`. Papers with one author add no edge. With `since`, only papers of
    that year or later count (undated papers are left out).

    >>> from kgraph.model import Corpus, Paper, Person
    >>> p = Paper("p", "T", "T", None, ["a", "b", "c"], [], [])
    >>> g = coauthor_graph(Corpus([p], {k: Person(k, k) for k in "abc"}, []))
    >>> g["a"]["b"]
    {'papers': 1, 'newman': 0.5}
    >>> g.nodes["a"]["papers"]
    1
    """
    g = nx.Graph()
    counts: dict[str, int] = {}
    papers = [p for p in corpus.papers if since is None or (p.year is not None and p.year >= since)]
    for paper in papers:
        for author in set(paper.authors):
            counts[author] = counts.get(author, 0) + 1
    for pid, person in corpus.persons.items():
        g.add_node(pid, label=person.name, papers=counts.get(pid, 0),
                   variants=[v for v in person.variants if v != person.name])
    for paper in papers:
        authors = sorted(set(paper.authors))
        if len(authors) < 2:
            continue
        share = 1.0 / (len(authors) - 1)
        for a, b in combinations(authors, 2):
            if g.has_edge(a, b):
                g[a][b]["papers"] += 1
                g[a][b]["newman"] += share
            else:
                g.add_edge(a, b, papers=1, newman=share)
            if paper.year:
                by_year = g[a][b].setdefault("by_year", {})
                by_year[paper.year] = by_year.get(paper.year, 0) + 1
    for _, _, data in g.edges(data=True):
        if "by_year" in data:
            years = sorted(data["by_year"])
            data.update(years=" ".join(f"{y}:{data['by_year'][y]}" for y in years), first_year=years[0], last_year=years[-1])
    return g


def topic_graph(corpus: Corpus, min_papers: int = 1) -> nx.Graph:
    """Concept co-occurrence over papers, with binary counting (a paper counts once).

    Concepts found in fewer than `min_papers` papers are left out (VOSviewer's minimum
    number of occurrences): on a field-sized corpus most concepts occur once and would
    only add noise and millions of edges.

    Node attributes: `label`, `type`, `papers` (papers about the concept). Edge
    attributes: `papers` (papers about both) and `association` (association strength,
    the observed co-occurrence over the expected one: c_ij * N / (c_i * c_j), as in
    VOSviewer; above 1 means the two go together more than chance).

    >>> from kgraph.model import Concept, ConceptLink, Corpus
    >>> links = [ConceptLink(p, c, 1.0, []) for p, c in [("p1", "a"), ("p1", "b"), ("p2", "a")]]
    >>> concepts = {c: Concept(c, c.upper(), "method") for c in "ab"}
    >>> g = topic_graph(Corpus([], {}, [], concepts, links))
    >>> g["a"]["b"]
    {'papers': 1, 'association': 1.0}
    """
    about: dict[str, set[str]] = {}
    for link in corpus.links:
        about.setdefault(link.paper_id, set()).add(link.concept_id)
    counts = Counter(cid for concepts in about.values() for cid in concepts)
    g = nx.Graph()
    for cid, concept in corpus.concepts.items():
        if counts[cid] >= min_papers:
            g.add_node(cid, label=concept.label, type=concept.type, papers=counts[cid])
    for concepts in about.values():
        for a, b in combinations(sorted(c for c in concepts if c in g), 2):
            if g.has_edge(a, b):
                g[a][b]["papers"] += 1
            else:
                g.add_edge(a, b, papers=1)
    n = len(about)
    for a, b, data in g.edges(data=True):
        data["association"] = round(data["papers"] * n / (g.nodes[a]["papers"] * g.nodes[b]["papers"]), 6)
    return g


def expertise(corpus: Corpus) -> dict[str, dict[str, float]]:
    """Author -> concept -> expertise weight.

    Each paper gives its concepts 1/n to each of its n authors (fractional counting),
    so a weight is "papers' worth" of work on the concept.

    >>> from kgraph.model import Concept, ConceptLink, Corpus, Paper, Person
    >>> p = Paper("p", "T", "T", None, ["x", "y"], [], [])
    >>> c = Corpus([p], {}, [], {"m": Concept("m", "M", "method")}, [ConceptLink("p", "m", 1.0, [])])
    >>> expertise(c)
    {'x': {'m': 0.5}, 'y': {'m': 0.5}}
    """
    authors = {p.id: p.authors for p in corpus.papers}
    weights: dict[str, dict[str, float]] = {}
    for link in corpus.links:
        people = authors.get(link.paper_id, [])
        for person in people:
            row = weights.setdefault(person, {})
            row[link.concept_id] = row.get(link.concept_id, 0.0) + 1.0 / len(people)
    return weights


def author_paper_graph(corpus: Corpus) -> nx.Graph:
    """The bipartite author-paper graph: persons (bipartite=0) linked to their papers (bipartite=1).

    >>> from kgraph.model import Corpus, Paper, Person
    >>> p = Paper("p", "T", "T", None, ["a", "b"], [], [])
    >>> sorted(author_paper_graph(Corpus([p], {k: Person(k, k) for k in "ab"}, [])).edges)
    [('a', 'paper:p'), ('b', 'paper:p')]
    """
    g = nx.Graph()
    for pid, person in corpus.persons.items():
        g.add_node(pid, label=person.name, bipartite=0)
    for paper in corpus.papers:
        node = f"paper:{paper.id}"
        g.add_node(node, label=paper.label, bipartite=1)
        g.add_edges_from((author, node) for author in paper.authors)
    return g


def papers_by_person(corpus: Corpus) -> dict[str, list[str]]:
    """Person -> labels of their papers."""
    out: dict[str, list[str]] = {}
    for paper in corpus.papers:
        for author in dict.fromkeys(paper.authors):
            out.setdefault(author, []).append(paper.label)
    return out


def papers_by_concept(corpus: Corpus) -> dict[str, list[str]]:
    """Concept -> labels of the papers about it."""
    label = {p.id: p.label for p in corpus.papers}
    out: dict[str, list[str]] = {}
    for link in corpus.links:
        out.setdefault(link.concept_id, []).append(label[link.paper_id])
    return out


def topics_by_person(corpus: Corpus, weights: dict[str, dict[str, float]] | None = None,
                     top: int = 6) -> dict[str, list[str]]:
    """Person -> labels of their strongest concepts (by expertise weight, computed if not given)."""
    weights = expertise(corpus) if weights is None else weights
    return {person: [corpus.concepts[c].label for c, _ in sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
            for person, row in weights.items()}
