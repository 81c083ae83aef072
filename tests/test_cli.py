import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

from kgraph import build as build_module
from kgraph.cli import app

runner = CliRunner()


def kgraph(*args, cwd=ROOT):
    """Run the real command in a subprocess, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_DEBUG"}
    return subprocess.run([sys.executable, "-m", "kgraph", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_build_summary_and_outputs(out):
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["files_read"], summary["records"], summary["papers"], summary["papers_without_authors"]) == (5, 56, 46, 10)
    assert summary["person_merges"] == 1 and summary["paper_merges"] == 10
    assert summary["skipped"] == []
    review = (out / "merges.tsv").read_text().splitlines()
    assert review[0].split("\t") == ["kind", "decision", "canonical", "variant", "rule", "evidence"]
    assert any(line.startswith("person\tmerged\tFrank N. Wood\tFrank Wood\t") for line in review)


def test_build_prints_a_short_summary(tmp_path):
    result = kgraph("build", SEEDS, "--out", tmp_path / "o")
    assert result.returncode == 0
    assert "papers          46 (10 without authors)" in result.stdout
    assert "co-author pairs" in result.stdout and "persons         112" in result.stdout


def test_bad_inputs_give_one_line_errors_and_good_ones_still_build(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("A Title\nL\u00e9o Boisvert\n".encode("latin-1"))
    result = kgraph("build", SEEDS / "004_7c2b8c4e2964e47d.txt", tmp_path / "empty.txt", tmp_path / "bin.txt",
                    tmp_path / "latin.txt", "--out", tmp_path / "o", "-q")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert any("empty.txt: file is empty" in line for line in lines)
    assert any("bin.txt: binary file" in line for line in lines)
    assert any("latin.txt:2: not valid utf-8" in line for line in lines)
    assert "papers          10 (10 without authors)" in result.stdout


def test_nothing_usable_exits_non_zero_and_keeps_previous_output(tmp_path, out):
    (tmp_path / "empty_dir").mkdir()
    target = tmp_path / "o"
    assert kgraph("build", SEEDS, "--out", target, "-q").returncode == 0
    before = (target / "graph.ttl").read_bytes()
    result = kgraph("build", tmp_path / "empty_dir", "--out", target, "-q")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "empty_dir: directory has no files" in result.stderr
    assert (target / "graph.ttl").read_bytes() == before


def test_failed_build_leaves_previous_output_intact(tmp_path, monkeypatch):
    target = tmp_path / "o"
    assert runner.invoke(app, ["build", str(SEEDS), "--out", str(target), "-q"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_module.export, "write_review", explode)
    result = runner.invoke(app, ["build", str(SEEDS / "000_7854bc53814309f2.txt"), "--out", str(target), "-q"])
    assert result.exit_code != 0
    assert {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()} == before
    assert {p.name for p in target.iterdir() if p.is_dir()} == {".cache"}  # no staging folder left
    assert "disk full" in result.output


def test_query_binds_parameters(out):
    result = runner.invoke(app, ["query", "coauthors", "--param", "name=Xue Liu", "--format", "json",
                                 "--graph", str(out / "graph.ttl")])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    names = {r["coauthorName"]: int(r["papers"]) for r in rows}
    assert names["Jie Fu"] == 1 and names["Ziquan Liu"] == 1 and len(names) == 11


def test_query_accepts_any_name_variant(out):
    result = runner.invoke(app, ["query", "papers-of-author", "-p", "name=pascanu, RAZVAN", "--format", "csv",
                                 "--graph", str(out / "graph.ttl")])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 11  # header + 10 papers


def test_query_parameter_is_never_pasted_into_the_query(out):
    hostile = 'x")) } UNION { ?coauthor ?p ?coauthorName } #'
    result = runner.invoke(app, ["query", "coauthors", "-p", f"name={hostile}", "--format", "json",
                                 "--graph", str(out / "graph.ttl")])
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_query_errors_are_one_line(out, tmp_path):
    missing = kgraph("query", "coauthors", "--graph", out / "graph.ttl")
    assert missing.returncode == 1 and "missing --param name=" in missing.stderr and "Traceback" not in missing.stderr
    nograph = kgraph("query", "coauthors", "-p", "name=x", "--graph", tmp_path / "none.ttl")
    assert nograph.returncode == 1 and "run `kgraph build` first" in nograph.stderr
    (tmp_path / "bad.rq").write_text("SELECT WHERE {")
    bad = kgraph("query", tmp_path / "bad.rq", "--graph", out / "graph.ttl")
    assert bad.returncode == 1 and "query failed" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_aliases_option_overrides_merges(tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("# keep the two Woods apart\nFrank Wood\t\nbroken line without tab\n")
    result = kgraph("build", SEEDS, "--out", tmp_path / "o", "--aliases", aliases, "-q")
    assert result.returncode == 0
    assert "aliases.tsv:3: expected two tab-separated columns" in result.stderr
    summary = json.loads((tmp_path / "o/summary.json").read_text())
    assert summary["persons"] == 113 and summary["person_merges"] == 0 and summary["kept_apart"] == 1


def test_topics_and_paper_commands(out):
    topics = runner.invoke(app, ["topics", "--top", "5", "--out", str(out)])
    assert topics.exit_code == 0
    first = topics.output.splitlines()[2].split()
    assert first[:3] == ["20", "topic", "reinforcement"]
    datasets = runner.invoke(app, ["topics", "--type", "dataset", "--out", str(out)])
    assert "Atari" in datasets.output and "method" not in datasets.output
    paper = runner.invoke(app, ["paper", "forgetting transformer", "--out", str(out)])
    assert paper.exit_code == 0
    assert "Forgetting Transformer  [method" in paper.output
    assert "seeds/003_96950300e5923283.txt:" in paper.output and "(abbreviation)" in paper.output
    missing = runner.invoke(app, ["paper", "no such paper at all", "--out", str(out)])
    assert missing.exit_code == 1


def test_no_keywords_build_has_no_concepts(tmp_path):
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--no-keywords", "-q"])
    assert result.exit_code == 0
    assert not (tmp_path / "concepts.json").exists()
    assert json.loads((tmp_path / "summary.json").read_text())["concept_links"] == 0


def test_a_writer_process_that_dies_fails_the_build_instead_of_hanging(tmp_path, monkeypatch):
    import os

    import pytest

    from kgraph.build import BuildOptions, OutputFailed, build

    monkeypatch.setattr(build_module.export, "write_review", lambda *args, **kwargs: os._exit(3))
    with pytest.raises(OutputFailed, match="ended without a result"):
        build(BuildOptions([SEEDS / "000_7854bc53814309f2.txt"], tmp_path / "o", keywords=False, html=False))
    assert not any(p.is_file() for p in (tmp_path / "o").iterdir())  # nothing committed
