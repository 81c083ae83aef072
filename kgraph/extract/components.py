"""spaCy pipeline components of the extractor, one registered factory each.

Each component adds candidate spans to `doc._.kg_candidates` as plain lists
`[start_char, end_char, source, extra]`, so results survive `nlp.pipe(n_process=2)`.
Which spans become concepts is decided later, across documents (`concepts.py`).

- `kgraph_pos`: coarse POS from the tagger's tags, with the model's own tag table.
- `kgraph_abbreviations`: Schwartz-Hearst definitions, "Long Form (LF)".
- `kgraph_named_methods`: CamelCase, names with digits, hyphenated and capitalised names.
- `kgraph_noun_phrases`: noun chunks cut at conjunctions, stripped of generic modifiers.
- `kgraph_gazetteer`: known methods (Papers with Code list) and known datasets.
- `kgraph_compact`: sentence offsets as plain data; drops the tensor before transfer.
"""

from __future__ import annotations

import re

import numpy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kgraph.extract.abbrev import find_abbreviations
from kgraph.extract.canonical import canonical_key
from kgraph.extract.gazetteer import methods
from kgraph.resources import read_lines

ABBREV_LONG, ABBREV_SHORT, NAMED, PHRASE, GAZETTEER = "abbreviation", "abbreviation-short", "named", "phrase", "gazetteer"
DATASET = "dataset:"  # prefix of the gazetteer's dataset entries

if not Doc.has_extension("kg_candidates"):
    Doc.set_extension("kg_candidates", default=None)
    Doc.set_extension("kg_abbreviations", default=None)
    Doc.set_extension("kg_sentences", default=None)

_MODIFIERS = frozenset(read_lines("generic_modifiers.txt"))
_GENERIC = frozenset(canonical_key(p) for p in read_lines("generic_phrases.txt"))
_CAMEL = re.compile(r"^(?=[^a-z]*[a-z])(?:[A-Z][a-z0-9]*[A-Z]|[a-z]+[A-Z])[\w²³]*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9²]*(?:-[A-Z0-9]+)*[A-Z0-9²]s?$")
_WITH_DIGIT = re.compile(r"^[A-Za-z][A-Za-z]+-?\d[\w.]*$|^[A-Z]\d+[A-Za-z]*$|^[A-Z][a-z]+[²³]$")
# A-LIX, Q-learning, Nabla-GFlowNet, VQ-VAE, TD-learning; not "Finite-Width" or "Self-adaptive".
_HYPHENATED = re.compile(r"^(?:[A-Z]-[A-Za-z0-9][\w-]*|[\w-]*\b(?:[A-Z][a-z0-9]*[A-Z][\w]*)\b[\w-]*)$")
_TITLE_WORD = re.compile(r"^[A-Z][a-z]+(?:'s)?$|^[A-Z][a-z]+-[A-Z][a-z]+$")
_CITATION = re.compile(r"\bet al\b")
_EDGE = "\"'()[]{}.,;:!?"
# "Griffin: Mixing Gated ..." - a one-word name before a title's colon.
_TITLE_PREFIX = re.compile(r"^([A-Z][\w²³-]+):\s")
# "we propose Hawk, an RNN ..." / "and Griffin, a hybrid model": a name in apposition.
_APPOSITIVE = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+[A-Za-z0-9²-]*), an? (?=\w)")


def _add(doc: Doc, start: int, end: int, source: str, extra: str = "") -> None:
    if doc._.kg_candidates is None:
        doc._.kg_candidates = []
    doc._.kg_candidates.append([start, end, source, extra])


def glued_words(doc: Doc) -> list[tuple[int, int, str]]:
    """(start_char, end_char, text) of runs of tokens written without spaces ("A-LIX")."""
    words, start, full = [], None, doc.text  # Doc.text is rebuilt on every access
    for tok in doc:
        if start is None:
            start = tok.idx
        if tok.whitespace_ or tok.i == len(doc) - 1:
            end = tok.idx + len(tok.text)
            text = full[start:end]
            left = len(text) - len(text.lstrip(_EDGE))
            right = len(text.rstrip(_EDGE))
            if text[left:right].endswith("'s"):
                right -= 2
            if right > left:
                words.append((start + left, start + right, text[left:right]))
            start = None
    return words


def is_named(word: str) -> bool:
    """Shape of a method or artefact name: SoftMoE, HGRN2, Mamba-2, A-LIX, PPO."""
    return bool(_CAMEL.match(word) or _WITH_DIGIT.match(word) or _HYPHENATED.match(word)
                or (_ACRONYM.match(word) and sum(c.isupper() for c in word) >= 2))


def is_headline(text: str) -> bool:
    """Title Case text (a paper title): capitalisation says nothing there."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


def sentence_case(text: str) -> str:
    """Lower-case the Title Case words of a headline so the parser can read it; names
    (SoftMoE, LLMs, A-LIX) keep their capitals, and every offset stays the same.

    >>> sentence_case("When is Transfer Learning Possible? Modular LLMs and A-LIX")
    'When is transfer learning possible? modular LLMs and A-LIX'
    """
    def lower(match: re.Match) -> str:
        word = match.group(0)
        return word if match.start() == 0 or is_named(word) else word.lower()
    return re.sub(r"(?<![\w-])[A-Z][a-z]+(?:-[A-Za-z]+)*(?![\w-])", lower, text)


def pos_rules(nlp: Language) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The model's own POS rules, from its attribute ruler (loaded disabled): fine tag ->
    coarse POS, and (tag, lower-case word) -> POS ("is"/VBZ -> AUX, "that"/IN -> SCONJ).
    Rules that need the parser (DEP) cannot apply without it and are left out, as are
    morphology rules, which the extractor does not read."""
    ruler = dict(nlp.components).get("attribute_ruler")
    by_tag, by_word = {}, {}
    for rule in ruler.patterns if ruler is not None else []:
        pos = rule["attrs"].get("POS")
        for pattern in rule["patterns"]:
            if not pos or len(pattern) != 1 or not isinstance(pattern[0].get("TAG"), str):
                continue
            token = pattern[0]
            if set(token) == {"TAG"}:
                by_tag[token["TAG"]] = pos
            elif set(token) == {"TAG", "LOWER"}:
                words = token["LOWER"]["IN"] if isinstance(token["LOWER"], dict) else [token["LOWER"]]
                by_word.update({(token["TAG"], word): pos for word in words})
    return by_tag, by_word


@Language.factory("kgraph_pos")
def make_pos(nlp: Language, name: str):
    """Coarse POS from the tagger's tags with the model's own rules, a doc at a time (numpy):
    the same POS as the attribute ruler gives without a parser, at a tenth of its cost."""
    from spacy.attrs import LOWER, POS, TAG

    strings = nlp.vocab.strings
    by_tag, by_word = pos_rules(nlp)
    keys = numpy.array(sorted(strings.add(tag) for tag in by_tag), dtype=numpy.uint64)
    values = numpy.array([strings.add(by_tag[strings[int(k)]]) for k in keys], dtype=numpy.uint64)
    words = {(strings.add(tag), strings.add(word)): strings.add(pos) for (tag, word), pos in by_word.items()}
    word_keys = numpy.array(sorted({w for _, w in words}), dtype=numpy.uint64)
    unknown = strings.add("X")

    def pos(doc: Doc) -> Doc:
        if not len(doc) or not keys.size:
            return doc
        array = doc.to_array([TAG, LOWER])
        tags, lowers = array[:, 0], array[:, 1]
        index = numpy.minimum(numpy.searchsorted(keys, tags), len(keys) - 1)
        found = numpy.where(keys[index] == tags, values[index], numpy.uint64(unknown))
        for i in numpy.flatnonzero(numpy.isin(lowers, word_keys)):
            found[i] = words.get((int(tags[i]), int(lowers[i])), found[i])
        doc.from_array([POS], found.reshape(-1, 1))
        return doc

    return pos


@Language.factory("kgraph_abbreviations")
def make_abbreviations(nlp: Language, name: str):
    def abbreviations(doc: Doc) -> Doc:
        pairs = find_abbreviations(doc.text)
        doc._.kg_abbreviations = [list(p) for p in pairs]
        for index, (ls, le, ss, se) in enumerate(pairs):
            _add(doc, ls, le, ABBREV_LONG, str(index))
            _add(doc, ss, se, ABBREV_SHORT, str(index))
        return doc
    return abbreviations


@Language.factory("kgraph_named_methods", default_config={"min_capitalised_words": 2})
def make_named_methods(nlp: Language, name: str, min_capitalised_words: int):
    def named_methods(doc: Doc) -> Doc:
        words = glued_words(doc)
        for start, end, text in words:
            if is_named(text):
                _add(doc, start, end, NAMED)
        text = doc.text
        prefix = _TITLE_PREFIX.match(text)
        if prefix and not is_named(prefix.group(1)):
            _add(doc, prefix.start(1), prefix.end(1), NAMED)
        for match in _APPOSITIVE.finditer(text):
            _add(doc, match.start(1), match.end(1), NAMED)
        if is_headline(text):
            return doc
        sentence_starts = {s.start_char for s in doc.sents} if doc.has_annotation("SENT_START") else {0}
        run: list[tuple[int, int, str]] = []
        for item in words + [(len(text) + 1, 0, "")]:
            adjacent = run and text[run[-1][1]:item[0]].strip() == ""
            if _TITLE_WORD.match(item[2]) and (adjacent or not run):
                run.append(item)
                continue
            if run and run[0][0] in sentence_starts:
                run = run[1:]
            if len(run) >= min_capitalised_words:
                _add(doc, run[0][0], run[-1][1], NAMED)
            run = [item] if _TITLE_WORD.match(item[2]) else []
        return doc
    return named_methods


_HEAD_WORDS = frozenset(canonical_key(line.split("\t")[0]) for line in read_lines("heads.tsv"))
# Single generic words that are not method/dataset/task heads: "study", "improvement".
_GENERIC_HEADS = frozenset(canonical_key(p) for p in read_lines("generic_phrases.txt")
                           if " " not in p and canonical_key(p) not in _HEAD_WORDS)
def _units(doc: Doc) -> list[list]:
    """Tokens grouped into glued words: "state-of-the-art" or "A-LIX" is one unit."""
    units, current = [], []
    for tok in doc:
        if tok.is_punct and tok.text not in ("-", "/"):  # "pruning," -> "pruning" ","
            if current:
                units.append(current)
            units.append([tok])
            current = []
            continue
        current.append(tok)
        if tok.whitespace_ or tok.i == len(doc) - 1:
            units.append(current)
            current = []
    if current:
        units.append(current)
    return units


def _unit_text(unit: list) -> str:
    return "".join(t.text_with_ws for t in unit).strip()


def _role(unit: list) -> str | None:
    """'noun', 'mod' (adjective), 'participle' (VBN), 'gerund' (VBG) or None for a glued word."""
    last = unit[-1]
    text = _unit_text(unit)
    if not text[:1].isalpha() or any(t.like_num for t in unit) or last.pos_ == "PART":
        return None
    if len(unit) > 1 and any(t.text == "-" for t in unit):
        return "noun" if last.pos_ in ("NOUN", "PROPN") else "mod"
    if last.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if last.tag_ == "VBG":
        return "gerund"
    if last.tag_ == "VBN":
        return "participle"
    return "mod" if last.pos_ == "ADJ" else None


def _term(run: list[list], doc: Doc) -> Span | None:
    while run and _unit_text(run[0]).lower() in _MODIFIERS:
        run = run[1:]
    while run and _role(run[-1]) in ("mod", "participle"):
        run = run[:-1]
    if not run or not any(_role(u) == "noun" for u in run):
        return None
    return doc[run[0][0].i: run[-1][-1].i + 1]


def term_spans(doc: Doc, max_words: int) -> list[Span]:
    """Justeson-Katz style terms over glued words: modifiers, then nouns, and at most a
    gerund head ("transfer learning", "gradual magnitude pruning"). Verb forms that
    take an object ("tasks relying on", "models called X") end a term instead."""
    spans: list[Span] = []
    run: list[list] = []

    def flush() -> None:
        term = _term(run, doc)
        if term is not None and len(term.text.split()) <= max_words:
            spans.append(term)
        run.clear()

    for unit in _units(doc):
        role = _role(unit)
        has_noun = any(_role(u) == "noun" for u in run)
        if role in ("noun", "mod"):
            run.append(unit)
        elif role == "participle" and not has_noun:
            run.append(unit)  # "learned biases", "pruned network"
        elif role == "gerund" and run:
            after = doc[unit[-1].i + 1] if unit[-1].i + 1 < len(doc) else None
            if after is None or after.pos_ not in ("ADP", "DET", "PRON", "SCONJ", "PART", "NOUN", "PROPN"):
                run.append(unit)  # the gerund heads the term
            flush()
        else:
            flush()
        if unit[-1].is_sent_end:
            flush()
    flush()
    return spans


@Language.factory("kgraph_noun_phrases", default_config={"max_words": 6})
def make_noun_phrases(nlp: Language, name: str, max_words: int):
    def noun_phrases(doc: Doc) -> Doc:
        for span in term_spans(doc, max_words):
            key = canonical_key(span.text)
            if not key or key in _GENERIC or (len(span.text.split()) == 1 and not is_named(span.text)):
                continue
            if canonical_key(span.text.split()[-1]) in _GENERIC_HEADS or _CITATION.search(span.text):
                continue  # "extensive empirical study", "performance improvements", "Cetin et al"
            _add(doc, span.start_char, span.end_char, PHRASE, span.text.split()[-1].lower())
        return doc
    return noun_phrases


@Language.factory("kgraph_gazetteer")
def make_gazetteer(nlp: Language, name: str):
    by_case = PhraseMatcher(nlp.vocab, attr="ORTH")
    by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for index, method in enumerate(methods()):
        key = str(index)
        if method.name != method.full_name and any(c.isupper() for c in method.name[1:]):
            by_case.add(key, [nlp.make_doc(method.name)])
        label = method.label
        if len(label) < 4 or canonical_key(label) in _GENERIC:
            continue
        # "ZeRO" or "ALIGN" must not match "zero" or "align": odd capitals are matched as written.
        odd_case = any(c.isupper() for w in label.split() for c in w[1:])
        (by_case if odd_case else by_lower).add(key, [nlp.make_doc(label)])

    for dataset in read_lines("datasets.txt"):
        by_lower.add(f"{DATASET}{dataset}", [nlp.make_doc(dataset)])

    def gazetteer(doc: Doc) -> Doc:
        for matcher in (by_case, by_lower):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                _add(doc, span.start_char, span.end_char, GAZETTEER, nlp.vocab.strings[match_id])
        return doc
    return gazetteer


@Language.factory("kgraph_compact")
def make_compact(nlp: Language, name: str):
    """Last component: keep sentence offsets as plain data and drop the tok2vec tensor,
    so documents coming back from worker processes are small and cheap to read."""
    def compact(doc: Doc) -> Doc:
        doc._.kg_sentences = [[s.start_char, s.end_char] for s in doc.sents]
        doc.tensor = numpy.zeros((0,), dtype="float32")
        return doc
    return compact
