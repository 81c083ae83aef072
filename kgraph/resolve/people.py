"""Person resolution: which written names are one person.

Modelled on S2AND: names are blocked by folded surname, and within a block a name
joins a cluster only when it is compatible with every name already in it (so
"F. Wood" cannot chain "Frank Wood" to "Fred Wood"), when no paper lists both, and
when exactly one cluster fits; an initial that fits two people stays apart and the
decision is logged. The user's aliases file overrides any of it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kgraph.model import Location, Merge, Person
from kgraph.names import ParsedName, compatible, parse_name, specificity
from kgraph.resolve.aliases import Aliases, alias_key

SAME_FORM = "same name up to case, accents or name order"
INITIAL = "given name written as an initial; only one person in the block fits"
MIDDLE = "middle name or initial present in one form only"
ALIAS = "aliases file"


@dataclass
class _Form:
    """One distinct written name and where it was seen."""

    written: str
    parsed: ParsedName
    first_at: Location
    count: int = 0
    papers: set[int] = field(default_factory=set)  # indexes of the records naming it


@dataclass
class _Cluster:
    forms: list[_Form]
    papers: set[int]
    locked: bool = False  # "do not merge" in the aliases file

    def accepts(self, form: _Form) -> bool:
        return (not self.locked and not (self.papers & form.papers)
                and all(compatible(form.parsed, f.parsed) for f in self.forms))


@dataclass
class People:
    person_of: dict[str, str]  # written form -> person id
    persons: dict[str, Person]
    merges: list[Merge]


def _collect(mentions: list[tuple[str, int, Location]]) -> dict[str, _Form]:
    forms: dict[str, _Form] = {}
    for written, paper, at in mentions:
        form = forms.get(written)
        if form is None:
            form = forms[written] = _Form(written, parse_name(written), at)
        form.count += 1
        form.papers.add(paper)
    return forms


def _cluster_block(forms: list[_Form], merges: list[Merge]) -> list[_Cluster]:
    """Greedy S2AND-style clustering of the forms sharing one block key."""
    forms = sorted(forms, key=lambda f: (specificity(f.parsed), f.count), reverse=True)
    clusters: list[_Cluster] = []
    by_fold: dict[str, _Cluster] = {}
    for form in forms:
        same = by_fold.get(form.parsed.folded)
        if same is not None:  # identical up to case, accents and order: no decision to make
            same.forms.append(form)
            same.papers |= form.papers
            continue
        fits = [c for c in clusters if c.accepts(form)]
        if len(fits) == 1:
            target = fits[0]
            target.forms.append(form)
            target.papers |= form.papers
        else:
            target = _Cluster([form], set(form.papers))
            clusters.append(target)
            if len(fits) > 1:
                others = " / ".join(_canonical(c.forms).written for c in fits)
                merges.append(Merge("person", "kept apart", form.written, others,
                                    "ambiguous: fits more than one person", f"first seen {form.first_at}"))
        by_fold[form.parsed.folded] = target
    return clusters


def _canonical(forms: list[_Form]) -> _Form:
    """The fullest, most used, accented, properly cased form names the person."""
    def rank(f: _Form) -> tuple:
        accented = f.written != f.written.encode("ascii", "ignore").decode()
        shouting = any(len(w) > 1 and w.isupper() for w in f.written.replace(",", " ").split())
        return (specificity(f.parsed), f.count, accented, not shouting, "," not in f.written)
    return max(sorted(forms, key=lambda f: f.written), key=rank)


def _rule(form: _Form, canonical: _Form) -> str:
    if form.parsed.folded == canonical.parsed.folded:
        return SAME_FORM
    if not form.parsed.has_full_first and canonical.parsed.has_full_first:
        return INITIAL
    return MIDDLE


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


def resolve_people(mentions: list[tuple[str, int, Location]], aliases: Aliases) -> People:
    """Cluster written names into persons.

    mentions: (written name, record index, location) for every author slot; two names
    in one record are never one person.
    """
    forms = _collect(mentions)
    merges: list[Merge] = []
    blocks: dict[str, list[_Form]] = defaultdict(list)
    locked: list[_Cluster] = []
    for form in forms.values():
        overridden, canonical = aliases.lookup(form.written)
        if overridden and canonical is None:
            locked.append(_Cluster([form], set(form.papers), locked=True))
            merges.append(Merge("person", "kept apart", form.written, "", ALIAS, aliases.source))
        else:
            # S2AND's block: surname plus first initial (compatible names share both).
            blocks[f"{form.parsed.key} {form.parsed.first_initial}"].append(form)
    clusters = locked + [c for key in sorted(blocks) for c in _cluster_block(blocks[key], merges)]
    clusters, aliased = _apply_aliases(clusters, forms, aliases, merges)

    person_of, persons = {}, {}
    chosen = {alias_key(c) for c in aliases.entries.values() if c}
    for pid, cluster, canon in _person_ids(clusters, chosen):
        variants = [canon.written] + sorted(f.written for f in cluster.forms if f is not canon)
        persons[pid] = Person(pid, canon.parsed.display, variants)
        for form in cluster.forms:
            person_of[form.written] = pid
            if form is not canon and form.written not in aliased:
                merges.append(Merge("person", "merged", canon.parsed.display, form.written,
                                    _rule(form, canon), f"first seen {form.first_at}; {form.count} mention(s)"))
    return People(person_of, persons, merges)
