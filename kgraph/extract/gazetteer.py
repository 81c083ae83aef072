"""Gazetteer of known ML methods, derived from Papers with Code (CC BY-SA 4.0).

The shipped file `kgraph/data/pwc_methods.tsv` is made from
`../shared/eval/pwc_methods/methods.tsv` by `python -m kgraph.extract.gazetteer SRC`;
its licence and attribution are in `kgraph/data/pwc_methods.LICENSE.md`.

It gives canonical names ("PPO" -> "Proximal Policy Optimization"), abbreviation/full
name pairs and a broader grouping (collections, areas). It boosts and canonicalises
what the other components find; it never is the only source of concepts.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

FIELDS = ["name", "full_name", "num_papers", "collections", "areas"]


@dataclass(frozen=True)
class Method:
    name: str
    full_name: str
    collections: tuple[str, ...]
    areas: tuple[str, ...]

    @property
    def label(self) -> str:
        """The full name, the canonical label."""
        return self.full_name or self.name


@lru_cache(maxsize=1)
def methods() -> tuple[Method, ...]:
    text = files("kgraph").joinpath("data").joinpath("pwc_methods.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return tuple(
        Method(r["name"], r["full_name"], tuple(filter(None, r["collections"].split("|"))),
               tuple(a for a in r["areas"].split("|") if a and a != "General"))
        for r in rows
    )


def derive(src: Path, dst: Path) -> int:
    """Write the package's gazetteer from the Papers with Code methods list."""
    with src.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["name"].strip()]
    with dst.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, FIELDS, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/pwc_methods/methods.tsv")
    target = Path(__file__).resolve().parent.parent / "data" / "pwc_methods.tsv"
    print(f"{derive(source, target)} methods written to {target}")
