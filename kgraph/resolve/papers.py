"""Paper resolution: which records are one paper.

Records are blocked on two keys, never compared all against all: the normalised
title, and for records without a title, the opening words of the abstract (so an
abstract-only record joins the titled record that has the same abstract).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from kgraph.model import Merge, Record
from kgraph.resolve.aliases import Aliases, alias_key
from kgraph.resources import read_lines

ABSTRACT_KEY_WORDS = 30
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*)\)")
_NAMED = re.compile(r"\b(?:introduce|propose|present|call|name|dub)\s+((?:[A-Z][\w²³⁴-]*)(?:\s+[A-Z][\w²³⁴-]*){0,3})")
_GENERIC_ACRONYMS = frozenset(read_lines("generic_acronyms.txt"))


def title_key(title: str) -> str:
    """Normalised title: case, accents, punctuation and spacing removed."""
    return alias_key(title)


def abstract_key(abstract: str) -> str | None:
    words = alias_key(abstract[: ABSTRACT_KEY_WORDS * 20]).split()
    return " ".join(words[:ABSTRACT_KEY_WORDS]) if len(words) >= ABSTRACT_KEY_WORDS else None


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def _blocking_keys(record: Record, aliases: Aliases) -> list[tuple[str, str]]:
    """(rule, key) pairs under which a record meets its duplicates.

    The same DOI or arXiv id is the strongest evidence: one paper, whatever the titles say.
    """
    keys = [(f"same {kind}", f"{kind}:{record.identifiers[kind].lower()}")
            for kind in ("doi", "arxiv") if record.identifiers.get(kind)]
    return keys + _text_keys(record, aliases)


def _text_keys(record: Record, aliases: Aliases) -> list[tuple[str, str]]:
    if record.title:
        overridden, canonical = aliases.lookup(record.title)
        if overridden:
            return [("aliases file", "title:" + title_key(canonical))] if canonical else []
        key = title_key(record.title)
        return [("same normalised title", "title:" + key)] if key else []
    key = abstract_key(record.abstract or "")
    return [("same abstract opening", "abstract:" + key)] if key else []


def group_records(records: list[Record], aliases: Aliases) -> tuple[list[list[Record]], list[Merge]]:
    """Group records that are one paper; log a decision for every merged record."""
    ordered = sorted(records, key=lambda r: (r.at.file, r.at.line))
    found = _UnionFind(len(ordered))
    first_with: dict[str, int] = {}
    reasons: dict[int, tuple[str, int]] = {}
    for i, record in enumerate(ordered):
        for rule, key in _blocking_keys(record, aliases):
            if key not in first_with:
                first_with[key] = i
            elif found.union(first_with[key], i):
                reasons[i] = (rule, first_with[key])
        if record.title and record.abstract:  # lets an untitled copy of this abstract find it
            key = abstract_key(record.abstract)
            if key:
                first_with.setdefault("abstract:" + key, i)
    groups: dict[int, list[Record]] = defaultdict(list)
    for i, record in enumerate(ordered):
        groups[found.find(i)].append(record)
    merges = []
    for i, (rule, other) in sorted(reasons.items()):
        kept, dup = ordered[other], ordered[i]
        merges.append(Merge("paper", "merged", describe(kept), describe(dup), rule, f"{dup.at} = {kept.at}"))
    return list(groups.values()), merges


def describe(record: Record) -> str:
    return record.title or label_for(record.abstract or "")


def label_for(abstract: str) -> str:
    """A readable label for an untitled paper: its named contribution or acronym, then first words.

    >>> label_for("We propose A-LIX, a method providing adaptive regularization to the encoder")
    'A-LIX: We propose A-LIX, a method providing adaptive regularization…'
    """
    words = abstract.split()
    opening = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    named = _NAMED.search(abstract)
    if named and named.group(1).split()[0] not in ("A", "An", "The", "We", "Our"):
        return f"{named.group(1).rstrip('.,;:')}: {opening}"
    for acronym in _ACRONYM.findall(abstract):
        if acronym.rstrip("s") not in _GENERIC_ACRONYMS and acronym not in _GENERIC_ACRONYMS:
            return f"{acronym}: {opening}"
    return opening


def best_abstract(records: list[Record]) -> Record | None:
    """The most complete abstract: an untruncated one first, then the longest."""
    with_abstract = [r for r in records if r.abstract]
    if not with_abstract:
        return None
    return max(with_abstract, key=lambda r: (not r.abstract_truncated, len(r.abstract or "")))


def paper_id(records: list[Record]) -> str:
    """A stable IRI path for a paper: a slug of its title plus a short hash of its key."""
    titled = [r for r in records if r.title]
    if titled:
        text = titled[0].title or ""
        key = title_key(text) or f"{text}@{titled[0].at}"  # a title of punctuation only
    else:
        text = label_for(records[0].abstract or "")
        key = abstract_key(records[0].abstract or "") or alias_key(records[0].abstract or "")
    slug = "-".join(alias_key(text).split())[:60].rstrip("-") or "paper"
    return f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
