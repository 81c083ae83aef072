"""From candidate spans to concepts, across all papers.

The spaCy components propose spans per document; this module decides, with the whole
corpus in view:
- the canonical concept of each span: an abbreviation defined in the same paper, else
  its most common definition elsewhere, else the gazetteer's full name, else its own
  canonical key ("PPO" anywhere = "Proximal Policy Optimization");
- which noun phrases are relevant enough (frequency in the paper, title, rarity across
  papers: VOSviewer's relevance idea, not raw frequency);
- each concept's type (method, dataset, task/field), label, alternative labels, the
  broad research topics it falls under (skos:broader), and the evidence of each link.
"""

from __future__ import annotations

import csv
import math
from bisect import bisect_right
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from kgraph.extract.canonical import canonical_key, singular
from kgraph.extract.components import ABBREV_LONG, ABBREV_SHORT, DATASET, GAZETTEER, NAMED, PHRASE
from kgraph.extract.gazetteer import Method, methods
from kgraph.model import Concept, ConceptLink, Corpus, Evidence, Location, Paper
from kgraph.resources import read_lines

METHOD, DATASET_TYPE, TASK, TOPIC = "method", "dataset", "task", "topic"
_GENERIC = frozenset(canonical_key(p) for p in read_lines("generic_phrases.txt"))


@dataclass
class Hit:
    """One candidate span in one field of one paper."""

    paper: int
    field: str
    start: int
    end: int
    text: str
    source: str
    extra: str
    sentence: tuple[int, int]  # offsets of the sentence in the field text
    at_sentence_start: bool


@dataclass(frozen=True)
class Topic:
    label: str
    triggers: tuple[re.Pattern, ...]  # at most two alternations: case-sensitive, case-insensitive
    phrases: re.Pattern | None  # the multi-word triggers, for concept names
    acronyms: tuple[str, ...]  # upper-case triggers: "RLHF" starts with "RL"
    groups: frozenset[str]  # Papers with Code areas and collections
    # First word of every trigger (as written / lower-cased): a text without any of them
    # cannot match, which spares most regex scans of most abstracts.
    first_cased: frozenset[str] = frozenset()
    first_plain: frozenset[str] = frozenset()

    def may_match(self, words: set[str], lowered: set[str]) -> bool:
        return bool(self.first_cased & words or self.first_plain & lowered)

    @property
    def id(self) -> str:
        """The canonical key of the label: a concept of the same name *is* the topic."""
        return canonical_key(self.label)


@lru_cache(maxsize=1)
def head_types() -> dict[str, str]:
    return dict(line.split("\t") for line in read_lines("heads.tsv"))


_WORD = re.compile(r"[\w-]+")  # the units the triggers' (?<![\w-]) ... (?![\w-]) boundaries delimit


def _first_word(trigger: str) -> str:
    found = _WORD.match(trigger)
    if found is None:
        raise ValueError(f"topic trigger {trigger!r} must start with a letter, digit or hyphen")
    return found.group(0)


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    def alternation(words: list[str], flags: int = 0) -> re.Pattern | None:
        if not words:
            return None
        body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)

    out = []
    for row in csv.reader(read_lines("topics.tsv"), delimiter="\t"):
        label, triggers, groups = (row + ["", ""])[:3]
        words = [t for t in triggers.split("|") if t]
        cased = [w for w in words if any(c.isupper() for c in w)]
        plain = [w for w in words if w not in cased]
        patterns = tuple(p for p in (alternation(cased), alternation(plain, re.IGNORECASE)) if p)
        phrases = alternation([w for w in words if " " in w], re.IGNORECASE)
        acronyms = tuple(w for w in cased if w.isupper())
        out.append(Topic(label, patterns, phrases, acronyms, frozenset(g for g in groups.split("|") if g),
                         frozenset(_first_word(w) for w in cased), frozenset(_first_word(w).lower() for w in plain)))
    return tuple(out)


@lru_cache(maxsize=1)
def _gazetteer_keys() -> dict[str, int]:
    """Canonical key of each method's short name and full name -> method index."""
    keys: dict[str, int] = {}
    for index, method in enumerate(methods()):
        for name in (method.label, method.name):
            keys.setdefault(canonical_key(name), index)
    return keys


def doc_data(doc) -> tuple[str, list, list, list]:
    """What the builder needs from a processed doc, as plain data (cheap to send between
    processes): text, candidates, abbreviation offsets, sentence offsets."""
    text = doc.text  # rebuilt on every access: read it once
    return text, doc._.kg_candidates or [], doc._.kg_abbreviations or [], doc._.kg_sentences or [[0, len(text)]]


def hits_from_data(data: tuple[str, list, list, list], paper: int, field: str) -> tuple[list[Hit], list[tuple[str, str]]]:
    """The candidates of one processed text, and its (short, long) definitions."""
    text, candidates, abbreviations, sentences = data
    starts = [s[0] for s in sentences]
    hits = []
    for start, end, source, extra in candidates:
        left, right = sentences[max(0, bisect_right(starts, start) - 1)]
        hits.append(Hit(paper, field, start, end, text[start:end], source, extra, (left, right), start == left))
    pairs = [(text[ss:se], text[ls:le]) for ls, le, ss, se in abbreviations]
    return hits, pairs


class _Resolver:
    """Maps a hit to the canonical key of its concept."""

    def __init__(self, definitions: dict[int, list[tuple[str, str]]]) -> None:
        self.local: dict[tuple[int, str], str] = {}
        votes: dict[str, Counter] = defaultdict(Counter)
        for paper, pairs in definitions.items():
            for short, long in pairs:
                self.local[(paper, canonical_key(short))] = canonical_key(long)
                votes[canonical_key(short)][canonical_key(long)] += 1
        self.shared = {short: counts.most_common(1)[0][0] for short, counts in votes.items()}
        self.gazetteer = _gazetteer_keys()

    def key(self, hit: Hit) -> str:
        if hit.source == GAZETTEER:
            key = canonical_key(hit.extra.removeprefix(DATASET) if hit.extra.startswith(DATASET)
                                else methods()[int(hit.extra)].label)
        else:
            key = canonical_key(hit.text)
        if (hit.paper, key) in self.local:
            return self.local[(hit.paper, key)]
        if key in self.shared and hit.source != ABBREV_LONG:
            return self.shared[key]
        if key in self.gazetteer:
            return canonical_key(methods()[self.gazetteer[key]].label)
        return key


def _dominated(hit: Hit, strong: list[Hit]) -> bool:
    """A phrase that only wraps a stronger hit with one more word ("MuJoCo environments")
    or a name inside a longer name ("Transformer" in "Forgetting Transformer") adds
    nothing at that place."""
    if hit.source == PHRASE:
        return any(s.field == hit.field and hit.start == s.start and s.end < hit.end
                   and len(hit.text[s.end - hit.start:].split()) <= 1 for s in strong)
    if hit.source in (ABBREV_LONG, ABBREV_SHORT):
        return False
    return any(s.field == hit.field and s.start <= hit.start and hit.end <= s.end
               and (s.end - s.start) > (hit.end - hit.start) for s in strong)


def _type_votes(hit: Hit, text_after: str) -> str | None:
    """What one mention says of its concept's type, or None if it says nothing."""
    if hit.source == GAZETTEER:
        return DATASET_TYPE if hit.extra.startswith(DATASET) else METHOD
    following = re.match(r"\s*([A-Za-z]+)", text_after)
    if hit.source == NAMED and following and head_types().get(singular(following.group(1).lower())) == DATASET_TYPE:
        return DATASET_TYPE  # "the D4RL benchmark", "Atari games"
    last = hit.text.split()[-1].strip(".,;:") if hit.text.split() else ""
    kind = head_types().get(singular(last.lower())) if last.islower() or " " in hit.text else None
    if hit.source == ABBREV_LONG and all(w[0].isupper() for w in hit.text.split()) and kind != DATASET_TYPE:
        return METHOD  # a named proposal: "Feasible Learning (FL)", "Demon Pruning (DemP)"
    if hit.source in (ABBREV_LONG, NAMED) and " " in hit.text:
        return kind or METHOD
    return kind if hit.source == PHRASE else None


def _label(surfaces: Counter, preferred: list[str]) -> str:
    if preferred:
        return Counter(preferred).most_common(1)[0][0]
    ranked = sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0]


def _readable(text: str, at_sentence_start: bool) -> str:
    """Undo sentence-initial capitals: "Reinforcement learning" -> "reinforcement learning"."""
    words = text.split()
    if at_sentence_start and len(words) > 1 and words[0][1:].islower() and all(w.islower() for w in words[1:]):
        return text[0].lower() + text[1:]
    return text


class ConceptBuilder:
    """Collects hits paper by paper, then builds concepts and links in one pass."""

    def __init__(self, corpus: Corpus, settings: dict) -> None:
        self.corpus = corpus
        self.score = settings["score"]
        self.hits: list[Hit] = []
        self.definitions: dict[int, list[tuple[str, str]]] = defaultdict(list)

    def add(self, data: tuple[str, list, list, list], paper: int, field: str) -> None:
        hits, pairs = hits_from_data(data, paper, field)
        self.hits.extend(hits)
        self.definitions[paper].extend(pairs)

    def _field_text(self, paper: Paper, field: str) -> str:
        return (paper.title if field == "title" else paper.abstract) or ""

    def _field_at(self, paper: Paper, field: str) -> Location | None:
        for record in paper.records:
            if field == "title" and record.title:
                return record.title_at
            if field == "abstract" and record.abstract == paper.abstract:
                return record.abstract_at
        return None

    def build(self) -> None:
        resolver = _Resolver(self.definitions)
        by_paper: dict[int, list[Hit]] = defaultdict(list)
        for hit in self.hits:
            by_paper[hit.paper].append(hit)
        keyed: dict[int, dict[str, list[Hit]]] = {}
        df: Counter = Counter()
        surfaces: dict[str, Counter] = defaultdict(Counter)
        preferred: dict[str, list[str]] = defaultdict(list)
        alts: dict[str, Counter] = defaultdict(Counter)
        types: dict[str, Counter] = defaultdict(Counter)
        sources: dict[str, set] = defaultdict(set)
        groups: dict[str, set] = defaultdict(set)
        for paper_index, hits in by_paper.items():
            paper = self.corpus.papers[paper_index]
            strong = [h for h in hits if h.source != PHRASE]
            per_key: dict[str, list[Hit]] = defaultdict(list)
            for hit in hits:
                if _dominated(hit, strong):
                    continue
                key = resolver.key(hit)
                if not key or key in _GENERIC or len(key) < 2 or key.isdigit():
                    continue
                per_key[key].append(hit)
                surface = _readable(hit.text, hit.at_sentence_start)
                if hit.source == GAZETTEER and not hit.extra.startswith(DATASET):
                    method: Method = methods()[int(hit.extra)]
                    preferred[key].append(method.label)
                    if method.name != method.label:
                        alts[key][method.name] += 1
                    groups[key].update(method.collections + method.areas)
                elif hit.source == ABBREV_LONG:
                    preferred[key].append(surface)
                elif hit.source == ABBREV_SHORT:
                    alts[key][hit.text] += 1
                surfaces[key][surface] += 0.5 if hit.field == "title" else 1.0  # titles are Title Cased
                sources[key].add(hit.source)
                vote = _type_votes(hit, self._field_text(paper, hit.field)[hit.end:hit.end + 30])
                if vote:
                    types[key][vote] += 1
            keyed[paper_index] = per_key
            df.update(per_key.keys())

        labels = {key: _label(surfaces[key], preferred[key]) for key in surfaces}
        kinds = {key: self._kind(types[key], sources[key] == {PHRASE}) for key in surfaces}
        links = self._select(keyed, df, kinds)
        used = {key for paper_links in links.values() for key in paper_links}
        self._emit(links, labels, kinds, alts, sources, groups, used)

    @staticmethod
    def _kind(votes: Counter, phrase_only: bool) -> str:
        if votes[DATASET_TYPE] and votes[DATASET_TYPE] >= max(votes[METHOD], votes[TASK]):
            return DATASET_TYPE
        if not votes:  # an unknown head word: a phenomenon or field rather than a method
            return TASK if phrase_only else METHOD
        return TASK if votes[TASK] > votes[METHOD] else METHOD

    def _select(self, keyed, df, kinds) -> dict[int, dict[str, tuple[float, list[Hit]]]]:
        """Per paper: every strongly found concept, plus its most relevant noun phrases."""
        n = max(len(self.corpus.papers), 1)
        chosen: dict[int, dict[str, tuple[float, list[Hit]]]] = {}
        for paper_index, per_key in keyed.items():
            strong, phrases = {}, []
            for key, hits in per_key.items():
                score = sum(self.score[h.source] + (self.score["title_bonus"] if h.field == "title" else 0) for h in hits)
                if any(h.source != PHRASE for h in hits):
                    strong[key] = (score, hits)
                elif all(h.field == "title" for h in hits) and self.corpus.papers[paper_index].abstract:
                    continue  # a title phrase the abstract never uses: usually a parse of Title Case
                else:
                    rarity = math.log((n + 1) / df[key]) / math.log(n + 1) if n > 1 else 1.0
                    words = len(hits[0].text.split())
                    phrases.append((score * rarity * (1 + 0.25 * (words - 1)), key, hits))
            phrases.sort(key=lambda p: (-p[0], p[1]))
            kept = [p for p in phrases if p[0] >= self.score["min_phrase_score"]][: self.score["max_phrases_per_paper"]]
            if phrases and not any(kinds[k] == METHOD for k in strong) and not any(kinds[p[1]] == METHOD for p in kept):
                kept += [p for p in phrases if kinds[p[1]] == METHOD][:1]  # every paper gets a method if it has one
            chosen[paper_index] = {**strong, **{key: (score, hits) for score, key, hits in kept}}
        return chosen

    def _emit(self, links, labels, kinds, alts, sources, groups, used) -> None:
        concepts = self.corpus.concepts
        topic_list = topics()
        topic_ids = {t.id: t for t in topic_list}
        written: dict[str, set[str]] = defaultdict(set)
        for per_key in links.values():
            for key, (_, hits) in per_key.items():
                written[key].update(h.text for h in hits if h.source != GAZETTEER)
        for key in sorted(used):
            if key in topic_ids:
                continue
            label = labels[key]
            alt = [a for a, _ in alts[key].most_common() if a != label]
            alt += [s for s in sorted(written[key]) if s.lower() != label.lower() and s not in alt]
            concepts[key] = Concept(key, label, kinds[key], alt[:10], sorted(self._broader(label, alt, groups[key], topic_list)),
                                    sorted(sources[key]))
        for topic in topic_list:
            alt = sorted({s for s in written[topic.id] if s.lower() != topic.label})
            concepts[topic.id] = Concept(topic.id, topic.label, TOPIC, alt[:10], [], sorted(sources[topic.id]))
        for paper_index, per_key in sorted(links.items()):
            paper = self.corpus.papers[paper_index]
            for key, (score, hits) in sorted(per_key.items(), key=lambda kv: (-kv[1][0], kv[0])):
                self.corpus.links.append(ConceptLink(paper.id, key, round(score, 3), self._evidence(paper, hits)))
            self._tag_topics(paper, per_key, groups, topic_list)

    def _evidence(self, paper: Paper, hits: list[Hit]) -> list[Evidence]:
        out, seen = [], set()
        for hit in sorted(hits, key=lambda h: (h.field != "title", h.start)):
            if (hit.field, hit.sentence) in seen:
                continue
            seen.add((hit.field, hit.sentence))
            left, right = hit.sentence
            sentence = self._field_text(paper, hit.field)[left:right]
            out.append(Evidence(hit.field, sentence, hit.start, hit.end, hit.source, self._field_at(paper, hit.field)))
        return out[: self.score["max_evidence"]]

    @staticmethod
    def _broader(label: str, alt: list[str], group_names: set, topic_list) -> set[str]:
        """Topics that the gazetteer's grouping or the concept's own names make evident."""
        out = set()
        names = [label] + alt
        for topic in topic_list:
            if group_names & topic.groups:
                out.add(topic.id)
            elif topic.phrases and any(topic.phrases.search(name) for name in names):
                out.add(topic.id)  # "natural policy gradient" contains "policy gradient"
            elif any(name.isupper() and name.startswith(a) and name != a for a in topic.acronyms for name in alt):
                out.add(topic.id)  # "RLHF" is an RL method
        return out

    def _tag_topics(self, paper: Paper, per_key, groups, topic_list) -> None:
        """Tag a paper with broad topics: via its concepts' groups, or repeated trigger words."""
        title, abstract = paper.title or "", paper.abstract or ""
        fields = []
        for field, text in (("title", title), ("abstract", abstract)):
            words = set(_WORD.findall(text))
            fields.append((field, text, words, {w.lower() for w in words}))
        for topic in topic_list:
            if topic.id in per_key:
                continue  # already linked as a concept, with its own evidence
            via_concept = [k for k in per_key if groups[k] & topic.groups]
            evidence, weight = [], 0
            for field, text, words, lowered in fields:
                if not topic.may_match(words, lowered):
                    continue
                for pattern in topic.triggers:
                    for match in pattern.finditer(text):
                        weight += 2 if field == "title" else 1
                        if len(evidence) < self.score["max_evidence"]:
                            evidence.append(self._sentence_evidence(paper, field, text, match.start(), match.end()))
            if via_concept or weight >= 2:
                if not evidence:
                    evidence = self._evidence(paper, per_key[via_concept[0]][1])
                self.corpus.links.append(ConceptLink(paper.id, topic.id, float(weight + 2 * len(via_concept)), evidence))

    def _sentence_evidence(self, paper: Paper, field: str, text: str, start: int, end: int) -> Evidence:
        left = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
        right = text.find(". ", end)
        sentence = text[left: right + 1 if right >= 0 else len(text)]
        return Evidence(field, sentence, start, end, "topic trigger", self._field_at(paper, field))
