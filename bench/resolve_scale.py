"""Resolution time at 10k, 30k and all 61k ACL Anthology papers (near-linear, no all-pairs).

Records are made straight from ../shared/eval/acl/acl-2016-2025.jsonl.gz (titles and
author names as written); B-cubed precision/recall/F1 of the persons is scored against
the Anthology's own person_ids, catch-all persons left out (see acl/LICENSE-NOTE.txt).

    python3 bench/resolve_scale.py [--sizes 10000,30000,0]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from kgraph.model import Location, Mention, Record
from kgraph.resolve import resolve

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "acl"


def load(limit: int) -> tuple[list[Record], list[str]]:
    records, gold = [], []
    with gzip.open(EVAL / "acl-2016-2025.jsonl.gz", "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if limit and len(records) >= limit:
                break
            paper = json.loads(line)
            at = Location("acl.jsonl", n)
            authors = [Mention(a, at) for a in paper["authors"]]
            records.append(Record(at, "bench", title=paper["title"], title_at=at, authors=authors,
                                  abstract=paper.get("abstract"), abstract_at=at))
            gold.extend(paper["person_ids"])
    return records, gold


def catch_all() -> set[str]:
    with gzip.open(EVAL / "persons.tsv.gz", "rt", encoding="utf-8") as fh:
        return {row.split("\t")[0] for row in fh if row.split("\t")[1] in ("catchall", "catch_all")}


def bcubed(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over mentions."""
    joint = Counter(zip(pred, gold))
    pred_size, gold_size = Counter(pred), Counter(gold)
    p = sum(c * c / pred_size[pr] for (pr, _), c in joint.items()) / len(pred)
    r = sum(c * c / gold_size[g] for (_, g), c in joint.items()) / len(gold)
    return p, r, 2 * p * r / (p + r)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,0", help="paper counts; 0 = all")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"skipped: {EVAL} not found (the ACL evaluation data lives in ../shared/eval)")
    excluded = catch_all()
    print(f"{'papers':>8} {'mentions':>9} {'resolve s':>10} {'persons':>8} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        records, gold = load(size)
        start = time.perf_counter()
        corpus = resolve(records)
        seconds = time.perf_counter() - start
        person_of = {}
        for paper in corpus.papers:
            for sig in paper.signatures:
                person_of[(sig.record.line, sig.ordinal)] = sig.person_id
        pred = [person_of[(r.at.line, i)] for r in records for i, _ in enumerate(r.authors, 1)]
        keep = [i for i, g in enumerate(gold) if g not in excluded]
        p, r, f = bcubed([pred[i] for i in keep], [gold[i] for i in keep])
        print(f"{len(records):>8} {len(gold):>9} {seconds:>10.1f} {len(corpus.persons):>8} {p:>7.4f} {r:>7.4f} {f:>7.4f}")


if __name__ == "__main__":
    main()
