"""Abbreviation definitions: kgraph's Schwartz-Hearst against the `abbreviations` package.

Scored on the seeds' abstracts against bench/abbreviations_gold.tsv (made by hand),
over distinct (short form, long form) pairs, case-insensitive.

    pip install abbreviations && python3 bench/abbreviation_pairs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from kgraph.extract.abbrev import find_abbreviations
from kgraph.ingest import read_inputs

HERE = Path(__file__).resolve().parent


def gold() -> set[tuple[str, str]]:
    rows = [line.split("\t") for line in (HERE / "abbreviations_gold.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return {(s.lower(), lg.lower()) for s, lg in rows}


def ours(texts: list[str]) -> set[tuple[str, str]]:
    return {(t[c:d].lower(), t[a:b].lower()) for t in texts for a, b, c, d in find_abbreviations(t)}


def package(texts: list[str]) -> set[tuple[str, str]]:
    from abbreviations import schwartz_hearst
    found = set()
    for text in texts:
        for short, long in schwartz_hearst.extract_abbreviation_definition_pairs(doc_text=text).items():
            found.add((short.lower(), long.lower()))
    return found


def main() -> None:
    texts = [r.abstract for r in read_inputs([HERE.parent / "seeds"]).records if r.abstract]
    truth = gold()
    systems = {"kgraph": ours}
    try:
        import abbreviations  # noqa: F401
        systems["abbreviations 0.2.5"] = package
    except ImportError:
        print("(the abbreviations package is not installed: pip install abbreviations)", file=sys.stderr)
    print(f"{'system':<22} {'found':>5} {'correct':>7} {'P':>6} {'R':>6} {'F1':>6}")
    for name, system in systems.items():
        found = system(texts)
        correct = len(found & truth)
        p, r = correct / max(len(found), 1), correct / len(truth)
        print(f"{name:<22} {len(found):>5} {correct:>7} {p:>6.3f} {r:>6.3f} {2 * p * r / (p + r):>6.3f}")
        for pair in sorted(truth - found):
            print(f"    missed {pair}")
        for pair in sorted(found - truth):
            print(f"    wrong  {pair}")


if __name__ == "__main__":
    main()
