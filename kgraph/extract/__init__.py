"""Extract: method, dataset and task concepts and broad topics for every paper (spaCy).

`extract_concepts(corpus)` runs the pipeline of `nlp.py` over every title and abstract
with `nlp.pipe` (batched, optionally in several processes) and fills `corpus.concepts`
and `corpus.links`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from kgraph.model import Corpus


def _texts(corpus: Corpus) -> Iterator[tuple[str, tuple[int, str]]]:
    from kgraph.extract.components import is_headline, sentence_case

    for index, paper in enumerate(corpus.papers):
        if paper.title:
            yield (sentence_case(paper.title) if is_headline(paper.title) else paper.title), (index, "title")
        if paper.abstract:
            yield paper.abstract, (index, "abstract")


def _processes(texts: list[tuple[str, tuple[int, str]]], pipe: dict) -> int:
    """Worker processes: one for small inputs (starting workers costs seconds), else all cores."""
    if pipe["n_process"] != "auto":
        return int(pipe["n_process"])
    words = sum(text.count(" ") + 1 for text, _ in texts)
    return min(os.cpu_count() or 1, pipe["max_processes"]) if words >= pipe["parallel_from_words"] else 1


def extract_concepts(corpus: Corpus, model: str | None = None, n_process: int | None = None,
                     batch_size: int | None = None) -> Corpus:
    """Fill corpus.concepts and corpus.links; returns the corpus."""
    from kgraph.extract.concepts import ConceptBuilder
    from kgraph.extract.nlp import build_pipeline, settings

    config = settings()
    nlp = build_pipeline(model)
    builder = ConceptBuilder(corpus, config)
    texts = list(_texts(corpus))
    docs = nlp.pipe(texts, as_tuples=True,
                    batch_size=batch_size or config["pipe"]["batch_size"],
                    n_process=n_process or _processes(texts, config["pipe"]))
    for doc, (index, field) in docs:
        builder.add(doc, index, field)
    builder.build()
    return corpus
