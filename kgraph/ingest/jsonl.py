"""JSON Lines metadata dumps (gzip read transparently): the ACL Anthology shape
(`authors` as a list, `venue`, `year`, `id`) and the arXiv snapshot shape (`authors` as
one string "A, B and C", `categories`, `id`, `doi`). A truncated line loses only its record."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from kgraph.ingest import ids
from kgraph.ingest.base import Layout, SourceFile, bibliographic_record
from kgraph.ingest.jsondocs import read_objects
from kgraph.model import Problem, Record


def sniff(src: SourceFile) -> float:
    lines = [line for line in src.lines[:20] if line.strip()]
    parsed = []
    for line in lines[:5]:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    good = [p for p in parsed if isinstance(p, dict) and "title" in p and "authors" in p and "authorships" not in p]
    return 0.9 if good and len(good) >= max(1, len(parsed) // 2) else 0.0


def _arxiv_authors(text: str) -> list[str]:
    """ "A. Smith, B. Jones and C. Lee" -> three names (arXiv metadata writes them so)."""
    text = re.sub(r"\s+", " ", text.replace("\n", " ")).strip()
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", text)
    return [p.strip() for p in parts if p.strip()]


def _record(src: SourceFile, line: int, paper: dict) -> Record:
    authors = paper.get("authors") or []
    arxiv_shape = isinstance(authors, str)
    names = _arxiv_authors(authors) if arxiv_shape else [a if isinstance(a, str) else a.get("name", "") for a in authors]
    year = paper.get("year") or paper.get("update_date") or ((paper.get("versions") or [{}])[0].get("created"))
    identifiers = ids.collect(doi=paper.get("doi"), arxiv=paper.get("id") if arxiv_shape else None,
                              acl=None if arxiv_shape else paper.get("id"))
    return bibliographic_record(
        src, line, LAYOUT.name, title=paper.get("title"), authors=[(n, "") for n in names],
        abstract=paper.get("abstract"), venue=paper.get("venue") or paper.get("journal-ref"),
        year=year, identifiers=identifiers)


def read(src: SourceFile) -> Iterator[Record | Problem]:
    yield from read_objects(src, _record)


LAYOUT = Layout("jsonl", "JSON Lines metadata (ACL Anthology or arXiv shape)", sniff, read)
