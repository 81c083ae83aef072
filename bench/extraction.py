"""Method extraction quality and speed: kgraph against YAKE and pytextrank.

- SciERC (Luan et al., EMNLP 2018), entity type Method, on one split (default: test;
  tune only with --split train or dev): exact and partial-overlap precision, recall, F1
  of the top-k phrases per abstract.
- SemEval-2017 Task 10 (ScienceIE) keyphrases, all types, top-k per paragraph.
- Throughput in words per second: kgraph's whole extraction and a bare `nlp.pipe` over the
  same texts with the same model, components disabled and processes, in the same run.

Data is read from ../shared/eval (not part of this repository). Baselines need
`pip install yake pytextrank` (the `bench` extra); pytextrank prints a path on import.

    python3 bench/extraction.py [--split test] [--k 5] [--processes 2]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from kgraph.extract import extract_concepts
from kgraph.extract.nlp import load_model
from kgraph.model import Corpus, Paper

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def detokenize(text: str) -> str:
    """SciERC text is tokenised ("3 -- D", "`` x ''", "model ,"); undo the worst of it."""
    text = re.sub(r" ([,.;:?!)\]])", r"\1", text)
    text = re.sub(r"([(\[]) ", r"\1", text)
    text = text.replace("`` ", '"').replace(" ''", '"').replace(" -- ", "-").replace(" - ", "-")
    return text


def scierc(split: str) -> list[tuple[str, set[str]]]:
    rows = [json.loads(line) for line in (EVAL / "scierc/abstracts_entities.jsonl").open(encoding="utf-8")]
    return [(detokenize(r["text"]), {norm(m) for m in r["entities"].get("Method", [])} - {""})
            for r in rows if r["split"] == split]


def semeval() -> list[tuple[str, set[str]]]:
    docs = []
    for path in sorted((EVAL / "semeval2017/docsutf8").glob("*.txt")):
        keys = (EVAL / "semeval2017/keys" / (path.stem + ".key")).read_text(encoding="utf-8").splitlines()
        docs.append((path.read_text(encoding="utf-8"), {norm(k) for k in keys if k.strip()} - {""}))
    return docs


def partial(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    return len(set(ta) & set(tb)) / len(set(ta) | set(tb)) >= 0.5


def score(preds: list[list[str]], golds: list[set[str]]) -> dict[str, float]:
    out = {}
    for mode in ("exact", "partial"):
        tp_p = tp_r = n_p = n_g = 0
        for pred, gold in zip(preds, golds):
            pred = list(dict.fromkeys(norm(p) for p in pred if norm(p)))
            match = (lambda a, b: a == b) if mode == "exact" else partial
            tp_p += sum(any(match(p, g) for g in gold) for p in pred)
            tp_r += sum(any(match(p, g) for p in pred) for g in gold)
            n_p += len(pred)
            n_g += len(gold)
        p, r = tp_p / max(n_p, 1), tp_r / max(n_g, 1)
        out[mode] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def kgraph_phrases(texts: list[str], k: int, types: set[str], processes: int) -> list[list[str]]:
    """kgraph's top-k concepts per text, as the text writes them."""
    papers = [Paper(f"d{i}", None, f"d{i}", t, [], [], []) for i, t in enumerate(texts)]
    corpus = Corpus(papers, {}, [])
    extract_concepts(corpus, n_process=processes)
    ranked: dict[str, list[str]] = {p.id: [] for p in papers}
    text_of = {p.id: p.abstract for p in papers}
    for link in corpus.links:  # links come per paper, best first
        concept = corpus.concepts[link.concept_id]
        if concept.type in types and link.evidence and len(ranked[link.paper_id]) < k:
            ev = link.evidence[0]
            ranked[link.paper_id].append(text_of[link.paper_id][ev.start:ev.end])
    return [ranked[p.id] for p in papers]


def yake_phrases(texts: list[str], k: int) -> list[list[str]]:
    import yake
    extractor = yake.KeywordExtractor(lan="en", n=3, top=k)
    return [[kw for kw, _ in extractor.extract_keywords(t)] for t in texts]


def textrank_phrases(texts: list[str], k: int) -> list[list[str]]:
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a path on import
        import pytextrank  # noqa: F401
    nlp = load_model()
    nlp.add_pipe("textrank")
    return [[p.text for p in doc._.phrases[:k]] for doc in nlp.pipe(texts)]


def acl_abstracts(limit_words: int) -> list[str]:
    """ACL Anthology abstracts, up to a number of words (for a steady-state speed figure)."""
    import gzip
    out, total = [], 0
    path = EVAL / "acl/acl-2016-2025.jsonl.gz"
    if not path.is_file():
        return out
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            abstract = json.loads(line).get("abstract")
            if abstract:
                out.append(abstract)
                total += len(abstract.split())
                if total >= limit_words:
                    break
    return out


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def throughput(texts: list[str], processes: int) -> tuple[float, float, float]:
    """Words per second of bare nlp.pipe runs (the statistical model alone; the whole pipeline
    with kgraph's components) and of kgraph's whole extraction, same settings."""
    from kgraph.extract.nlp import build_pipeline

    speeds = []
    for nlp in (load_model(), build_pipeline()):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=128, n_process=processes):
            pass
        speeds.append(words(texts) / (time.perf_counter() - start))
    start = time.perf_counter()
    kgraph_phrases(texts, 10, {"method", "dataset", "task"}, processes)
    return speeds[0], speeds[1], words(texts) / (time.perf_counter() - start)


def table(title: str, rows: dict[str, dict]) -> None:
    print(f"\n{title}")
    print(f"{'system':<12} {'exact P':>8} {'exact R':>8} {'exact F1':>9} {'part. P':>8} {'part. R':>8} {'part. F1':>9}")
    for name, s in rows.items():
        (ep, er, ef), (pp, pr, pf) = s["exact"], s["partial"]
        print(f"{name:<12} {ep:>8.3f} {er:>8.3f} {ef:>9.3f} {pp:>8.3f} {pr:>8.3f} {pf:>9.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--k", type=int, default=5, help="phrases per document for every system")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--speed-words", type=int, default=400_000,
                        help="words for the throughput run (SciERC and SemEval, topped up with ACL abstracts)")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"skipped: {EVAL} not found")

    docs = scierc(args.split)
    texts, golds = [d[0] for d in docs], [d[1] for d in docs]
    rows = {"kgraph": score(kgraph_phrases(texts, args.k, {"method"}, 1), golds)}
    if not args.no_baselines:
        rows["YAKE"] = score(yake_phrases(texts, args.k), golds)
        rows["pytextrank"] = score(textrank_phrases(texts, args.k), golds)
    table(f"SciERC {args.split} ({len(docs)} abstracts, {sum(map(len, golds))} distinct Method strings), top-{args.k}", rows)

    docs = semeval()
    texts_s, golds_s = [d[0] for d in docs], [d[1] for d in docs]
    k = 2 * args.k
    rows = {"kgraph": score(kgraph_phrases(texts_s, k, {"method", "dataset", "task"}, 1), golds_s)}
    if not args.no_baselines:
        rows["YAKE"] = score(yake_phrases(texts_s, k), golds_s)
        rows["pytextrank"] = score(textrank_phrases(texts_s, k), golds_s)
    table(f"SemEval-2017 keyphrases ({len(docs)} paragraphs), top-{k}", rows)

    sample = texts + texts_s
    sample += acl_abstracts(max(0, args.speed_words - words(sample)))
    for processes in sorted({1, args.processes}):
        model, pipeline, ours = throughput(sample, processes)
        print(f"\nthroughput, {processes} process(es), {words(sample):,} words: kgraph extraction {ours:,.0f} words/s = "
              f"{ours / pipeline:.0%} of bare nlp.pipe with the same components ({pipeline:,.0f}), "
              f"{ours / model:.0%} of the statistical model alone ({model:,.0f})")


if __name__ == "__main__":
    main()
