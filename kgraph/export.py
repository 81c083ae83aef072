"""Export of tables: the merge review, concepts with evidence, topic network, expertise.

RDF export is in `rdf.py`; everything here is plain TSV, CSV or JSON that the CLI
commands and users' own scripts read.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from kgraph.graph import expertise, topic_graph
from kgraph.model import Corpus

REVIEW_FILE = "merges.tsv"
CONCEPTS_FILE = "concepts.json"
TOPIC_NETWORK_FILE = "topic-network.csv"
EXPERTISE_FILE = "expertise.csv"


def write_review(path: Path, corpus: Corpus) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["kind", "decision", "canonical", "variant", "rule", "evidence"])
        for m in corpus.merges:
            writer.writerow([m.kind, m.decision, m.canonical, m.variant, m.rule, m.evidence])


def concepts_document(corpus: Corpus) -> dict:
    """Concepts with paper counts, and every paper's concepts with their evidence."""
    counts = Counter(link.concept_id for link in corpus.links)
    by_paper: dict[str, list] = {}
    for link in corpus.links:
        by_paper.setdefault(link.paper_id, []).append({
            "concept": link.concept_id,
            "score": link.score,
            "evidence": [{"field": e.field, "file": e.at.file if e.at else None, "line": e.at.line if e.at else None,
                          "start": e.start, "end": e.end, "extractor": e.source, "sentence": e.sentence}
                         for e in link.evidence],
        })
    return {
        "concepts": [{"id": c.id, "label": c.label, "type": c.type, "alt_labels": c.alt_labels,
                      "broader": c.broader, "papers": counts[c.id], "found_by": c.sources}
                     for c in sorted(corpus.concepts.values(), key=lambda c: (-counts[c.id], c.label))],
        "papers": [{"id": p.id, "label": p.label, "title": p.title, "concepts": by_paper.get(p.id, [])}
                   for p in corpus.papers],
    }


def write_concepts(path: Path, corpus: Corpus) -> None:
    path.write_text(json.dumps(concepts_document(corpus), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_topic_network(path: Path, corpus: Corpus) -> None:
    g = topic_graph(corpus)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["source", "target", "source_label", "target_label", "papers", "association_strength"])
        for a, b, data in sorted(g.edges(data=True), key=lambda e: (-e[2]["papers"], e[0], e[1])):
            writer.writerow([a, b, g.nodes[a]["label"], g.nodes[b]["label"], data["papers"], data["association"]])


def write_expertise(path: Path, corpus: Corpus) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["person", "name", "concept", "label", "weight"])
        for person, row in sorted(expertise(corpus).items()):
            for concept, weight in sorted(row.items(), key=lambda kv: (-kv[1], kv[0])):
                writer.writerow([person, corpus.persons[person].name, concept,
                                 corpus.concepts[concept].label, round(weight, 4)])
