from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.build import BuildOptions, build
from kgraph.ingest import read_inputs
from kgraph.model import Corpus, Paper, Person
from kgraph.names import fold
from kgraph.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def seed_records():
    return read_inputs([SEEDS]).records


@pytest.fixture(scope="session")
def corpus(seed_records) -> Corpus:
    return resolve(seed_records)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = build(BuildOptions([SEEDS], out, formats=("ttl", "nt", "jsonld")))
    return result, out


def paper_titled(corpus: Corpus, title: str) -> Paper:
    found = [p for p in corpus.papers if p.title == title]
    assert len(found) == 1, f"{len(found)} papers titled {title!r}"
    return found[0]


def person_named(corpus: Corpus, name: str) -> Person:
    """The person having `name` as canonical name or written variant (folded)."""
    found = [p for p in corpus.persons.values() if fold(name) in {fold(v) for v in p.variants + [p.name]}]
    assert len(found) == 1, f"{len(found)} persons named {name!r}: {found}"
    return found[0]


def author_names(corpus: Corpus, paper: Paper) -> list[str]:
    return [corpus.persons[a].name for a in paper.authors]
