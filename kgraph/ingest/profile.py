"""Researcher profile page: the owner's name, then blocks of title, venue, abstract.

Seed 002. Blocks are separated by two or more blank lines, fields by one. The owner is
never written as an author, but is one of every listed paper: each record gets the
owner as an inferred author mention pointing at the owner line.
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.ingest.base import Layout, SourceFile, build_abstract
from kgraph.ingest.clean import clean_name, clean_text, has_fold_marker
from kgraph.ingest.lines import name_score, prose_score
from kgraph.model import Mention, Problem, Record

OWNER = "profile owner"


def _paragraphs(src: SourceFile) -> list[tuple[int, int, str]]:
    """(blank lines before, first line index, joined text) for each paragraph."""
    out, blanks, start, parts = [], 0, None, []
    content = {i for i, _ in src.content_lines()}
    for i, line in enumerate(src.lines + [""]):
        if i in content:
            if start is None:
                start, gap = i, blanks
            parts.append(line.strip())
            blanks = 0
        else:
            if start is not None:
                out.append((gap, start, " ".join(parts)))
                start, parts = None, []
            blanks += 1
    return out


def _owner(src: SourceFile) -> tuple[int, str] | None:
    paras = _paragraphs(src)
    if len(paras) < 2:
        return None
    _, index, text = paras[0]
    name = clean_name(text)
    return (index, name) if name_score(name) > 0.5 else None


def sniff(src: SourceFile) -> float:
    """A name first, then blank-line-separated single-line paragraphs with some prose."""
    owner = _owner(src)
    if owner is None:
        return 0.0
    paras = _paragraphs(src)[1:]
    prose = sum(prose_score(text, has_fold_marker(text)) > 0.8 for _, _, text in paras)
    if not prose:
        return 0.0
    score = 0.6 + 0.3 * ("," in owner[1])
    return score if len(paras) >= 2 else 0.0


def _is_prose(text: str) -> bool:
    return prose_score(text, has_fold_marker(text)) > 0.5


def read(src: SourceFile) -> Iterator[Record | Problem]:
    owner = _owner(src)
    if owner is None:
        yield Problem(src.path, "profile page without an owner name line", fatal_for_file=True)
        return
    owner_at = src.at(owner[0])
    paras = _paragraphs(src)[1:]
    record_gap = 2 if any(gap >= 2 for gap, _, _ in paras) else 1
    record: Record | None = None
    for gap, index, text in paras:
        at = src.at(index)
        starts_record = record is None or gap >= record_gap and record_gap > 1
        if starts_record or (record_gap == 1 and not _is_prose(text) and record.venue):
            if record:
                yield record
            record = Record(at=at, layout=LAYOUT.name, authors=[Mention(owner[1], owner_at, OWNER)])
            if _is_prose(text):
                build_abstract(record, text, at)
            else:
                record.title, record.title_at = clean_text(text), at
        elif _is_prose(text) and not record.abstract:
            build_abstract(record, text, at)
        elif record.venue is None and not record.abstract:
            record.venue, record.venue_at = clean_text(text), at
        else:
            yield Problem(src.path, "extra paragraph in a record; skipped", at.line, fatal_for_file=False)
    if record:
        yield record


LAYOUT = Layout("profile", "researcher profile: owner name, then title / venue / abstract blocks", sniff, read)
