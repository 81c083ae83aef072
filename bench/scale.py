"""The whole ACL Anthology (61,334 papers, 7.4M words of abstracts) through `kgraph build`.

Runs, each as its own `python -m kgraph build` under /usr/bin/time -v (wall time and peak
RSS of the process and its workers), and prints the per-stage table from summary.json:
1. a full build with concept extraction and an empty cache, of all papers but the last 100;
2. an incremental rebuild after adding those 100 papers as a second file (cache warm);
3. a build without abstracts' concepts (--no-keywords) of the whole file.
Then bare spaCy `nlp.pipe` over the first million words of the texts that build 1
extracted (same model, components and processes) is timed, and kgraph's extraction
throughput is printed as a share of it.

    python3 bench/scale.py [--work DIR] [--skip-bare]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "acl" / "acl-2016-2025.jsonl.gz"
ADDED = 100


def split_corpus(work: Path) -> tuple[Path, Path]:
    lines = gzip.open(CORPUS, "rt", encoding="utf-8").read().splitlines(keepends=True)
    base, extra = work / "acl-base.jsonl", work / "acl-added.jsonl"
    base.write_text("".join(lines[:-ADDED]), encoding="utf-8")
    extra.write_text("".join(lines[-ADDED:]), encoding="utf-8")
    return base, extra


def run_build(label: str, inputs: list[Path], out: Path, *flags: str) -> dict:
    """One build under /usr/bin/time -v; returns wall seconds, peak MiB and summary.json."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "kgraph", "build", *map(str, inputs), "--out", str(out),
               "-q", *flags]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{label}: build failed:\n{done.stderr[-2000:]}")
    peak_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"label": label, "wall": wall, "peak_mib": peak_kib / 1024, "summary": summary}


def print_run(run: dict) -> None:
    s = run["summary"]
    print(f"\n{run['label']}: {run['wall']:.0f} s wall, peak RSS {run['peak_mib'] / 1024:.2f} GiB "
          f"({s['papers']:,} papers, {s['persons']:,} persons, {s['coauthor_pairs']:,} co-author pairs, "
          f"{s['concepts']:,} concepts, betweenness from {s['betweenness_sources']} sampled sources)")
    print(f"  {'stage':<10} {'seconds':>8} {'peak RSS so far':>16}")
    for stage in s["stages"]:
        print(f"  {stage['stage']:<10} {stage['seconds']:>8.1f} {stage['peak_mib'] / 1024:>13.2f} GiB")
    if s.get("extraction"):
        e = s["extraction"]
        print(f"  extraction: {e['texts']:,} texts, {e['from_cache']:,} from the cache, {e['words']:,} words run "
              f"through spaCy with {e['processes']} process(es)")


def bare_throughput(corpus_file: Path, processes: int, sample_words: int) -> tuple[int, float, float]:
    """Words/s of bare nlp.pipe runs over the first sample_words words of the texts the
    build extracts (titles + abstracts): the whole pipeline (the same components as the
    build), and the statistical model alone (spaCy's own limit)."""
    from kgraph.extract import _texts, settings
    from kgraph.extract.nlp import build_pipeline, load_model
    from kgraph.ingest import read_inputs
    from kgraph.resolve import resolve

    corpus = resolve(read_inputs([corpus_file]).records)
    texts, words = [], 0
    for text, _ in _texts(corpus):
        texts.append(text)
        words += text.count(" ") + 1
        if words >= sample_words:
            break
    speeds = []
    for nlp in (build_pipeline(), load_model()):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings()["pipe"]["batch_size"], n_process=processes):
            pass
        speeds.append(words / (time.perf_counter() - start))
    return words, speeds[0], speeds[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kgraph-scale"), help="scratch folder (emptied)")
    parser.add_argument("--skip-bare", action="store_true", help="do not time the bare nlp.pipe runs")
    parser.add_argument("--bare-words", type=int, default=1_000_000, help="words of the texts for the bare runs")
    args = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"skipped: {CORPUS} not found (the ACL evaluation data lives in ../shared/eval)")
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    base, extra = split_corpus(args.work)

    full = run_build(f"1. full build, {base.name} (all but the last {ADDED} papers), empty cache", [base], args.work / "out")
    print_run(full)
    again = run_build(f"2. rebuild after adding {ADDED} papers ({extra.name}), warm cache", [base, extra], args.work / "out")
    print_run(again)
    print(f"  rebuild / full build: {again['wall'] / full['wall']:.1%}")
    quick = run_build("3. --no-keywords, whole corpus", [CORPUS], args.work / "quick", "--no-keywords")
    print_run(quick)

    if not args.skip_bare:
        extraction = full["summary"]["extraction"]
        seconds = next(s["seconds"] for s in full["summary"]["stages"] if s["stage"] == "extract")
        words, pipeline, model = bare_throughput(base, extraction["processes"], args.bare_words)
        ours = extraction["words"] / seconds
        print(f"\nextraction throughput, {extraction['processes']} processes: kgraph's whole extract stage "
              f"{ours:,.0f} words/s over {extraction['words']:,} words; bare nlp.pipe over the first {words:,} of "
              f"them: {pipeline:,.0f} words/s with the same components (ratio {ours / pipeline:.0%}), "
              f"{model:,.0f} words/s for the statistical model alone (ratio {ours / model:.0%})")


if __name__ == "__main__":
    main()
