"""Institute publication page: a title line, one line per author, an optional abstract line.

Seeds 000, 001, 003. Lines are labelled by `lines.classify` (sequence decoding),
then grouped: each title starts a record.
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.ingest.base import Layout, SourceFile, build_abstract
from kgraph.ingest.clean import clean_name, clean_text, has_fold_marker
from kgraph.ingest.lines import NAME, PROSE, TITLE, classify, name_score
from kgraph.model import Mention, Problem, Record


def sniff(src: SourceFile) -> float:
    """Many single-name lines, few blank lines between them."""
    content = src.content_lines()
    if len(content) < 2:
        return 0.0
    names = sum(name_score(clean_name(line)) > 0.5 for _, line in content)
    blanks = len(src.lines) - len(content)
    if names / len(content) < 0.2 or blanks > len(content):
        return 0.0
    return min(0.9, 0.5 + names / len(content))


def read(src: SourceFile) -> Iterator[Record | Problem]:
    content = src.content_lines()
    texts = [clean_text(line) for _, line in content]
    labels = classify(texts, [has_fold_marker(line) for _, line in content])
    record: Record | None = None
    for (index, raw), text, label in zip(content, texts, labels):
        at = src.at(index)
        if label == TITLE:
            if record:
                yield record
            record = Record(at=at, layout=LAYOUT.name, title=text, title_at=at)
        elif record is None:
            yield Problem(src.path, f"{label} line before the first title; skipped", at.line, fatal_for_file=False)
        elif label == NAME:
            record.authors.append(Mention(clean_name(raw), at))
        elif label == PROSE:
            if record.abstract:  # an abstract wrapped over several lines
                build_abstract(record, f"{record.abstract} {raw}", record.abstract_at)
            else:
                build_abstract(record, raw, at)
    if record:
        yield record


LAYOUT = Layout("institute", "institute page: title, author lines, abstract", sniff, read)
