"""The one data model passed between stages: ingest -> resolve -> graph -> export.

Ingest produces `Record`s (one listing entry as written, with file and line of each
field). Resolve turns records into `Paper`s and `Person`s and logs every `Merge`
decision. Everything downstream reads a `Corpus`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a piece of text was read: a file path as given and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Mention:
    """An author name as written in one record."""

    written: str
    at: Location
    # Why the name is on the record when it is not written there (profile owner).
    inferred: str = ""
    identifier: str = ""  # ORCID or OpenAlex author IRI, when the source gives one


@dataclass
class Record:
    """One entry of a listing, before any merging."""

    at: Location  # first line of the record
    layout: str
    title: str | None = None
    title_at: Location | None = None
    authors: list[Mention] = field(default_factory=list)
    abstract: str | None = None
    abstract_at: Location | None = None
    abstract_truncated: bool = False
    venue: str | None = None
    venue_at: Location | None = None
    code_urls: list[str] = field(default_factory=list)
    year: int | None = None
    # "doi", "arxiv", "openalex", "acl", "url": normalised identifier values
    identifiers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """Something the build skipped, with where and why; printed as one line."""

    file: str
    message: str
    line: int | None = None
    fatal_for_file: bool = True

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass
class Person:
    """One canonical person and every written variant of their name."""

    id: str
    name: str
    variants: list[str] = field(default_factory=list)  # as written, canonical included
    identifiers: list[str] = field(default_factory=list)  # ORCID / OpenAlex IRIs from the sources


@dataclass(frozen=True)
class Signature:
    """An author slot in one source record, dblp style: who, position, name as written."""

    person_id: str
    ordinal: int
    written: str
    at: Location  # the line the name was read from
    record: Location  # the record it belongs to
    inferred: str = ""


@dataclass
class Paper:
    id: str
    title: str | None
    label: str
    abstract: str | None
    authors: list[str]  # person ids, merged over all records, in a sensible order
    signatures: list[Signature]  # every author slot of every record
    records: list[Record]
    code_urls: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    year: int | None = None
    identifiers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Merge:
    """One resolution decision, kept for review and override.

    kind is "paper" or "person"; decision is "merged" or "kept apart".
    """

    kind: str
    decision: str
    canonical: str
    variant: str
    rule: str
    evidence: str


@dataclass
class Concept:
    """A method, dataset/benchmark, task/field or broad research topic."""

    id: str
    label: str
    type: str  # "method", "dataset", "task" or "topic"
    alt_labels: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)  # concept ids
    sources: list[str] = field(default_factory=list)  # which components found it


@dataclass(frozen=True)
class Evidence:
    """Where a paper mentions a concept: the sentence and character offsets in a field."""

    field: str  # "title" or "abstract"
    sentence: str
    start: int
    end: int
    source: str  # the component that found it
    at: Location | None  # the line of the field in its source file


@dataclass
class ConceptLink:
    paper_id: str
    concept_id: str
    score: float
    evidence: list[Evidence]


@dataclass
class Corpus:
    papers: list[Paper]
    persons: dict[str, Person]
    merges: list[Merge]
    concepts: dict[str, Concept] = field(default_factory=dict)
    links: list[ConceptLink] = field(default_factory=list)
