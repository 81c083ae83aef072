"""Abstract list: one abstract per line, each starting with "Abstract:". Seed 004.

These records have no title and no authors; resolution gives them a readable label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kgraph.ingest.base import Layout, SourceFile, build_abstract
from kgraph.model import Problem, Record

_PREFIX = re.compile(r"^\s*abstract\s*[:.-]\s*", re.IGNORECASE)


def sniff(src: SourceFile) -> float:
    content = src.content_lines()
    if not content:
        return 0.0
    return sum(bool(_PREFIX.match(line)) for _, line in content) / len(content)


def read(src: SourceFile) -> Iterator[Record | Problem]:
    for index, line in src.content_lines():
        match = _PREFIX.match(line)
        if not match:
            yield Problem(src.path, "line does not start with 'Abstract:'; skipped", index + 1, fatal_for_file=False)
            continue
        record = Record(at=src.at(index), layout=LAYOUT.name)
        build_abstract(record, line[match.end():], src.at(index))
        if record.abstract:
            yield record
        else:
            yield Problem(src.path, "empty abstract; skipped", index + 1, fatal_for_file=False)


LAYOUT = Layout("abstracts", "abstract list: one 'Abstract:' line per paper", sniff, read)
