"""Abbreviation definitions: "Proximal Feature Optimization (PFO)" -> (long, short).

Schwartz & Hearst (2003): for each "(SHORT)", the long form is the shortest stretch of
the words just before it whose characters contain SHORT's characters in order, the
first one starting a word. Written by hand because the maintained implementation
(scispacy's AbbreviationDetector) pulls in scispacy's heavy dependencies and the
`abbreviations` package is unmaintained; both implement the same algorithm.

One addition: a mixed-case short form that S&H cannot spell out of its long form
("Forgetting Transformer (FoX)": no x in the long form) is accepted when it follows a
run of two or more capitalised words starting with its first letter.
"""

from __future__ import annotations

import re

_PAREN = re.compile(r"\(\s*([^()\s][^()]{0,14}?)\s*\)")
_WORD = re.compile(r"\S+")
_CAPITALISED = re.compile(r"^[A-Z][\w²-]*$")


def _valid_short(short: str) -> bool:
    words = short.split()
    return (2 <= len(short) <= 12 and len(words) <= 2 and short[0].isalnum()
            and any(c.isupper() for c in short) and sum(c.isalpha() for c in short) >= 2
            and not re.search(r"\b(?:19|20)\d\d\b|et al|[,;=]", short))


def _schwartz_hearst(short: str, long: str) -> int | None:
    """Start index in `long` of the long form of `short`, or None."""
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != char or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return long.rfind(" ", 0, i + 1) + 1


def _widen(short: str, text: str, start: int, window: list[re.Match]) -> int:
    """S&H picks the shortest form; take one more word while the acronym has letters to spare.

    "Proximal Policy Optimization (PPO)": S&H stops at "Policy Optimization".
    """
    letters = [c for c in short if c.isupper()]
    words = [w for w in window if w.start() >= start]
    earlier = [w for w in window if w.start() < start]
    if earlier and len(words) < len(letters) and earlier[-1].group()[0].lower() == short[0].lower():
        return earlier[-1].start()
    return start


def _capitalised_run(short: str, words: list[re.Match]) -> int | None:
    run = []
    for word in reversed(words):
        if not _CAPITALISED.match(word.group()):
            break
        run.append(word)
    for k in range(len(run), 1, -1):  # the longest run that starts with the right letter
        if run[k - 1].group()[0].lower() == short[0].lower():
            return run[k - 1].start()
    return None


def find_abbreviations(text: str) -> list[tuple[int, int, int, int]]:
    """(long start, long end, short start, short end) character offsets in `text`.

    >>> text = "we present Proximal Feature Optimization (PFO), a loss"
    >>> [(text[a:b], text[c:d]) for a, b, c, d in find_abbreviations(text)]
    [('Proximal Feature Optimization', 'PFO')]
    """
    found = []
    for match in _PAREN.finditer(text):
        short = match.group(1)
        if not _valid_short(short):
            continue
        before = text[: match.start()].rstrip()
        sentence_start = max(before.rfind(". "), before.rfind("; "), before.rfind(")"), before.rfind("("))
        words = [w for w in _WORD.finditer(before) if w.start() > sentence_start]
        letters = sum(c.isalnum() for c in short)
        window = words[-min(letters + 5, letters * 2):]
        if not window:
            continue
        offset = window[0].start()
        start = _schwartz_hearst(short, before[offset:])
        if start is not None:
            start = _widen(short, before, offset + start, window)
        elif any(c.islower() for c in short[1:]):
            start = _capitalised_run(short, window)
        if start is None:
            continue
        long_form = before[start:]
        if short.lower() in long_form.lower().split() or len(long_form) <= len(short):
            continue
        found.append((start, len(before), match.start(1), match.end(1)))
    return found
