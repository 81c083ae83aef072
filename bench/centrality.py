"""Centrality time on a large co-authorship network, and how well sampled betweenness ranks.

Reads SNAP's CA-HepPh (../shared/eval/coauthorship/CA-HepPh.txt.gz: 12,008 authors,
118,489 edges; Leskovec et al. 2007), times kgraph's degree, PageRank and eigenvector,
then compares betweenness from k sampled sources with exact betweenness: Spearman rank
correlation over all nodes and overlap of the top 100.

    python3 bench/centrality.py [--samples 100,200,500,1000]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

import networkx as nx
from scipy.stats import spearmanr

from kgraph import analysis

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "coauthorship" / "CA-HepPh.txt.gz"


def load() -> nx.Graph:
    g = nx.Graph()
    with gzip.open(DATA, "rt") as fh:
        g.add_edges_from(tuple(line.split()) for line in fh if line.strip() and not line.startswith("#"))
    g.remove_edges_from(nx.selfloop_edges(g))
    return g


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def top(values: dict, n: int = 100) -> set:
    return {node for node, _ in analysis.ranking(values)[:n]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default="100,200,500,1000", help="source sample sizes to compare")
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"skipped: {DATA} not found (the evaluation data lives in ../shared/eval)")
    g = load()
    print(f"CA-HepPh: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges (unweighted: every edge papers=1)")
    for name in ("degree", "pagerank", "eigenvector", "communities"):
        fn = getattr(analysis, name)
        _, seconds = timed(fn, g)
        print(f"{name:<12} {seconds:6.2f} s")
    exact, seconds = timed(analysis.betweenness, g)
    print(f"{'betweenness exact':<28} {seconds:6.1f} s")
    nodes = list(g)
    print(f"{'sources k':>10} {'seconds':>8} {'Spearman':>9} {'top-100 overlap':>16}")
    for k in (int(s) for s in args.samples.split(",")):
        sampled, seconds = timed(analysis.betweenness, g, k=k)
        rho = spearmanr([exact[n] for n in nodes], [sampled[n] for n in nodes]).statistic
        overlap = len(top(exact) & top(sampled))
        print(f"{k:>10} {seconds:>8.2f} {rho:>9.3f} {overlap:>12}/100")


if __name__ == "__main__":
    main()
