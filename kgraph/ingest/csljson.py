"""CSL-JSON, the format Zotero (and citeproc) exports: an array of items with `author`
as [{"family", "given"} | {"literal"}], `issued.date-parts`, `DOI`, `container-title`."""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.ingest import ids
from kgraph.ingest.base import Layout, SourceFile, bibliographic_record
from kgraph.ingest.jsondocs import first_object, read_objects
from kgraph.model import Problem, Record


def sniff(src: SourceFile) -> float:
    value = first_object(src)
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    items = [i for i in items[:20] if isinstance(i, dict)]
    csl = sum(("type" in i and ("issued" in i or "container-title" in i or "author" in i)
               and "authorships" not in i) for i in items)
    return 0.9 if items and csl / len(items) > 0.5 else 0.0


def _name(person: dict) -> str:
    if person.get("literal"):
        return person["literal"]
    family = " ".join(p for p in (person.get("non-dropping-particle"), person.get("family")) if p)
    return f"{family}, {person['given']}" if person.get("given") and family else family or person.get("given", "")


def _record(src: SourceFile, line: int, entry: dict) -> Record:
    issued = (entry.get("issued") or {}).get("date-parts") or [[None]]
    return bibliographic_record(
        src, line, LAYOUT.name, title=entry.get("title"),
        authors=[(_name(a), "") for a in entry.get("author") or [] if isinstance(a, dict)],
        abstract=entry.get("abstract"), venue=entry.get("container-title"),
        year=(issued[0] or [None])[0] if issued else None,
        identifiers=ids.collect(doi=entry.get("DOI"), url=entry.get("URL")))


def read(src: SourceFile) -> Iterator[Record | Problem]:
    yield from read_objects(src, _record)


LAYOUT = Layout("csljson", "CSL-JSON (Zotero export)", sniff, read)
