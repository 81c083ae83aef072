"""Person resolution quality on the ACL Anthology, against its own author resolution.

Scores kgraph's persons and three baselines against the Anthology's person_ids
(../shared/eval/acl; catch-all persons left out, see acl/LICENSE-NOTE.txt):
- B-cubed precision, recall and F1 over author mentions;
- pairwise precision, recall and F1 over pairs of distinct written names that share a
  surname (ASCII-folded last word): a pair is gold-positive when some mention of each
  name has the same person_id, and predicted-positive when the resolver puts some
  mention of each in the same person.

    python3 bench/resolution.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections import defaultdict
from itertools import combinations

from resolve_scale import EVAL, bcubed, catch_all, load

from kgraph.resolve import resolve


def fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def surname(name: str) -> str:
    words = fold(name).replace(".", " ").split()
    return words[-1] if words else ""


def pairwise(names: list[str], pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    """P/R/F1 over pairs of distinct written names sharing a surname."""
    pred_of, gold_of = defaultdict(set), defaultdict(set)
    for name, p, g in zip(names, pred, gold):
        pred_of[name].add(p)
        gold_of[name].add(g)
    by_surname = defaultdict(list)
    for name in pred_of:
        by_surname[surname(name)].append(name)
    tp = fp = fn = 0
    for group in by_surname.values():
        for a, b in combinations(sorted(group), 2):
            said, true = bool(pred_of[a] & pred_of[b]), bool(gold_of[a] & gold_of[b])
            tp += said and true
            fp += said and not true
            fn += true and not said
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r)


def kgraph_persons(records, shared_coauthors: int) -> list[str]:
    corpus = resolve(records, shared_coauthors=shared_coauthors)
    person_of = {}
    for paper in corpus.papers:
        for sig in paper.signatures:
            person_of[(sig.record.line, sig.ordinal)] = sig.person_id
    return [person_of[(r.at.line, i)] for r in records for i, _ in enumerate(r.authors, 1)]


def first_initial_key(name: str) -> str:
    words = fold(name).replace(".", " ").replace("-", " ").split()
    return f"{words[0][:1]} {words[-1]}" if words else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="papers to read (0 = all 61,334)")
    parser.add_argument("--shared-coauthors", default="2",
                        help="comma-separated evidence levels to score (kgraph's default is 2; 'never' = no variant merges)")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"skipped: {EVAL} not found (the ACL evaluation data lives in ../shared/eval)")
    records, gold = load(args.limit)
    names = [m.written for r in records for m in r.authors]
    excluded = catch_all()
    keep = [i for i, g in enumerate(gold) if g not in excluded]
    systems = {
        "exact string": names,
        "ASCII-folded string": [fold(n) for n in names],
        "surname + first initial": [first_initial_key(n) for n in names],
    }
    start = time.perf_counter()
    for level in args.shared_coauthors.split(","):
        k = 10**9 if level == "never" else int(level)
        label = "kgraph, no variant merges" if level == "never" else f"kgraph, {k} shared co-auth."
        systems[label] = kgraph_persons(records, k)
    seconds = (time.perf_counter() - start) / len(args.shared_coauthors.split(","))
    kept_names, kept_gold = [names[i] for i in keep], [gold[i] for i in keep]
    print(f"{len(records):,} papers, {len(keep):,} scored mentions; kgraph resolved them in {seconds:.1f} s per run")
    print(f"{'system':<30} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7}   {'pair P':>7} {'pair R':>7} {'pair F1':>7}")
    for label, pred in systems.items():
        kept = [pred[i] for i in keep]
        b = bcubed(kept, kept_gold)
        pw = pairwise(kept_names, kept, kept_gold)
        print(f"{label:<30} {b[0]:>7.4f} {b[1]:>7.4f} {b[2]:>7.4f}   {pw[0]:>7.4f} {pw[1]:>7.4f} {pw[2]:>7.4f}")


if __name__ == "__main__":
    main()
