"""Line classification for listing layouts: is a line a title, a name, or prose?

Each line gets a score for each label from its own features, and a small Viterbi
decoder picks the best label sequence under the listing grammar
(record = title, names*, abstract?). Context decides what a line alone cannot:
"Feasible Learning" after an abstract must be a title, because names never follow
an abstract.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from kgraph.resources import read_lines

TITLE, NAME, PROSE = "title", "name", "prose"
LABELS = (TITLE, NAME, PROSE)

_PARTICLES = frozenset(read_lines("name_particles.txt"))
_TITLE_WORDS = frozenset(read_lines("title_words.txt"))
_NOT_IN_NAMES = re.compile(r"[0-9:;?!()\[\]{}/@#$%&*=+<>\"|\\_]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s+[A-Z(]")
_INITIAL = re.compile(r"^[A-Z]\.?$|^(?:[A-Z]\.){2,3}$|^[A-Z]\.-[A-Z]\.$")


def _name_token_ok(token: str) -> bool:
    if _INITIAL.match(token) or token.lower() in _PARTICLES:
        return True
    parts = [p for p in re.split(r"[-']", token) if p]
    return bool(parts) and all(p[0].isupper() and p.replace(".", "").isalpha() for p in parts)


def name_score(line: str, prose_vocab: frozenset[str] = frozenset()) -> float:
    """How much a line looks like one author name, in [0, 1].

    prose_vocab holds words seen in lower case in the file's prose; a line whose
    words are ordinary prose words ("Feasible Learning") is less likely a name.

    >>> name_score("Samuel L. Smith") > 0.8, name_score("Pascanu, Razvan") > 0.8
    (True, True)
    >>> name_score("Expressivity of Neural Networks") < 0.1
    True
    """
    text = line.strip()
    if not text or _NOT_IN_NAMES.search(text) or text.count(",") > 1:
        return 0.0
    if "," in text:  # "Last, First"
        last, first = (p.strip() for p in text.split(","))
        if not last or not first:
            return 0.0
        tokens = first.split() + last.split()
    else:
        tokens = text.split()
    if not 1 <= len(tokens) <= 6 or text.endswith(".") and not _INITIAL.match(tokens[-1]):
        return 0.0
    if any(t.lower() in _TITLE_WORDS and t.lower() not in _PARTICLES for t in tokens):
        return 0.0
    if not all(_name_token_ok(t) for t in tokens):
        return 0.0
    score = 0.95 if len(tokens) >= 2 else 0.35
    capitalised = [t for t in tokens if not _INITIAL.match(t) and t.lower() not in _PARTICLES]
    if prose_vocab and capitalised:
        common = sum(t.lower() in prose_vocab for t in capitalised) / len(capitalised)
        score *= 1.0 - 0.8 * common
    return score


def prose_score(line: str, had_fold_marker: bool = False) -> float:
    """How much a line looks like running prose (an abstract), in [0, 1]."""
    words = _WORD.findall(line)
    if had_fold_marker:
        return 0.99
    n = len(words)
    if n == 0:
        return 0.0
    sentences = len(_SENTENCE_END.findall(line))
    lower = sum(w[0].islower() for w in words) / n
    score = min(1.0, n / 60) * 0.6 + min(sentences, 3) / 3 * 0.3 + lower * 0.1
    if n >= 40 or sentences >= 2:
        score = max(score, 0.9)
    if n < 12 and sentences == 0:
        score *= 0.3
    return score


def title_score(line: str) -> float:
    """How much a line looks like a paper title, in [0, 1]."""
    words = _WORD.findall(line)
    n = len(words)
    if n == 0:
        return 0.0
    if n > 35 or len(_SENTENCE_END.findall(line)) >= 1:
        return 0.05
    return 0.6


def prose_vocabulary(lines: Iterable[str]) -> frozenset[str]:
    """Words written in lower case inside the long lines of a file."""
    vocab: set[str] = set()
    for line in lines:
        words = _WORD.findall(line)
        if len(words) >= 25:
            vocab.update(w for w in words if w[0].islower())
    return frozenset(vocab)


# Log-probabilities of moving from one label to the next (None = start of file).
_ALLOWED = {
    None: {TITLE: 0.0, NAME: -8.0, PROSE: -8.0},
    TITLE: {TITLE: -2.5, NAME: -0.3, PROSE: -0.7},
    NAME: {TITLE: -0.8, NAME: -0.2, PROSE: -0.6},
    PROSE: {TITLE: -0.05, NAME: -math.inf, PROSE: -6.0},
}


def _log(p: float) -> float:
    return math.log(max(p, 1e-6))


def decode(scores: Sequence[dict[str, float]]) -> list[str]:
    """Viterbi: the most likely label sequence given per-line label scores.

    >>> decode([{TITLE: .6, NAME: .9, PROSE: .1}, {TITLE: .6, NAME: .9, PROSE: .1}])
    ['title', 'name']
    """
    if not scores:
        return []
    best = {lab: _ALLOWED[None][lab] + _log(scores[0][lab]) for lab in LABELS}
    back: list[dict[str, str]] = []
    for emit in scores[1:]:
        step, pointers = {}, {}
        for lab in LABELS:
            prev = max(LABELS, key=lambda p: best[p] + _ALLOWED[p][lab])
            step[lab] = best[prev] + _ALLOWED[prev][lab] + _log(emit[lab])
            pointers[lab] = prev
        best = step
        back.append(pointers)
    labels = [max(LABELS, key=best.__getitem__)]
    for pointers in reversed(back):
        labels.append(pointers[labels[-1]])
    return labels[::-1]


def classify(lines: Sequence[str], folded: Sequence[bool] = ()) -> list[str]:
    """Label each line of an institute-style listing as title, name or prose."""
    vocab = prose_vocabulary(lines)
    folded = list(folded) or [False] * len(lines)
    scores = [
        {TITLE: title_score(line), NAME: name_score(line, vocab), PROSE: prose_score(line, fold)}
        for line, fold in zip(lines, folded)
    ]
    return decode(scores)
