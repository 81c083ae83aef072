"""The main job: inputs -> ingest -> resolve -> graph -> RDF and review files, atomically."""

from __future__ import annotations

import json
import multiprocessing
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kgraph import __version__
from kgraph import analysis, export, graphfiles, views
from kgraph.graph import (author_paper_graph, coauthor_graph, expertise, papers_by_concept, papers_by_person,
                          topic_graph, topics_by_person)
from kgraph.extract import ExtractionStats, ModelMissing, extract_concepts, topic_min_papers  # spaCy itself loads only to extract
from kgraph.extract.cache import CACHE_DIR
from kgraph.ingest import Ingested, read_inputs
from kgraph.model import Corpus, Problem
from kgraph.output import staged
from kgraph.rdf import write
from kgraph.resolve import resolve
from kgraph.resolve.aliases import Aliases, load_aliases
from kgraph.resolve.people import SHARED_COAUTHORS
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


class OutputFailed(Exception):
    """Writing an output file failed; the previous output is left as it was."""


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
    cache: bool = True  # reuse extraction results from <out>/.cache for unchanged texts
    shared_coauthors: int = SHARED_COAUTHORS  # evidence a name variant needs to be merged


@dataclass
class BuildResult:
    ingested: Ingested
    corpus: Corpus
    coauthor_pairs: int
    problems: list[Problem]
    written: list[Path] = field(default_factory=list)
    stages: list[dict] = field(default_factory=list)  # name, seconds, peak RSS so far (MiB)
    extraction: ExtractionStats | None = None
    betweenness_sources: int | None = None  # sampled sources; None = exact

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
            "betweenness_sources": self.betweenness_sources,
            "extraction": self.extraction.__dict__ if self.extraction else None,
            "stages": self.stages,
            "skipped": [str(p) for p in self.problems],
            "files": [{"path": f.path, "layout": f.layout, "records": f.records} for f in self.ingested.files],
        }


def _peak_mib() -> float:
    """Peak resident memory so far of this process and of its finished children (workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)  # ru_maxrss is in KiB on Linux


@contextmanager
def _stage(result_stages: list[dict], name: str, progress: Progress, message: str) -> Iterator[None]:
    progress(message)
    start = time.perf_counter()
    yield
    result_stages.append({"stage": name, "seconds": round(time.perf_counter() - start, 2), "peak_mib": _peak_mib()})


def _annotate(g) -> int | None:
    """Centralities and communities as node attributes (for Gephi, VOSviewer and the views);
    returns the number of sampled betweenness sources (None: exact)."""
    k = analysis.sample_size(g)
    values = {
        "degree": analysis.degree(g),
        "strength": analysis.strength(g),
        "pagerank": analysis.pagerank(g),
        "eigenvector": analysis.eigenvector(g),
        "betweenness": analysis.betweenness(g, k=k),
        "community": analysis.communities(g),
    }
    for name, per_node in values.items():
        for node, value in per_node.items():
            g.nodes[node][name] = value
    return k


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
    stages: list[dict] = []
    aliases, problems = _load_aliases(options.aliases)
    with _stage(stages, "read", progress, "reading inputs"):
        ingested = read_inputs(options.inputs, options.encoding)
    problems += ingested.problems
    if not ingested.records:
        raise NothingUsable("no usable records in the inputs; output left unchanged", problems)
    with _stage(stages, "resolve", progress, f"resolving {len(ingested.records)} records"):
        corpus = resolve(ingested.records, aliases, options.shared_coauthors)
    extraction = None
    if options.keywords:
        with _stage(stages, "extract", progress, f"extracting concepts from {len(corpus.papers)} papers"):
            try:
                cache_dir = options.out / CACHE_DIR if options.cache else None
                extraction = extract_concepts(corpus, options.model, options.processes, cache_dir=cache_dir)
            except ModelMissing as err:
                problems.append(Problem("concept extraction", f"skipped: {err}"))
    with _stage(stages, "graph", progress, "building the networks"):
        coauthors = coauthor_graph(corpus)
        topics = topic_graph(corpus, topic_min_papers(len(corpus.papers))) if options.keywords else None
        weights = expertise(corpus)  # once, for expertise.csv and the views' tooltips
    result = BuildResult(ingested, corpus, coauthors.number_of_edges(), problems, extraction=extraction, stages=stages)
    with _stage(stages, "analysis", progress, "analysing the co-authorship network"):
        result.betweenness_sources = _annotate(coauthors)
    with staged(options.out) as stage:
        message = "writing RDF, tables and network files (GraphML, GEXF, CSV, VOSviewer)"
        with _stage(stages, "rdf+files", progress, message), _alongside(
                stage, lambda: _write_files(stage, options, corpus, coauthors, topics, weights)):
            for fmt in options.formats:
                write(corpus, stage.path(f"{GRAPH_FILE}.{fmt}"), fmt, options.base_iri)
        if options.html:
            with _stage(stages, "html", progress, "writing HTML views"):
                _write_views(stage, options, corpus, coauthors, topics, weights)
        stage.path(SUMMARY_FILE).write_text(json.dumps(result.summary(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        result.written = stage.commit()
    return result


@contextmanager
def _alongside(stage, task: Callable[[], None]) -> Iterator[None]:
    """Run task in a forked child process while the body runs (both write into stage).

    The two halves of the output stage take about as long as each other and share
    nothing, so on two cores this halves the stage. Without fork (Windows, macOS
    default) the task runs after the body."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield
        task()
        return
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    first = len(stage.names)

    def child() -> None:
        try:
            task()
            send.send(("ok", stage.names[first:]))
        except BaseException as err:  # noqa: BLE001  (reported to the parent, which fails the build)
            send.send(("error", f"{type(err).__name__}: {err}"))

    worker = ctx.Process(target=child, daemon=True)
    worker.start()
    send.close()  # the child holds the only writer: if it dies, recv() ends instead of waiting forever
    try:
        yield
    finally:
        try:
            outcome = receive.recv()
        except EOFError:
            outcome = ("error", "the writing process ended without a result")
        worker.join()
    status, value = outcome
    if status != "ok" or worker.exitcode != 0:
        reason = value if status != "ok" else f"exit code {worker.exitcode}"
        raise OutputFailed(f"writing network files failed: {reason}")
    stage.names.extend(value)


def _write_files(stage, options: BuildOptions, corpus: Corpus, coauthors, topics, weights) -> None:
    export.write_review(stage.path(REVIEW_FILE), corpus)
    export.write_network(stage.path(export.NETWORK_FILE), corpus)
    graphfiles.write_graph_files(stage, "coauthors", coauthors)
    graphfiles.write_graph_files(stage, "authors-papers", author_paper_graph(corpus))
    graphfiles.write_vosviewer(stage, "coauthors", coauthors, dict(coauthors.nodes(data="community")), "papers")
    if options.keywords:
        export.write_concepts(stage.path(export.CONCEPTS_FILE), corpus)
        graphfiles.write_graph_files(stage, "topics", topics)
        export.write_expertise(stage.path(export.EXPERTISE_FILE), corpus, weights)
