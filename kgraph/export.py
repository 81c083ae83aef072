"""Export of tables: the merge review, concepts with evidence, topic network, expertise.

RDF export is in `rdf.py`; everything here is plain TSV, CSV or JSON that the CLI
commands and users' own scripts read.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from kgraph.graph import expertise
from kgraph.model import Concept, ConceptLink, Corpus, Paper, Person

NETWORK_FILE = "network.json"
REVIEW_FILE = "merges.tsv"
CONCEPTS_FILE = "concepts.json"
EXPERTISE_FILE = "expertise.csv"


def write_review(path: Path, corpus: Corpus) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["kind", "decision", "canonical", "variant", "rule", "evidence"])
        for m in corpus.merges:
            writer.writerow([m.kind, m.decision, m.canonical, m.variant, m.rule, m.evidence])


def _concept_rows(corpus: Corpus) -> tuple[list[dict], dict[str, list[dict]]]:
    counts = Counter(link.concept_id for link in corpus.links)
    concepts = [{"id": c.id, "label": c.label, "type": c.type, "alt_labels": c.alt_labels,
                 "broader": c.broader, "papers": counts[c.id], "found_by": c.sources}
                for c in sorted(corpus.concepts.values(), key=lambda c: (-counts[c.id], c.label))]
    by_paper: dict[str, list] = {}
    for link in corpus.links:
        by_paper.setdefault(link.paper_id, []).append({
            "concept": link.concept_id,
            "score": link.score,
            "evidence": [{"field": e.field, "file": e.at.file if e.at else None, "line": e.at.line if e.at else None,
                          "start": e.start, "end": e.end, "extractor": e.source, "sentence": e.sentence}
                         for e in link.evidence],
        })
    return concepts, by_paper


def concepts_document(corpus: Corpus) -> dict:
    """Concepts with paper counts, and every paper's concepts with their evidence."""
    concepts, by_paper = _concept_rows(corpus)
    return {"concepts": concepts,
            "papers": [{"id": p.id, "label": p.label, "title": p.title, "concepts": by_paper.get(p.id, [])}
                       for p in corpus.papers]}


def write_concepts(path: Path, corpus: Corpus) -> None:
    """concepts_document as JSON, written one concept or paper per line (a field-sized
    corpus gives hundreds of megabytes: never one string in memory)."""
    concepts, by_paper = _concept_rows(corpus)
    dump = json.JSONEncoder(ensure_ascii=False).encode
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"concepts": [\n')
        fh.write(",\n".join(map(dump, concepts)))
        fh.write('\n],\n"papers": [\n')
        for i, paper in enumerate(corpus.papers):
            row = {"id": paper.id, "label": paper.label, "title": paper.title, "concepts": by_paper.get(paper.id, [])}
            fh.write(("," if i else "") + dump(row) + "\n")
        fh.write("]}\n")


def write_expertise(path: Path, corpus: Corpus, weights: dict[str, dict[str, float]] | None = None) -> None:
    weights = expertise(corpus) if weights is None else weights
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["person", "name", "concept", "label", "weight"])
        for person, row in sorted(weights.items()):
            for concept, weight in sorted(row.items(), key=lambda kv: (-kv[1], kv[0])):
                writer.writerow([person, corpus.persons[person].name, concept,
                                 corpus.concepts[concept].label, round(weight, 4)])


def write_network(path: Path, corpus: Corpus) -> None:
    """The resolved corpus without text: what `centrality`, `author` and `suggest` read."""
    concepts_of: dict[str, list] = {}
    for link in corpus.links:
        concepts_of.setdefault(link.paper_id, []).append([link.concept_id, link.score])
    doc = {
        "persons": [[p.id, p.name, p.variants] for p in corpus.persons.values()],
        "papers": [[p.id, p.label, p.title, p.authors, concepts_of.get(p.id, []), p.abstract is not None, p.year]
                   for p in corpus.papers],
        "concepts": [[c.id, c.label, c.type] for c in corpus.concepts.values()],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def read_network(path: Path) -> Corpus:
    """A Corpus with persons, papers (labels, authors), concepts and links; no text."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    persons = {pid: Person(pid, name, variants) for pid, name, variants in doc["persons"]}
    papers, links = [], []
    for pid, label, title, authors, concepts, has_abstract, *rest in doc["papers"]:
        papers.append(Paper(pid, title, label, "" if has_abstract else None, authors, [], [], year=rest[0] if rest else None))
        links.extend(ConceptLink(pid, cid, score, []) for cid, score in concepts)
    concepts = {cid: Concept(cid, label, kind) for cid, label, kind in doc["concepts"]}
    return Corpus(papers, persons, [], concepts, links)
