"""Reading a finished build back for the CLI: concepts, papers, centrality, people."""

from __future__ import annotations

import json
from pathlib import Path

from kgraph import analysis
from kgraph.export import CONCEPTS_FILE, NETWORK_FILE, read_network
from kgraph.graph import coauthor_graph, expertise
from kgraph.model import Corpus, Person
from kgraph.names import fold, parse_name


class ReportError(Exception):
    """A one-line problem: no build, no such paper."""


def load_concepts(out: Path) -> dict:
    path = out / CONCEPTS_FILE
    if not path.is_file():
        raise ReportError(f"{path}: no concepts here; run `kgraph build` (without --no-keywords) first")
    return json.loads(path.read_text(encoding="utf-8"))


def top_concepts(doc: dict, top: int, kind: str | None = None) -> list[dict]:
    """The concepts with the most papers, optionally of one type."""
    rows = [c for c in doc["concepts"] if kind is None or c["type"] == kind]
    return rows[:top] if top > 0 else rows


def find_paper(doc: dict, title: str) -> dict:
    """The paper whose title or label matches: exactly (case/accents aside), else as a substring."""
    wanted = fold(title).strip()
    papers = doc["papers"]
    exact = [p for p in papers if fold(p["label"]) == wanted or fold(p["title"] or "") == wanted]
    found = exact or [p for p in papers if wanted in fold(p["label"])]
    if not found:
        raise ReportError(f"no paper matches {title!r}")
    if len(found) > 1:
        options = "; ".join(p["label"][:70] for p in found[:5])
        raise ReportError(f"{len(found)} papers match {title!r}: {options}")
    paper = dict(found[0])
    by_id = {c["id"]: c for c in doc["concepts"]}
    paper["concepts"] = [{**link, "label": by_id[link["concept"]]["label"], "type": by_id[link["concept"]]["type"]}
                         for link in paper["concepts"]]
    return paper


def load_network(out: Path) -> Corpus:
    path = out / NETWORK_FILE
    if not path.is_file():
        raise ReportError(f"{path}: no built network here; run `kgraph build` first or pass --out")
    return read_network(path)


def find_person(corpus: Corpus, name: str) -> Person:
    """The person with this name or written variant (case and accents aside)."""
    wanted = parse_name(name).folded  # "Liu, Xue" = "Xue Liu" = "XUE LIU"
    found = [p for p in corpus.persons.values() if wanted in {parse_name(v).folded for v in [p.name, *p.variants]}]
    if not found:
        raise ReportError(f"no person named {name!r}")
    if len(found) > 1:
        raise ReportError(f"{len(found)} people are written {name!r}: " + "; ".join(p.name for p in found))
    return found[0]


def centrality_table(corpus: Corpus, metrics: list[str], top: int,
                     since: int | None = None) -> tuple[list[str], list[list[str]]]:
    """Columns and rows: people ranked by the first metric, with every asked metric.

    With `since`, the network holds only papers of that year or later."""
    g = coauthor_graph(corpus, since)
    if since is not None:
        g = g.subgraph([n for n, d in g.nodes(data=True) if d["papers"]]).copy()
    try:
        values = {m: analysis.compute(g, m) for m in metrics}
    except analysis.TooLarge as err:
        raise ReportError(str(err)) from None
    community = analysis.communities(g)
    order = analysis.ranking(values[metrics[0]])
    rows = [[str(i), corpus.persons[n].name, *(f"{values[m][n]:.6g}" for m in metrics), str(community[n] + 1)]
            for i, (n, _) in enumerate(order[:top] if top > 0 else order, 1)]
    return ["rank", "person", *metrics, "community"], rows


def author_profile(corpus: Corpus, name: str) -> dict:
    """A person's papers, co-authors, topics, centrality ranks and community."""
    person = find_person(corpus, name)
    g = coauthor_graph(corpus)
    pid = person.id
    coauthors = sorted(((corpus.persons[o].name, g[pid][o]["papers"]) for o in g.neighbors(pid)),
                       key=lambda c: (-c[1], c[0]))
    ranks = {m: (analysis.ranks(analysis.compute(g, m))[pid], g.number_of_nodes()) for m in analysis.METRICS
             if m != "closeness" or g.number_of_nodes() <= analysis.CLOSENESS_MAX_NODES}
    community = analysis.communities(g)
    members = sorted(corpus.persons[n].name for n, c in community.items() if c == community[pid])
    topics = expertise(corpus).get(pid, {})
    return {
        "name": person.name, "variants": [v for v in person.variants if v != person.name],
        "papers": [p.label for p in corpus.papers if pid in p.authors],
        "coauthors": coauthors,
        "topics": [(corpus.concepts[c].label, round(w, 3)) for c, w in sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
        "ranks": ranks,
        "community": (community[pid] + 1, len(members), members[:12]),
    }


def suggestions(corpus: Corpus, name: str, top: int) -> tuple[str, list[dict]]:
    person = find_person(corpus, name)
    rows = analysis.suggest(coauthor_graph(corpus), person.id, expertise(corpus), top)
    for row in rows:
        row["name"] = corpus.persons[row["person"]].name
        row["common_coauthors"] = [corpus.persons[c].name for c in row["common_coauthors"]]
        row["shared_concepts"] = [corpus.concepts[c].label for c in row["shared_concepts"]]
    return person.name, rows
