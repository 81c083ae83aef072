"""Extract: method, dataset and task concepts and broad topics for every paper (spaCy).

`extract_concepts(corpus)` runs the pipeline of `nlp.py` over every title and abstract
with `nlp.pipe` (batched) and fills `corpus.concepts` and `corpus.links`. With several
processes, each worker runs `nlp.pipe` over a chunk of texts and sends back plain data
(candidate offsets, sentence offsets), never whole spaCy documents: that transfer is
what keeps spaCy's own `n_process` well below twice the speed of one process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import tomllib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from kgraph import __version__
from kgraph.extract.cache import CACHE_FILE, ExtractionCache, batched
from kgraph.model import Corpus

@lru_cache(maxsize=1)
def settings() -> dict:
    """kgraph/data/extract.toml: the extractor's settings (data, not code)."""
    return tomllib.loads(files("kgraph").joinpath("data").joinpath("extract.toml").read_text(encoding="utf-8"))


def topic_min_papers(papers: int) -> int:
    """Papers a concept needs to be in the topic network, for a corpus of this size."""
    network = settings()["network"]
    return 1 if papers < network["all_concepts_below_papers"] else network["min_papers"]


class ModelMissing(Exception):
    """No usable spaCy model is installed."""


Item = tuple[str, tuple[int, str]]
MAX_CHUNK = 1000  # texts per task sent to a worker process


def _texts(corpus: Corpus) -> Iterator[Item]:
    from kgraph.extract.components import is_headline, sentence_case

    for index, paper in enumerate(corpus.papers):
        if paper.title:
            yield (sentence_case(paper.title) if is_headline(paper.title) else paper.title), (index, "title")
        if paper.abstract:
            yield paper.abstract, (index, "abstract")


def _processes(words: int, pipe: dict) -> int:
    """Worker processes: one for small inputs (starting workers costs seconds), else all cores."""
    if pipe["n_process"] != "auto":
        return int(pipe["n_process"])
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


@dataclass
class ExtractionStats:
    texts: int = 0
    from_cache: int = 0
    words: int = 0  # words run through the pipeline (cache misses only)
    processes: int = 1


def fingerprint(nlp) -> str:
    """Everything that changes what the pipeline finds: kgraph, the model, settings, data, code."""
    digest = hashlib.sha256(f"{__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}|{nlp.pipe_names}".encode())
    package = files("kgraph")
    for folder in ("data", "extract"):
        for entry in sorted(package.joinpath(folder).iterdir(), key=lambda e: e.name):
            if entry.is_file() and not entry.name.endswith(".pyc"):
                digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


def extract_concepts(corpus: Corpus, model: str | None = None, n_process: int | None = None,
                     batch_size: int | None = None, cache_dir: Path | None = None) -> ExtractionStats:
    """Fill corpus.concepts and corpus.links; texts found in cache_dir are not run again."""
    from kgraph.extract.concepts import ConceptBuilder
    from kgraph.extract.nlp import build_pipeline

    config = settings()
    nlp = build_pipeline(model)  # load once here: forked workers inherit it, and errors surface early
    texts = list(_texts(corpus))
    cache = ExtractionCache(cache_dir / CACHE_FILE, fingerprint(nlp)) if cache_dir else None
    results = cache.get_many([text for text, _ in texts]) if cache else [None] * len(texts)
    todo = [i for i, data in enumerate(results) if data is None]
    misses = [texts[i] for i in todo]
    stats = ExtractionStats(len(texts), len(texts) - len(todo), sum(t.count(" ") + 1 for t, _ in misses))
    stats.processes = n_process or _processes(stats.words, config["pipe"])
    done = _processed(misses, model, stats.processes, batch_size or config["pipe"]["batch_size"])
    position = iter(todo)
    for batch in batched(done, 2000):
        for _, _, data in batch:
            results[next(position)] = data
        if cache:
            cache.put_many(data for _, _, data in batch)
    if cache:
        cache.close()
    builder = ConceptBuilder(corpus, config)
    for (_, (index, field)), data in zip(texts, results):  # in text order, so results never depend on the cache
        builder.add(data, index, field)
    builder.build()
    return stats
