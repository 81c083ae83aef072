"""Graph: the co-authorship network of a resolved corpus (networkx)."""

from __future__ import annotations

from itertools import combinations

import networkx as nx

from kgraph.model import Corpus


def coauthor_graph(corpus: Corpus) -> nx.Graph:
    """Persons as nodes; an edge per pair with joint papers.

    Edge attributes: `papers` (joint paper count) and `newman` (sum over joint papers of
    1/(n-1), n the paper's author count). Papers with one author add no edge.

    >>> from kgraph.model import Corpus, Paper, Person
    >>> p = Paper("p", "T", "T", None, ["a", "b", "c"], [], [])
    >>> g = coauthor_graph(Corpus([p], {k: Person(k, k) for k in "abc"}, []))
    >>> g["a"]["b"]
    {'papers': 1, 'newman': 0.5}
    """
    g = nx.Graph()
    for pid, person in corpus.persons.items():
        g.add_node(pid, name=person.name)
    for paper in corpus.papers:
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
    return g
