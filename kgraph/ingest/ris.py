"""RIS (rispy): the export format of most reference managers. Each entry's line is the
line of its `TY  -` tag."""

from __future__ import annotations

import re
from collections.abc import Iterator

import rispy

from kgraph.ingest import ids
from kgraph.ingest.base import Layout, SourceFile, bibliographic_record
from kgraph.model import Problem, Record

_TY = re.compile(r"^TY  - ")


def sniff(src: SourceFile) -> float:
    content = [line for _, line in src.content_lines()[:200]]
    tagged = sum(bool(re.match(r"^[A-Z][A-Z0-9]  - ", line)) for line in content)
    return 0.95 if content and any(_TY.match(line) for line in content) and tagged / len(content) > 0.5 else 0.0


def read(src: SourceFile) -> Iterator[Record | Problem]:
    starts = [i + 1 for i, line in enumerate(src.lines) if _TY.match(line)]
    try:
        entries = rispy.loads("\n".join(src.lines))
    except Exception as err:  # rispy raises plain IOError/ValueError/KeyError for malformed input
        yield Problem(src.path, f"cannot parse RIS: {err}; skipped")
        return
    for entry, line in zip(entries, starts):
        authors = entry.get("authors") or entry.get("first_authors") or []
        yield bibliographic_record(
            src, line, LAYOUT.name,
            title=entry.get("title") or entry.get("primary_title"),
            authors=[(a, "") for a in authors],
            abstract=entry.get("abstract"),
            venue=entry.get("secondary_title") or entry.get("journal_name") or entry.get("alternate_title3"),
            year=entry.get("year") or entry.get("publication_year") or entry.get("date"),
            identifiers=ids.collect(doi=entry.get("doi"), url=(entry.get("urls") or [None])[0]))


LAYOUT = Layout("ris", "RIS (reference manager export)", sniff, read)
