from pathlib import Path

from conftest import SEEDS

from kgraph.ingest import read_inputs
from kgraph.model import Location


def _by_title(records, title):
    return [r for r in records if r.title == title]


def test_each_seed_layout_is_detected_by_content(tmp_path):
    # Renamed copies: detection must not depend on the file name.
    for i, src in enumerate(sorted(SEEDS.glob("*.txt"))):
        (tmp_path / f"listing{i}.dat").write_bytes(src.read_bytes())
    files = read_inputs([tmp_path]).files
    assert [f.layout for f in files] == ["institute", "institute", "profile", "institute", "abstracts"]
    assert [f.records for f in files] == [12, 12, 10, 12, 10]


def test_institute_record_fields_and_lines(seed_records):
    (rec,) = [r for r in _by_title(seed_records, "Feasible Learning")]
    assert rec.at == Location("seeds/003_96950300e5923283.txt", 48) or rec.at.line == 48
    assert [m.written for m in rec.authors] == [
        "Juan Ramirez", "Ignacio Hounie", "Juan Elenter", "Jose Gallego-Posada", "Meraj Hashemizadeh", "Alejandro Ribeiro"]
    assert [m.at.line for m in rec.authors] == [49, 50, 51, 52, 53, 54]
    assert rec.abstract_at.line == 55
    assert rec.abstract.startswith("We introduce Feasible Learning (FL)")
    assert "on every individual data point" in rec.abstract and "*" not in rec.abstract


def test_fold_marker_joins_words_in_abstracts(seed_records):
    (first, second) = _by_title(seed_records, "Think Before You Act: Decision Transformers with Working Memory")
    for rec in (first, second):
        assert "their performance relies on massive data" in rec.abstract
        assert "voir plus" not in rec.abstract


def test_record_without_abstract_ends_at_next_title(seed_records):
    (rec,) = _by_title(seed_records, "Towards Modular LLMs by Building and Reusing a Library of LoRAs")
    assert rec.abstract is None
    assert [m.written for m in rec.authors][-1] == "Lucas Caccia"


def test_profile_owner_is_author_of_every_paper(seed_records):
    profile = [r for r in seed_records if r.layout == "profile"]
    assert len(profile) == 10
    for rec in profile:
        assert [(m.written, m.at.line, m.inferred) for m in rec.authors] == [("Pascanu, Razvan", 3, "profile owner")]
        assert rec.venue == "arXiv.org Artificial Intelligence"
        assert rec.title and rec.abstract
    griffin = next(r for r in profile if r.title.startswith("Griffin"))
    assert (griffin.title_at.line, griffin.venue_at.line, griffin.abstract_at.line) == (34, 36, 38)


def test_abstract_only_records_have_no_title_and_no_authors(seed_records):
    records = [r for r in seed_records if r.layout == "abstracts"]
    assert len(records) == 10
    assert all(r.title is None and r.authors == [] for r in records)
    assert [r.at.line for r in records] == list(range(1, 11))
    assert "Transformer²" in records[0].abstract and "\\text" not in records[0].abstract


def test_truncated_abstract_is_flagged_and_code_urls_kept(seed_records):
    (rec,) = _by_title(seed_records, "Fair Resource Allocation in Weakly Coupled Markov Decision Processes")
    assert rec.abstract_truncated
    (cobalt,) = [r for r in seed_records if r.title == "Unsupervised Concept Discovery Mitigates Spurious Correlations" and r.abstract]
    assert cobalt.code_urls == ["https://github.com/rarefin/CoBalT"] and not cobalt.abstract_truncated


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_bad_files_are_reported_one_line_each_and_others_still_read(tmp_path):
    good = _write(tmp_path / "good.txt", (SEEDS / "000_7854bc53814309f2.txt").read_bytes())
    empty = _write(tmp_path / "empty.txt", b"  \n\n")
    binary = _write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = _write(tmp_path / "latin.txt", "Title One\nL\u00e9o Boisvert\n".encode("latin-1"))
    unknown = _write(tmp_path / "notes.txt", b"just a shopping list\n\n\n\n\n\n\n\n\neggs and milk for the week\n")
    result = read_inputs([good, empty, binary, latin, unknown])
    assert len(result.records) == 12
    problems = {p.file.rsplit("/", 1)[-1]: p for p in result.problems}
    assert "empty" in problems["empty.txt"].message
    assert "binary" in problems["image.txt"].message
    assert "not valid utf-8" in problems["latin.txt"].message and problems["latin.txt"].line == 2
    assert "unknown layout" in problems["notes.txt"].message
    assert all("\n" not in str(p) for p in result.problems)


def test_latin1_file_reads_with_encoding_option(tmp_path):
    latin = _write(tmp_path / "latin.txt", "A Study of Things\nL\u00e9o Boisvert\nKilian Fatras\n".encode("latin-1"))
    (rec,) = read_inputs([latin], encoding="latin-1").records
    assert [m.written for m in rec.authors] == ["Léo Boisvert", "Kilian Fatras"]


def test_broken_line_in_abstract_list_is_skipped_with_its_line(tmp_path):
    path = _write(tmp_path / "abs.txt", b"Abstract: We propose a thing that works well on benchmarks.\n"
                                        b"garbage line here\nAbstract: We study another thing in depth.\n")
    result = read_inputs([path])
    assert len(result.records) == 2
    (problem,) = result.problems
    assert problem.line == 2 and "Abstract:" in problem.message


def test_directory_without_files_and_missing_path(tmp_path):
    (tmp_path / "empty_dir").mkdir()
    result = read_inputs([tmp_path / "empty_dir", tmp_path / "missing.txt"])
    assert result.records == []
    assert ["directory has no files", "no such file or directory"] == [p.message for p in result.problems]
