"""Incremental builds: extraction results are cached by text, so unchanged records are not re-run."""

import json
import shutil

from conftest import SEEDS

from kgraph.build import BuildOptions, build


def _concepts(out):
    return json.loads((out / "concepts.json").read_text(encoding="utf-8"))


def test_rebuild_takes_every_text_from_the_cache_and_gives_the_same_concepts(tmp_path):
    out = tmp_path / "out"
    first = build(BuildOptions([SEEDS], out, html=False))
    before = _concepts(out)
    second = build(BuildOptions([SEEDS], out, html=False))
    assert first.extraction.from_cache == 0 and first.extraction.texts == 77
    assert second.extraction.from_cache == 77 and second.extraction.words == 0
    assert _concepts(out) == before
    assert (out / ".cache" / "extract.sqlite").is_file()


def test_changing_one_file_re_extracts_only_its_records(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(SEEDS, inputs)
    build(BuildOptions([inputs], out, html=False))
    added = "Sparse Mixture Models for Graph Parsing\nAda Lovelace, Charles Babbage\n" \
            "We propose sparse mixture models for graph parsing and evaluate them on the Penn Treebank.\n"
    (inputs / "005_new.txt").write_text(added, encoding="utf-8")
    again = build(BuildOptions([inputs], out, html=False))
    assert again.extraction.texts - again.extraction.from_cache == 2  # the new title and abstract
    papers = {p["title"]: p for p in _concepts(out)["papers"]}
    assert papers["Sparse Mixture Models for Graph Parsing"]["concepts"]


def test_no_cache_option_neither_reads_nor_writes_the_cache(tmp_path):
    out = tmp_path / "out"
    result = build(BuildOptions([SEEDS], out, html=False, cache=False))
    assert result.extraction.from_cache == 0 and not (out / ".cache").exists()
