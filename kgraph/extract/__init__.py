"""Extract: method, dataset and task concepts and broad topics for every paper (spaCy).

`extract_concepts(corpus)` runs the pipeline of `nlp.py` over every title and abstract
with `nlp.pipe` (batched, optionally in several processes) and fills `corpus.concepts`
and `corpus.links`.
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.model import Corpus


def _texts(corpus: Corpus) -> Iterator[tuple[str, tuple[int, str]]]:
    from kgraph.extract.components import is_headline, sentence_case

    for index, paper in enumerate(corpus.papers):
        if paper.title:
            yield (sentence_case(paper.title) if is_headline(paper.title) else paper.title), (index, "title")
        if paper.abstract:
            yield paper.abstract, (index, "abstract")


def extract_concepts(corpus: Corpus, model: str | None = None, n_process: int | None = None,
                     batch_size: int | None = None) -> Corpus:
    """Fill corpus.concepts and corpus.links; returns the corpus."""
    from kgraph.extract.concepts import ConceptBuilder
    from kgraph.extract.nlp import build_pipeline, settings

    config = settings()
    nlp = build_pipeline(model)
    builder = ConceptBuilder(corpus, config)
    docs = nlp.pipe(_texts(corpus), as_tuples=True,
                    batch_size=batch_size or config["pipe"]["batch_size"],
                    n_process=n_process or config["pipe"]["n_process"])
    for doc, (index, field) in docs:
        builder.add(doc, index, field)
    builder.build()
    return corpus
