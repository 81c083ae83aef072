"""OpenAlex works (JSON, an API page with `results`, or JSON Lines): authors from
`authorships[].author` (display name and OpenAlex/ORCID id), the abstract rebuilt from
`abstract_inverted_index`, DOI and OpenAlex ids, year and source (venue)."""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.ingest import ids
from kgraph.ingest.base import Layout, SourceFile, bibliographic_record
from kgraph.ingest.jsondocs import first_object, read_objects
from kgraph.model import Problem, Record


def sniff(src: SourceFile) -> float:
    value = first_object(src)
    if isinstance(value, dict) and isinstance(value.get("results"), list):
        value = value["results"][:1] or [{}]
    items = value if isinstance(value, list) else [value]
    return 0.95 if any(isinstance(i, dict) and "authorships" in i for i in items[:5]) else 0.0


def abstract_from_index(index: dict[str, list[int]] | None) -> str | None:
    """Rebuild the text from OpenAlex's inverted index: word -> positions.

    >>> abstract_from_index({"graphs": [1], "Knowledge": [0], "help.": [2]})
    'Knowledge graphs help.'
    """
    if not index:
        return None
    slots: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions:
            slots[position] = word
    return " ".join(slots[i] for i in sorted(slots))


def _record(src: SourceFile, line: int, work: dict) -> Record:
    authors = []
    for authorship in work.get("authorships") or []:
        author = authorship.get("author") or {}
        ident = author.get("orcid") or author.get("id") or ""
        authors.append((author.get("display_name") or authorship.get("raw_author_name") or "", ident))
    source = ((work.get("primary_location") or {}).get("source") or {}).get("display_name")
    return bibliographic_record(
        src, line, LAYOUT.name, title=work.get("title") or work.get("display_name"), authors=authors,
        abstract=abstract_from_index(work.get("abstract_inverted_index")), venue=source,
        year=work.get("publication_year"),
        identifiers=ids.collect(doi=work.get("doi"), openalex=work.get("id")))


def read(src: SourceFile) -> Iterator[Record | Problem]:
    yield from read_objects(src, _record)


LAYOUT = Layout("openalex", "OpenAlex works (JSON or JSON Lines)", sniff, read)
