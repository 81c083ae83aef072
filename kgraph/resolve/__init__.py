"""Resolve: records -> papers and persons, with every merge decision logged."""

from __future__ import annotations

from kgraph.model import Corpus, Paper, Record, Signature
from kgraph.resolve.aliases import Aliases
from kgraph.resolve.papers import best_abstract, group_records, label_for, paper_id
from kgraph.resolve.people import SHARED_COAUTHORS, resolve_people


def merge_orders(lists: list[list[str]]) -> list[str]:
    """Union of several orderings, keeping each one's relative order where possible.

    >>> merge_orders([["a", "b", "d"], ["a", "b", "c", "e"]])
    ['a', 'b', 'd', 'c', 'e']
    """
    result: list[str] = []
    for items in sorted(lists, key=len, reverse=True):
        for j, item in enumerate(items):
            if item in result:
                continue
            before = next((q for q in reversed(items[:j]) if q in result), None)
            result.insert(result.index(before) + 1 if before else 0, item)
    return result


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def assemble(records: list[Record], person_of: dict[str, str]) -> Paper:
    """One paper from its records: title, best abstract, merged authors, all sources."""
    title = next((r.title for r in records if r.title), None)
    best = best_abstract(records)
    abstract = best.abstract if best else None
    signatures = [
        Signature(person_of[m.written], i, m.written, m.at, r.at, m.inferred)
        for r in records for i, m in enumerate(r.authors, 1)
    ]
    written = [[person_of[m.written] for m in r.authors if not m.inferred] for r in records]
    inferred = [person_of[m.written] for r in records for m in r.authors if m.inferred]
    authors = merge_orders([w for w in written if w])
    authors += [p for p in _unique(inferred) if p not in authors]
    return Paper(
        id=paper_id(records),
        title=title,
        label=title or label_for(abstract or ""),
        abstract=abstract,
        authors=authors,
        signatures=signatures,
        records=records,
        code_urls=_unique([u for r in records for u in r.code_urls]),
        venues=_unique([r.venue for r in records if r.venue]),
        year=min((r.year for r in records if r.year), default=None),
        identifiers={k: v for r in reversed(records) for k, v in r.identifiers.items()},
    )


def resolve(records: list[Record], aliases: Aliases | None = None, shared_coauthors: int = SHARED_COAUTHORS) -> Corpus:
    """Papers and persons from records; shared_coauthors is the evidence a name variant needs."""
    aliases = aliases or Aliases()
    groups, paper_merges = group_records(records, aliases)
    index = {id(r): i for i, r in enumerate(records)}
    mentions = [(m.written, index[id(r)], m.at, m.identifier) for group in groups for r in group for m in r.authors]
    people = resolve_people(mentions, aliases, shared_coauthors)
    papers = sorted((assemble(g, people.person_of) for g in groups), key=lambda p: (p.records[0].at.file, p.records[0].at.line))
    for record in records:
        for mention in record.authors:
            if mention.identifier:
                person = people.persons[people.person_of[mention.written]]
                if mention.identifier not in person.identifiers:
                    person.identifiers.append(mention.identifier)
    return Corpus(papers, people.persons, paper_merges + people.merges)
