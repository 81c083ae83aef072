"""Person resolution: which written names are one person.

Modelled on S2AND: names are blocked by folded surname and first initial. Names that
differ only in case, accents, hyphens, spaces or order are one person (the same written
name is one person by default). A different form of a name ("F. Wood", "Frank N. Wood",
"Tim" for "Timothy") joins a cluster only when it is compatible with every name already
in it (so "F. Wood" cannot chain "Frank Wood" to "Fred Wood"), no paper lists both, and
the two share at least SHARED_COAUTHORS co-authors, in exactly one cluster. Otherwise it stays apart and the
decision is logged. The user's aliases file overrides any of it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kgraph.model import Location, Merge, Person
from kgraph.names import ParsedName, compatible, parse_name, specificity
from kgraph.resolve.aliases import Aliases, alias_key

SAME_FORM = "same name up to case, accents, hyphens, spaces or name order"
INITIAL = "given name written as an initial; shared co-author"
MIDDLE = "middle name or initial present in one form only; shared co-author"
NICKNAME = "given name is a nickname of the other; shared co-author"
SPACING = "same letters, split differently (Zhenhua / Zhen-Hua); shared co-author"
NO_EVIDENCE = "compatible names but no shared co-author"
AMBIGUOUS = "ambiguous: fits more than one person"
ALIAS = "aliases file"
IDENTIFIER = "same author identifier (ORCID / OpenAlex)"
# Evidence a different form of a name needs to join a person: shared co-authors (by full
# name). bench/resolution.py measures 1, 2 and 3 on the ACL Anthology; 2 keeps S2AND's
# caution for common names while "Tim Baldwin" / "Timothy Baldwin" still merge.
SHARED_COAUTHORS = 2


@dataclass
class _Form:
    """One distinct written name and where it was seen."""

    written: str
    parsed: ParsedName
    first_at: Location
    count: int = 0
    papers: set[int] = field(default_factory=set)  # indexes of the records naming it
    coauthors: set[str] = field(default_factory=set)  # folded other names on those records
    identifiers: set[str] = field(default_factory=set)  # ORCID / OpenAlex author ids given with it


@dataclass
class _Cluster:
    forms: list[_Form]
    papers: set[int]
    coauthors: set[str] = field(default_factory=set)
    locked: bool = False  # "do not merge" in the aliases file

    def accepts(self, form: _Form) -> bool:
        return (not self.locked and not (self.papers & form.papers)
                and all(_compatible(form.parsed, f.parsed) for f in self.forms))

    def add(self, form: _Form) -> None:
        self.forms.append(form)
        self.papers |= form.papers
        self.coauthors |= form.coauthors


def _compatible(a, b) -> bool:
    return a.compact == b.compact or compatible(a, b, nicknames=True)


def _block_key(parsed) -> str:
    # S2AND's block: surname plus first initial (compatible names share both).
    return f"{parsed.key} {parsed.first_initial}"


@dataclass
class People:
    person_of: dict[str, str]  # written form -> person id
    persons: dict[str, Person]
    merges: list[Merge]


def _collect(mentions: list[tuple]) -> dict[str, _Form]:
    forms: dict[str, _Form] = {}
    on_paper: dict[int, list[_Form]] = defaultdict(list)
    for written, paper, at, *identifier in mentions:
        form = forms.get(written)
        if form is None:
            form = forms[written] = _Form(written, parse_name(written), at)
        form.count += 1
        form.papers.add(paper)
        if identifier and identifier[0]:
            form.identifiers.add(identifier[0])
        on_paper[paper].append(form)
    for names in on_paper.values():
        keys = {f.parsed.folded for f in names}
        for form in names:
            form.coauthors |= keys
    for form in forms.values():
        form.coauthors.discard(form.parsed.folded)
    return forms


def _cluster_block(forms: list[_Form], merges: list[Merge], evidence: int) -> list[_Cluster]:
    """Greedy S2AND-style clustering of the forms sharing one block key."""
    forms = sorted(forms, key=lambda f: (specificity(f.parsed), f.count), reverse=True)
    clusters: list[_Cluster] = []
    by_name: dict[str, _Cluster] = {}
    for form in forms:
        same = by_name.get(form.parsed.folded)
        if same is not None:  # the same name up to case, accents, hyphens and order: no decision
            same.add(form)
            continue
        fits = [c for c in clusters if c.accepts(form)]
        backed = [c for c in fits if len(c.coauthors & form.coauthors) >= evidence]
        if len(backed) == 1:
            target = backed[0]
            target.add(form)
        else:
            target = _Cluster([], set())
            target.add(form)
            clusters.append(target)
            if fits:
                others = " / ".join(_canonical(c.forms).written for c in (backed or fits))
                merges.append(Merge("person", "kept apart", form.written, others,
                                    AMBIGUOUS if len(backed) > 1 else NO_EVIDENCE, f"first seen {form.first_at}"))
        by_name[form.parsed.folded] = target
    return clusters


def _canonical(forms: list[_Form]) -> _Form:
    """The fullest, most used, accented, properly cased form names the person."""
    def rank(f: _Form) -> tuple:
        accented = f.written != f.written.encode("ascii", "ignore").decode()
        shouting = any(len(w) > 1 and w.isupper() for w in f.written.replace(",", " ").split())
        return (specificity(f.parsed), f.count, accented, not shouting, "," not in f.written)
    return max(sorted(forms, key=lambda f: f.written), key=rank)


def _rule(form: _Form, canonical: _Form) -> str:
    a, b = form.parsed, canonical.parsed
    if a.folded == b.folded:
        return SAME_FORM
    if a.compact == b.compact:
        return SPACING
    if not a.has_full_first and b.has_full_first:
        return INITIAL
    if a.given and b.given and a.given[0] != b.given[0] and a.has_full_first and b.has_full_first:
        return NICKNAME
    return MIDDLE


def _shared(form: _Form, others: list[_Form]) -> str:
    shared = sorted(form.coauthors & set().union(*(f.coauthors for f in others)))
    return f"; shared co-authors: {', '.join(shared[:5])}" if shared else ""


def _merge_by_identifier(clusters: list[_Cluster], merges: list[Merge]) -> tuple[list[_Cluster], set[str]]:
    """One person per ORCID / OpenAlex author id, whatever the names (even across surnames);
    returns the clusters and the written names moved (their merges are logged here)."""
    owner: dict[str, _Cluster] = {}
    moved: set[str] = set()
    for cluster in clusters:
        ids = sorted({i for f in cluster.forms for i in f.identifiers})
        target = next((owner[i] for i in ids if i in owner and owner[i] is not cluster), None)
        if target is not None and not cluster.locked and not target.locked and not (target.papers & cluster.papers):
            shared = next(i for i in ids if owner.get(i) is target)
            for form in cluster.forms:
                merges.append(Merge("person", "merged", _canonical(target.forms).written, form.written, IDENTIFIER, shared))
                target.add(form)
                moved.add(form.written)
            cluster.forms = []
            cluster = target
        for i in ids:
            owner.setdefault(i, cluster)
    return [c for c in clusters if c.forms], moved


def _apply_aliases(clusters: list[_Cluster], forms: dict[str, _Form], aliases: Aliases,
                   merges: list[Merge]) -> tuple[list[_Cluster], set[str]]:
    """Move each aliased form into the cluster of its canonical name."""
    moved: set[str] = set()
    home = {id(f): c for c in clusters for f in c.forms}
    by_key = {alias_key(f.written): f for f in forms.values()}
    for form in forms.values():
        overridden, canonical = aliases.lookup(form.written)
        if not overridden or canonical is None:
            continue
        source = home[id(form)]
        target_form = by_key.get(alias_key(canonical))
        if target_form is None:  # a canonical name not written anywhere: it becomes the name
            target_form = _Form(canonical, parse_name(canonical), Location(aliases.source, 0))
            target = _Cluster([target_form], set())
            clusters.append(target)
            home[id(target_form)] = target
        target = home[id(target_form)]
        if target is source:
            continue
        source.forms.remove(form)
        target.forms.append(form)
        home[id(form)] = target
        moved.add(form.written)
        merges.append(Merge("person", "merged", canonical, form.written, ALIAS, aliases.source))
    return [c for c in clusters if c.forms], moved


def _person_ids(clusters: list[_Cluster], chosen: set[str]) -> list[tuple[str, _Cluster, _Form]]:
    """Stable ids: first-name-surname slug, widened only when two people collide.

    A name the aliases file gives as canonical (`chosen`) names its person."""
    def canonical(forms: list[_Form]) -> _Form:
        named_by_user = [f for f in forms if alias_key(f.written) in chosen]
        return named_by_user[0] if named_by_user else _canonical(forms)

    named = sorted(((c, canonical(c.forms)) for c in clusters), key=lambda cf: cf[1].parsed.folded)
    used: set[str] = set()
    out = []
    for cluster, canon in named:
        parsed = canon.parsed
        candidates = ["-".join(parsed.given[:1] + parsed.surname), "-".join(parsed.given + parsed.surname)]
        pid = next((c for c in candidates if c and c not in used), None)
        n = 2
        while pid is None or pid in used:
            pid = f"{candidates[-1] or 'person'}-{n}"
            n += 1
        used.add(pid)
        out.append((pid, cluster, canon))
    return out


def resolve_people(mentions: list[tuple[str, int, Location]], aliases: Aliases,
                   shared_coauthors: int = SHARED_COAUTHORS) -> People:
    """Cluster written names into persons.

    mentions: (written name, record index, location) for every author slot; two names
    in one record are never one person. shared_coauthors: how many co-authors two
    different forms of a name must share to be merged.
    """
    forms = _collect(mentions)
    merges: list[Merge] = []
    blocks: dict[str, list[_Form]] = defaultdict(list)
    locked: list[_Cluster] = []
    for form in forms.values():
        overridden, canonical = aliases.lookup(form.written)
        if overridden and canonical is None:
            locked.append(_Cluster([form], set(form.papers), set(form.coauthors), locked=True))
            merges.append(Merge("person", "kept apart", form.written, "", ALIAS, aliases.source))
        else:
            blocks[_block_key(form.parsed)].append(form)
    clusters = locked + [c for key in sorted(blocks) for c in _cluster_block(blocks[key], merges, shared_coauthors)]
    clusters, by_id = _merge_by_identifier(clusters, merges)
    clusters, aliased = _apply_aliases(clusters, forms, aliases, merges)

    person_of, persons = {}, {}
    chosen = {alias_key(c) for c in aliases.entries.values() if c}
    for pid, cluster, canon in _person_ids(clusters, chosen):
        variants = [canon.written] + sorted(f.written for f in cluster.forms if f is not canon)
        persons[pid] = Person(pid, canon.parsed.display, variants)
        for form in cluster.forms:
            person_of[form.written] = pid
            if form is not canon and form.written not in aliased and form.written not in by_id:
                rule = _rule(form, canon)
                shared = "" if rule == SAME_FORM else _shared(form, [f for f in cluster.forms if f is not form])
                merges.append(Merge("person", "merged", canon.parsed.display, form.written, rule,
                                    f"first seen {form.first_at}; {form.count} mention(s){shared}"))
    return People(person_of, persons, merges)
