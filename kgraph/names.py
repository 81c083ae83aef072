"""Person names: parsing, folding and comparison, shared by ingest and resolve.

Parsing is nameparser's ("Last, First", particles, initials); this module only adds
case repair ("Kilian FATRAS"), ASCII folding ("Léo" = "Leo") and the compatibility
test that resolution is built on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import Constants

from kgraph.resources import read_lines

# Letters that NFKD does not decompose into base + accent.
_FOLD_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
                             "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th"})
_NON_ALNUM = re.compile(r"[\W_]+")  # any script's letters and digits survive

_PARTICLES = frozenset(read_lines("name_particles.txt"))
# No titles or suffixes: in author lists "Md", "Dr" or "Jr" are part of the name as written.
_CONSTANTS = Constants(titles=(), suffix_acronyms=(), suffix_not_acronyms=(), first_name_titles=())


def fold(text: str) -> str:
    """Lower-case ASCII form: no accents, no case. `fold("Léo FATRAS") == "leo fatras"`."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _tokens(part: str) -> list[str]:
    """Folded tokens of a name part; a hyphen separates ("Pérez-Ortiz" -> "perez", "ortiz"),
    an apostrophe joins ("O'Brien" -> "obrien")."""
    out = []
    for raw in part.replace("-", " ").replace("'", "").split():
        tok = _NON_ALNUM.sub("", fold(raw))
        if tok:
            out.append(tok)
    return out


def repair_case(written: str) -> str:
    """Title-case all-capital words of a name ("Kilian FATRAS" -> "Kilian Fatras").

    Initials and mixed case ("DiJia") are left alone.
    """

    def fix(word: str) -> str:
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        return word

    return " ".join(fix(w) for w in written.split())


@dataclass(frozen=True)
class ParsedName:
    """A name split into folded given-name tokens and surname tokens."""

    given: tuple[str, ...]
    surname: tuple[str, ...]
    display: str  # natural order "First Middle Last", case repaired

    @property
    def key(self) -> str:
        """The blocking key: last surname token (S2AND blocks on surname + initial)."""
        return self.surname[-1] if self.surname else ""

    @property
    def first_initial(self) -> str:
        return self.given[0][0] if self.given else ""

    @property
    def has_full_first(self) -> bool:
        return bool(self.given) and len(self.given[0]) > 1

    @property
    def folded(self) -> str:
        return " ".join(self.given + self.surname)

    @property
    def compact(self) -> str:
        """The folded name without spaces: "Thai-Son Nguyen" = "Thai Son Nguyen" = "Thaison Nguyen"."""
        return "".join(self.given + self.surname)


# Words nameparser treats specially (titles, suffixes, joiners such as "Abu" or "Mac"):
# names holding one go through nameparser.
_SPECIAL = frozenset("md abu abdul abdur ni o san the mac mc delli dal dei st binte bin bint dr prof ma jr sr "
                     "i ii iii iv v".split())


def _plain_word(word: str) -> bool:
    return word.lower().strip(".") not in _PARTICLES | _SPECIAL and word.isascii() and word[-1] not in "-'" \
        and "(" not in word


def _simple_split(written: str) -> tuple[str, str, str] | None:
    """First, middle, last of the common shapes "First [Middle] Last" and "Last, First [Middle]"
    when no word is a particle ("van", "de"): what nameparser returns, 50x faster. None otherwise."""
    head, comma, tail = written.partition(",")
    if "," in tail:
        return None  # "Smith, Jr., John" and other rare shapes
    words = (tail.split() + head.split()) if comma else written.split()
    if len(words) < 2 or (comma and not tail.split()) or not all(map(_plain_word, words)):
        return None
    if comma:
        given = tail.split()
        return given[0], " ".join(given[1:]), head.strip()
    return words[0], " ".join(words[1:-1]), words[-1]


def _nameparser_split(written: str) -> tuple[str, str, str]:
    human = HumanName(written.strip(), constants=_CONSTANTS)
    return human.first, human.middle, human.last


@lru_cache(maxsize=200_000)
def parse_name(written: str) -> ParsedName:
    """Parse a written author name.

    >>> parse_name("Pascanu, Razvan").display
    'Razvan Pascanu'
    >>> parse_name("Frank N. Wood").given
    ('frank', 'n')
    """
    first, middle, last = _simple_split(written) or _nameparser_split(written)
    if not last and first:  # a single word: treat it as the surname
        first, last = "", first
    display = repair_case(" ".join(p for p in (first, middle, last) if p))
    return ParsedName(tuple(_tokens(first) + _tokens(middle)), tuple(_tokens(last)), display)


def _token_compatible(a: str, b: str) -> bool:
    """Equal, or one is the initial of the other."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(any(_token_compatible(s, t) for t in it) for s in short)


@lru_cache(maxsize=1)
def _nicknames():
    from nicknames import NickNamer  # Apache-2.0 list of English given names and their nicknames

    return NickNamer()


def nickname_of(a: str, b: str) -> bool:
    """Is one folded given name a nickname of the other ("tim" / "timothy", "alex" / "alexander")?"""
    if len(a) < 2 or len(b) < 2 or a == b:
        return False
    names = _nicknames()
    return b in names.nicknames_of(a) or b in names.canonicals_of(a)


def compatible(a: ParsedName, b: ParsedName, nicknames: bool = False) -> bool:
    """Could two written names belong to one person?

    Same last surname token; first given names equal or one the initial of the other;
    the other given/surname tokens of the shorter name appear, in order, in the longer.
    "Frank N. Wood" ~ "Frank Wood"; "Lucas Caccia" !~ "Massimo Caccia". With
    nicknames=True a first name may also be a nickname of the other ("Tim" ~ "Timothy").
    """
    if a.key != b.key:
        return False
    if not a.given or not b.given:
        return a.given == b.given
    if not (_token_compatible(a.given[0], b.given[0]) or (nicknames and nickname_of(a.given[0], b.given[0]))):
        return False
    rest_a = a.given[1:] + a.surname[:-1]
    rest_b = b.given[1:] + b.surname[:-1]
    short, long = sorted((rest_a, rest_b), key=len)
    return _is_subsequence(short, long)


def specificity(name: ParsedName) -> tuple[int, int, int]:
    """How much a name says: full first name, then token count, then letters."""
    return (int(name.has_full_first), len(name.given) + len(name.surname), len(name.folded))
