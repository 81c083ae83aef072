"""BibTeX (bibtexparser v2): "Last, First and ..." or "First Last and ..." authors, LaTeX
accents, braces in titles; abstract, doi, url, eprint, year, booktitle/journal.

A broken entry (an unbalanced brace, say) is reported with its line; the others are read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser import middlewares

from kgraph.ingest import ids
from kgraph.ingest.base import Layout, SourceFile, bibliographic_record
from kgraph.model import Problem, Record

_ENTRY = re.compile(r"^\s*@\s*(\w+)\s*[{(]", re.MULTILINE)
_SKIP = {"comment", "string", "preamble"}
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its errors become our Problems


def sniff(src: SourceFile) -> float:
    head = "\n".join(src.lines[:400])
    entries = [m.group(1).lower() for m in _ENTRY.finditer(head)]
    return 0.95 if any(e not in _SKIP for e in entries) else 0.0


def read(src: SourceFile) -> Iterator[Record | Problem]:
    # LaTeX ({\"o}, \'e, braces) is cleaned span by span in bibliographic_record: bibtexparser's
    # LatexDecodingMiddleware runs pylatexenc on every field and took 97% of the time.
    library = bibtexparser.parse_string("\n".join(src.lines), append_middleware=[middlewares.SeparateCoAuthors()])
    for block in library.failed_blocks:
        yield Problem(src.path, f"broken BibTeX entry ({type(block).__name__}); skipped", block.start_line + 1,
                      fatal_for_file=False)
    for entry in library.entries:
        field = {k.lower(): v for k, v in ((f.key, f.value) for f in entry.fields)}
        authors = field.get("author") or []
        if isinstance(authors, str):
            authors = [a.strip() for a in re.split(r"\s+and\s+", authors)]
        eprint = field.get("eprint") if "arxiv" in str(field.get("archiveprefix", field.get("eprinttype", ""))).lower() else None
        yield bibliographic_record(
            src, entry.start_line + 1, LAYOUT.name,
            title=field.get("title"), authors=[(a, "") for a in authors],
            abstract=field.get("abstract"), venue=field.get("booktitle") or field.get("journal"),
            year=field.get("year"),
            identifiers=ids.collect(doi=field.get("doi"), arxiv=eprint or field.get("url"), url=field.get("url"),
                                    key=entry.key))


LAYOUT = Layout("bibtex", "BibTeX (.bib)", sniff, read)
