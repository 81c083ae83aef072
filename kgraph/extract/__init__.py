"""Extract: method, dataset and task concepts and broad topics for every paper (spaCy).

`extract_concepts(corpus)` runs the pipeline of `nlp.py` over every title and abstract
with `nlp.pipe` (batched) and fills `corpus.concepts` and `corpus.links`. With several
processes, each worker runs `nlp.pipe` over a chunk of texts and sends back plain data
(candidate offsets, sentence offsets), never whole spaCy documents: that transfer is
what keeps spaCy's own `n_process` well below twice the speed of one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from kgraph.model import Corpus

Item = tuple[str, tuple[int, str]]
MAX_CHUNK = 1000  # texts per task sent to a worker process


def _texts(corpus: Corpus) -> Iterator[Item]:
    from kgraph.extract.components import is_headline, sentence_case

    for index, paper in enumerate(corpus.papers):
        if paper.title:
            yield (sentence_case(paper.title) if is_headline(paper.title) else paper.title), (index, "title")
        if paper.abstract:
            yield paper.abstract, (index, "abstract")


def _processes(texts: list[Item], pipe: dict) -> int:
    """Worker processes: one for small inputs (starting workers costs seconds), else all cores."""
    if pipe["n_process"] != "auto":
        return int(pipe["n_process"])
    words = sum(text.count(" ") + 1 for text, _ in texts)
    return min(os.cpu_count() or 1, pipe["max_processes"]) if words >= pipe["parallel_from_words"] else 1


def _process_chunk(args: tuple[list[Item], str | None, int]) -> list[tuple[int, str, tuple]]:
    """Run the pipeline over some texts (in a worker process); return plain data."""
    from kgraph.extract.concepts import doc_data
    from kgraph.extract.nlp import build_pipeline

    items, model, batch_size = args
    nlp = build_pipeline(model)
    return [(index, field, doc_data(doc))
            for doc, (index, field) in nlp.pipe(items, as_tuples=True, batch_size=batch_size)]


def _processed(texts: list[Item], model: str | None, processes: int, batch_size: int):
    if processes <= 1:
        yield from _process_chunk((texts, model, batch_size))
        return
    size = max(50, min(MAX_CHUNK, -(-len(texts) // (processes * 4))))  # a few tasks per worker
    chunks = [(texts[i:i + size], model, batch_size) for i in range(0, len(texts), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(method)) as pool:
        for result in pool.map(_process_chunk, chunks):
            yield from result


def extract_concepts(corpus: Corpus, model: str | None = None, n_process: int | None = None,
                     batch_size: int | None = None) -> Corpus:
    """Fill corpus.concepts and corpus.links; returns the corpus."""
    from kgraph.extract.concepts import ConceptBuilder
    from kgraph.extract.nlp import build_pipeline, settings

    config = settings()
    build_pipeline(model)  # load once here: forked workers inherit it, and errors surface early
    builder = ConceptBuilder(corpus, config)
    texts = list(_texts(corpus))
    processes = n_process or _processes(texts, config["pipe"])
    for index, field, data in _processed(texts, model, processes, batch_size or config["pipe"]["batch_size"]):
        builder.add(data, index, field)
    builder.build()
    return corpus
