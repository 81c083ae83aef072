"""The main job: inputs -> ingest -> resolve -> graph -> RDF and review files, atomically."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kgraph import __version__
from kgraph import analysis, export, views
from kgraph.graph import (author_paper_graph, coauthor_graph, expertise, papers_by_concept, papers_by_person,
                          topic_graph, topics_by_person)
from kgraph.extract import extract_concepts
from kgraph.extract.nlp import ModelMissing
from kgraph.ingest import Ingested, read_inputs
from kgraph.model import Corpus, Problem
from kgraph.output import staged
from kgraph.rdf import write
from kgraph.resolve import resolve
from kgraph.resolve.aliases import Aliases, load_aliases
from kgraph.vocab import DEFAULT_BASE_IRI

GRAPH_FILE = "graph"  # graph.ttl, graph.nt, graph.jsonld
REVIEW_FILE = export.REVIEW_FILE
SUMMARY_FILE = "summary.json"

Progress = Callable[[str], None]


class NothingUsable(Exception):
    """No input gave a single record; nothing was written."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass
class BuildOptions:
    inputs: list[Path]
    out: Path = Path("output")
    aliases: Path | None = None
    base_iri: str = DEFAULT_BASE_IRI
    formats: tuple[str, ...] = ("ttl",)
    encoding: str = "utf-8"
    keywords: bool = True  # extract method/dataset/topic concepts (spaCy)
    model: str | None = None  # spaCy model name; default from kgraph/data/extract.toml
    processes: int | None = None
    html: bool = True  # coauthors.html and topics.html
    view_metric: str = "pagerank"  # node size in coauthors.html
    view_limit: int = views.MAX_NODES


@dataclass
class BuildResult:
    ingested: Ingested
    corpus: Corpus
    coauthor_pairs: int
    problems: list[Problem]
    written: list[Path] = field(default_factory=list)

    def summary(self) -> dict:
        merges = Counter((m.kind, m.decision) for m in self.corpus.merges)
        return {
            "kgraph": __version__,
            "files_read": len(self.ingested.files_read),
            "files_given": len(self.ingested.files),
            "records": len(self.ingested.records),
            "papers": len(self.corpus.papers),
            "papers_without_authors": sum(not p.authors for p in self.corpus.papers),
            "persons": len(self.corpus.persons),
            "paper_merges": merges["paper", "merged"],
            "person_merges": merges["person", "merged"],
            "kept_apart": merges["person", "kept apart"] + merges["paper", "kept apart"],
            "coauthor_pairs": self.coauthor_pairs,
            "concepts": sum(c.type != "topic" for c in self.corpus.concepts.values()),
            "topics": len({link.concept_id for link in self.corpus.links
                           if self.corpus.concepts[link.concept_id].type == "topic"}),
            "concept_links": len(self.corpus.links),
            "skipped": [str(p) for p in self.problems],
            "files": [{"path": f.path, "layout": f.layout, "records": f.records} for f in self.ingested.files],
        }


def _annotate(g) -> None:
    """Centralities and communities as node attributes (for Gephi, VOSviewer and the views)."""
    big = g.number_of_nodes() > 5000
    values = {
        "degree": analysis.degree(g),
        "strength": analysis.strength(g),
        "pagerank": analysis.pagerank(g),
        "eigenvector": analysis.eigenvector(g),
        "betweenness": analysis.betweenness(g, k=500 if big else None),
        "community": analysis.communities(g),
    }
    for name, per_node in values.items():
        for node, value in per_node.items():
            g.nodes[node][name] = value


def _write_views(stage, options: BuildOptions, corpus: Corpus, coauthors, topics, weights) -> None:
    metric = options.view_metric
    size = {n: d[metric] for n, d in coauthors.nodes(data=True)}
    community = {n: d["community"] for n, d in coauthors.nodes(data=True)}
    page = views.coauthor_page(coauthors, size, metric, community, papers_by_person(corpus),
                               topics_by_person(corpus, weights), options.view_limit)
    views.write(stage.path("coauthors.html"), page)
    if topics is not None:
        views.write(stage.path("topics.html"), views.topic_page(topics, papers_by_concept(corpus), options.view_limit))


def _load_aliases(path: Path | None) -> tuple[Aliases, list[Problem]]:
    if path is None:
        return Aliases(), []
    if not path.is_file():
        return Aliases(), [Problem(str(path), "aliases file not found; no overrides applied")]
    return load_aliases(path)


def build(options: BuildOptions, progress: Progress = lambda _: None) -> BuildResult:
    """Run the whole pipeline; outputs replace the old ones only if everything succeeds."""
    aliases, problems = _load_aliases(options.aliases)
    progress("reading inputs")
    ingested = read_inputs(options.inputs, options.encoding)
    problems += ingested.problems
    if not ingested.records:
        raise NothingUsable("no usable records in the inputs; output left unchanged", problems)
    progress(f"resolving {len(ingested.records)} records")
    corpus = resolve(ingested.records, aliases)
    if options.keywords:
        progress(f"extracting concepts from {len(corpus.papers)} papers")
        try:
            extract_concepts(corpus, options.model, options.processes)
        except ModelMissing as err:
            problems.append(Problem("concept extraction", f"skipped: {err}"))
    coauthors = coauthor_graph(corpus)
    result = BuildResult(ingested, corpus, coauthors.number_of_edges(), problems)
    progress("analysing the co-authorship network")
    _annotate(coauthors)
    progress("writing RDF")
    with staged(options.out) as stage:
        for fmt in options.formats:
            write(corpus, stage.path(f"{GRAPH_FILE}.{fmt}"), fmt, options.base_iri)
        export.write_review(stage.path(REVIEW_FILE), corpus)
        export.write_network(stage.path(export.NETWORK_FILE), corpus)
        progress("writing network files (GraphML, GEXF, CSV, VOSviewer)")
        export.write_graph_files(stage, "coauthors", coauthors)
        export.write_graph_files(stage, "authors-papers", author_paper_graph(corpus))
        export.write_vosviewer(stage, "coauthors", coauthors, {n: d["community"] for n, d in coauthors.nodes(data=True)}, "papers")
        topics = topic_graph(corpus) if options.keywords else None
        weights = expertise(corpus)  # once, for expertise.csv and the views' tooltips
        if options.keywords:
            export.write_concepts(stage.path(export.CONCEPTS_FILE), corpus)
            export.write_graph_files(stage, "topics", topics)
            export.write_expertise(stage.path(export.EXPERTISE_FILE), corpus, weights)
        if options.html:
            progress("writing HTML views")
            _write_views(stage, options, corpus, coauthors, topics, weights)
        stage.path(SUMMARY_FILE).write_text(json.dumps(result.summary(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        result.written = stage.commit()
    return result
