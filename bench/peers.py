"""kgraph beside the tools users pick today, on the same BibTeX files, in one run.

Tools (each one a separate process under /usr/bin/time -v, for wall time and peak RSS):
- kgraph: `python -m kgraph build FILE --no-keywords --no-html` (it also writes RDF, the
  merge log, GraphML/GEXF/CSV and VOSviewer files, which the others do not);
- litstudy 1.0.6: `load_bibtex` + `build_coauthor_network`;
- bib2graph 0.15.1: `BibtexSource().load` + `AuthorCollaborationProjector`;
- a hand-rolled script: bibtexparser 1.x + networkx, one node per written name.
The peers need bibtexparser 1.x, which kgraph (bibtexparser 2) cannot share an environment
with, so they run in their own virtual environment (made on first use in --venv).

Inputs: ../shared/eval/acl/sample_2k.bib, and a larger BibTeX file written from the ACL
JSON Lines corpus (--papers, default 20,000). Each tool's co-author network is read
back and compared with the Anthology's own author resolution (person_ids):
  nodes, edges; "split": gold persons that are more than one node; "merged": nodes that
  join two gold persons (catch-all persons left out).

    python3 bench/peers.py [--venv /tmp/kgraph-peers] [--papers 20000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "acl"
PEERS = ["litstudy==1.0.6", "bib2graph==0.15.1", "bibtexparser>=1.4,<2", "networkx"]

# Each peer script prints one JSON line: {"nodes": {node: label}, "edges": [[a, b], ...],
# "mentions": [[entry key, position, node], ...]} so the bench can score its persons.
LITSTUDY = """
import json, sys, litstudy
docs = litstudy.load_bibtex(sys.argv[1])
g = litstudy.build_coauthor_network(docs)
index = {d["title"]: n for n, d in g.nodes(data=True)}
mentions = [[doc.entry["ID"], i, index.get(a.name)] for doc in docs for i, a in enumerate(doc.authors or []) if a.name]
print(json.dumps({"nodes": {n: d["title"] for n, d in g.nodes(data=True)}, "edges": list(g.to_undirected().edges()),
                  "mentions": mentions}))
"""
BIB2GRAPH = """
import json, sys, warnings
warnings.simplefilter("ignore")
from bib2graph import BibtexSource, Networks
corpus = BibtexSource().load(sys.argv[1])
(g,) = [a.graph for a in Networks.quick(corpus) if a.spec.kind.value == "author_collab"]
print(json.dumps({"nodes": {str(n): str(n) for n in g.nodes}, "edges": [[str(a), str(b)] for a, b in g.edges()],
                  "mentions": []}))
"""
HAND_ROLLED = """
import json, sys, itertools, bibtexparser, networkx as nx
from bibtexparser.bparser import BibTexParser
db = bibtexparser.load(open(sys.argv[1], encoding="utf-8"), parser=BibTexParser(common_strings=True))
g = nx.Graph()
mentions = []
for e in db.entries:
    names = [a.strip() for a in e.get("author", "").replace("\\n", " ").split(" and ") if a.strip()]
    mentions += [[e["ID"], i, n] for i, n in enumerate(names)]
    g.add_nodes_from(names)
    for a, b in itertools.combinations(names, 2):
        w = g.get_edge_data(a, b, {"weight": 0})["weight"]
        g.add_edge(a, b, weight=w + 1)
print(json.dumps({"nodes": {n: n for n in g.nodes}, "edges": list(g.edges()), "mentions": mentions}))
"""


def ensure_venv(venv: Path) -> Path:
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEERS], check=True)
    return python


def timed(command: list[str]) -> tuple[float, float, str, str]:
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    own = done.stderr.split("\tCommand being timed")[0].strip().splitlines()
    error = "" if done.returncode == 0 else (own or ["failed"])[-1]
    return wall, int(peak.group(1)) / 1024 if peak else 0.0, done.stdout, error


def gold_by_key(bib: Path) -> dict[str, list[str]]:
    """BibTeX key -> the Anthology's person id of each author slot (via the note's Anthology id)."""
    ids = {}
    for match in re.finditer(r"@\w+\{([^,]+),.*?note = \{ACL Anthology ID ([^}]+)\}", bib.read_text(encoding="utf-8"), re.S):
        ids[match.group(2).strip()] = match.group(1).strip()
    out = {}
    with gzip.open(EVAL / "acl-2016-2025.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            paper = json.loads(line)
            if paper["id"] in ids:
                out[ids[paper["id"]]] = paper["person_ids"]
    return out


def catch_all() -> set[str]:
    with gzip.open(EVAL / "persons.tsv.gz", "rt", encoding="utf-8") as fh:
        return {row.split("\t")[0] for row in fh if row.split("\t")[1] in ("catchall", "catch_all")}


def score(mentions: list, gold: dict[str, list[str]], excluded: set[str]) -> tuple[int, int]:
    """(gold persons split over several nodes, nodes joining several gold persons)."""
    nodes_of, persons_of = defaultdict(set), defaultdict(set)
    for key, position, node in mentions:
        slots = gold.get(key)
        if node is None or slots is None or position >= len(slots) or slots[position] in excluded:
            continue
        nodes_of[slots[position]].add(node)
        persons_of[node].add(slots[position])
    return sum(len(n) > 1 for n in nodes_of.values()), sum(len(p) > 1 for p in persons_of.values())


def kgraph_run(bib: Path, out: Path) -> tuple[float, float, dict, str]:
    wall, peak, _, error = timed([sys.executable, "-m", "kgraph", "build", str(bib), "--out", str(out), "--no-keywords",
                                  "--no-html", "-q"])
    if error:
        return wall, peak, {}, error
    network = json.loads((out / "network.json").read_text(encoding="utf-8"))
    edges = sum(1 for _ in (out / "coauthors-edges.csv").open(encoding="utf-8")) - 1
    key_of = {}  # record line -> BibTeX key (the entry line holds "@inproceedings{key,")
    for n, line in enumerate(bib.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r"@\w+\{([^,]+),", line)
        if m:
            key_of[n] = m.group(1)
    mentions = []
    signatures = csv_signatures(out)
    for line, position, person in signatures:
        mentions.append([key_of.get(line), position, person])  # records start at their "@type{key," line
    return wall, peak, {"nodes": {p[0]: p[1] for p in network["persons"]}, "edges": [None] * edges, "mentions": mentions}, ""


def csv_signatures(out: Path) -> list[tuple[int, int, str]]:
    """(record line, author position, person id) from graph.ttl's signatures, via Oxigraph."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    query = """PREFIX kg: <https://kgraph.example/vocab#> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?line ?ordinal ?person WHERE { ?s a kg:Signature ; kg:signatureOrdinal ?ordinal ; kg:signatureCreator ?person ;
    prov:wasDerivedFrom ?record . ?record kg:sourceLine ?line }"""
    return [(int(r["line"].value), int(r["ordinal"].value) - 1, r["person"].value.rsplit("/", 1)[-1])
            for r in store.query(query)]


def write_bib(path: Path, papers: int) -> Path:
    """ACL papers as BibTeX ("Last, First and ..." authors, note = Anthology id)."""
    with gzip.open(EVAL / "acl-2016-2025.jsonl.gz", "rt", encoding="utf-8") as fh, path.open("w", encoding="utf-8") as out:
        for n, line in enumerate(fh):
            if n >= papers:
                break
            p = json.loads(line)
            authors = " and ".join(", ".join(reversed(a.rsplit(" ", 1))) if " " in a else a for a in p["authors"])
            title = p["title"].replace("{", "").replace("}", "")
            out.write(f"@inproceedings{{p{n},\n  author = {{{authors}}},\n  title = {{{title}}},\n  year = {{{p['year']}}},\n"
                      f"  booktitle = {{{p.get('venue') or ''}}},\n  note = {{ACL Anthology ID {p['id']}}}\n}}\n\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/kgraph-peers"), help="environment for the peer tools")
    parser.add_argument("--papers", type=int, default=20000, help="papers in the larger generated BibTeX file")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"skipped: {EVAL} not found (the ACL evaluation data lives in ../shared/eval)")
    python = ensure_venv(args.venv)
    work = Path(tempfile.mkdtemp(prefix="kgraph-peers-"))
    excluded = catch_all()
    inputs = [EVAL / "sample_2k.bib", write_bib(work / f"acl-{args.papers // 1000}k.bib", args.papers)]
    for bib in inputs:
        gold = gold_by_key(bib)
        persons = len({p for slots in gold.values() for p in slots if p not in excluded})
        print(f"\n{bib.name}: {len(gold):,} entries, {persons:,} gold persons (catch-all left out)")
        print(f"{'tool':<14} {'seconds':>8} {'peak MiB':>9} {'nodes':>8} {'edges':>9} {'split':>6} {'merged':>7}  note")
        runs = {"kgraph": kgraph_run(bib, work / "kgraph-out")}
        for name, script in (("litstudy", LITSTUDY), ("bib2graph", BIB2GRAPH), ("hand-rolled", HAND_ROLLED)):
            script_file = work / f"run_{name.replace('-', '_')}.py"  # not the package's own name
            script_file.write_text(textwrap.dedent(script), encoding="utf-8")
            wall, peak, stdout, error = timed([str(python), str(script_file), str(bib)])
            runs[name] = (wall, peak, json.loads(stdout.splitlines()[-1]) if stdout.strip() and not error else {}, error)
        for name, (wall, peak, result, error) in runs.items():
            if error:
                print(f"{name:<14} {wall:>8.1f} {peak:>9.0f} {'-':>8} {'-':>9} {'-':>6} {'-':>7}  failed: {error[:90]}")
                continue
            split, merged = score(result["mentions"], gold, excluded) if result["mentions"] else ("-", "-")
            print(f"{name:<14} {wall:>8.1f} {peak:>9.0f} {len(result['nodes']):>8,} {len(result['edges']):>9,} "
                  f"{split:>6} {merged:>7}")


if __name__ == "__main__":
    main()
