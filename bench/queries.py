"""SPARQL engines on about a million triples: load and query time, rdflib vs Oxigraph.

The graph is kgraph's own RDF of the first N ACL Anthology papers (records made from
../shared/eval/acl/acl-2016-2025.jsonl.gz, resolved, exported; no concept extraction),
written as Turtle. Every bundled query runs on Oxigraph; rdflib runs the same queries
unless --rdflib-queries limits them (it needs minutes per aggregate at this size).

    python3 bench/queries.py [--papers 22000] [--rdflib-queries coauthors,papers-of-author]
    python3 bench/queries.py --graph output/graph.ttl --rdflib-queries none   # a whole build, Oxigraph only
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from resolve_scale import EVAL, load  # noqa: E402

from kgraph.query import available, load_graph, load_query, run  # noqa: E402
from kgraph.rdf import write  # noqa: E402
from kgraph.resolve import resolve  # noqa: E402

PARAMS = {"name": "Timothy Baldwin", "topic": "machine translation"}


def timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=22000)
    parser.add_argument("--graph", type=Path, help="query this built graph.ttl instead of building one")
    parser.add_argument("--rdflib-queries", default="coauthors,papers-of-author,name-variants",
                        help="comma-separated query names for rdflib, or 'all'")
    args = parser.parse_args()
    if not EVAL.is_dir() and args.graph is None:
        sys.exit(f"skipped: {EVAL} not found")
    with tempfile.TemporaryDirectory() as tmp:
        path = args.graph or Path(tmp) / "graph.ttl"
        if args.graph is None:
            records, _ = load(args.papers)
            _, write_s = timed(write, resolve(records), path, "ttl")
            print(f"{args.papers:,} papers, Turtle written in {write_s:.0f} s")
        count = sum(1 for line in path.open(encoding="utf-8") if line.strip().endswith((".", ";", ",")))
        print(f"{path}: about {count:,} statements, Turtle {path.stat().st_size / 2**20:.0f} MiB")
        wanted = None if args.rdflib_queries == "all" else set(args.rdflib_queries.split(","))
        engines = ("oxigraph",) if args.rdflib_queries == "none" else ("oxigraph", "rdflib")
        results = {}
        for engine in engines:
            loaded, load_s = timed(load_graph, path, engine)
            print(f"\n{engine}: load {load_s:.1f} s")
            for query_path in available():
                if engine == "rdflib" and wanted is not None and query_path.stem not in wanted:
                    continue
                query = load_query(query_path)
                values = {p.name: PARAMS[p.name] for p in query.params}
                (names, rows), seconds = timed(run, loaded, query, values)
                results.setdefault(query_path.stem, {})[engine] = (seconds, len(rows))
                print(f"  {query_path.stem:<24} {seconds:>8.2f} s  {len(rows):>7,} rows")
        print("\nquery                      oxigraph      rdflib   same rows")
        for name, by in results.items():
            ox, rd = by.get("oxigraph"), by.get("rdflib")
            print(f"{name:<24} {ox[0]:>9.2f} s {(f'{rd[0]:9.2f} s' if rd else '          -'):>11}   "
                  f"{('yes' if rd and rd[1] == ox[1] else '-') if rd else ''}")


if __name__ == "__main__":
    main()
