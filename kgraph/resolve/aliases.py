"""The user's override file: `variant<TAB>canonical`, one pair a line.

An empty canonical means "never merge this variant". A variant can be an author name
or a paper title; names and titles are matched after folding case, accents and
punctuation, so "Kilian FATRAS" also matches "Kilian Fatras".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kgraph.model import Problem
from kgraph.names import fold

_NON_ALNUM = re.compile(r"[\W_]+")  # any script's letters and digits survive


def alias_key(text: str) -> str:
    """Case-, accent- and punctuation-free form used to match aliases."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()


@dataclass
class Aliases:
    """Overrides: key of variant -> canonical as written, or None for "do not merge"."""

    entries: dict[str, str | None] = field(default_factory=dict)
    source: str = ""

    def lookup(self, text: str) -> tuple[bool, str | None]:
        """(whether the text is overridden, its canonical form or None)."""
        key = alias_key(text)
        return (key in self.entries, self.entries.get(key))


def load_aliases(path: Path) -> tuple[Aliases, list[Problem]]:
    """Read an aliases file; bad lines are reported and skipped."""
    aliases, problems = Aliases(source=str(path)), []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return aliases, [Problem(str(path), f"cannot read aliases file: {err}")]
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = line.rstrip("\r\n").split("\t")
        if len(columns) != 2 or not columns[0].strip():
            problems.append(Problem(str(path), "expected two tab-separated columns: variant, canonical (empty = do not merge); line skipped", number, fatal_for_file=False))
            continue
        variant, canonical = (c.strip() for c in columns)
        aliases.entries[alias_key(variant)] = canonical or None
    return aliases, problems
