"""Standard bibliographic inputs: BibTeX, RIS, CSL-JSON, JSON Lines (ACL, arXiv, gzip), OpenAlex."""

import gzip
from pathlib import Path

import pytest
from conftest import SHARED_EVAL, person_named
from rdflib import Graph, Literal, URIRef

from kgraph.build import BuildOptions, build
from kgraph.ingest import read_inputs
from kgraph.ingest.openalex import abstract_from_index
from kgraph.resolve import resolve
from kgraph.vocab import SDO

DATA = Path(__file__).parent / "data"


def test_bibtex_authors_accents_braces_identifiers_and_a_broken_entry():
    result = read_inputs([DATA / "sample.bib"])
    assert [f.layout for f in result.files] == ["bibtex"]
    first, second = result.records
    assert first.title == "Knowledge Graphs for BERT-style Models"
    assert [m.written for m in first.authors] == ["Müller, Jörg", "Jane Q. Doe", "Pascanu, Razvan"]
    assert first.abstract.endswith("Café results are good.")
    assert (first.year, first.venue, first.identifiers["doi"]) == (2020, "Proceedings of the Example Conference",
                                                                   "10.1234/example.2020.1")
    assert first.at.line == 2
    assert second.identifiers["arxiv"] == "2201.01234" and second.venue == "Journal of Examples"
    assert [m.written for m in second.authors] == ["Doe, Jane Q.", "René Martin"]
    (problem,) = result.problems
    assert problem.line == 11 and "broken BibTeX entry" in problem.message


def test_ris_entries_with_their_lines():
    first, second = read_inputs([DATA / "sample.ris"]).records
    assert first.title == "Knowledge graphs for BERT-style models" and first.at.line == 1
    assert [m.written for m in first.authors] == ["Müller, Jörg", "Doe, Jane Q."]
    assert (first.year, first.identifiers["doi"]) == (2020, "10.1234/example.2020.1")
    assert second.at.line == 11 and second.year == 2023


def test_csl_json_from_zotero():
    records = read_inputs([DATA / "sample.csl.json"]).records
    assert [r.layout for r in records] == ["csljson", "csljson"]
    assert [m.written for m in records[0].authors] == ["Müller, Jörg", "Doe, Jane Q."]
    assert [m.written for m in records[1].authors] == ["The Example Consortium", "Martin, René"]
    assert (records[0].year, records[1].year) == (2020, 2024)


def test_arxiv_jsonl_splits_the_author_string_and_survives_a_broken_line():
    result = read_inputs([DATA / "sample-arxiv.jsonl"])
    first, second = result.records
    assert [m.written for m in first.authors] == ["Jane Q. Doe", "René Martin"]
    assert [m.written for m in second.authors] == ["Ann Lee", "Bo Chen", "Cara Diaz"]
    assert (first.identifiers["arxiv"], first.year, first.abstract) == ("2201.01234", 2022, "We revisit graphs.")
    (problem,) = result.problems
    assert problem.line == 2 and "broken JSON" in problem.message


def test_gzip_is_read_transparently(tmp_path):
    packed = tmp_path / "arxiv.jsonl.gz"
    packed.write_bytes(gzip.compress((DATA / "sample-arxiv.jsonl").read_bytes()))
    assert len(read_inputs([packed]).records) == 2


def test_openalex_abstract_authors_and_ids():
    (record,) = read_inputs([DATA / "sample-openalex.json"]).records
    assert record.abstract == "We study how knowledge graphs help BERT-style models."
    assert [(m.written, m.identifier) for m in record.authors] == [
        ("Jörg Müller", "https://orcid.org/0000-0002-1825-0097"), ("Jane Q. Doe", "https://openalex.org/A222")]
    assert record.identifiers == {"doi": "10.1234/example.2020.1", "openalex": "W1234567890"}
    assert abstract_from_index({"b": [1], "a": [0, 2]}) == "a b a"


def test_same_doi_is_one_paper_across_formats_and_people_merge(tmp_path):
    corpus = resolve(read_inputs([DATA / n for n in ("sample.bib", "sample.ris", "sample.csl.json", "sample-openalex.json")]).records)
    (paper,) = [p for p in corpus.papers if p.identifiers.get("doi") == "10.1234/example.2020.1"]
    assert {r.layout for r in paper.records} == {"bibtex", "ris", "csljson", "openalex"}
    assert paper.identifiers["openalex"] == "W1234567890"
    muller = person_named(corpus, "Jörg Müller")
    assert {"Müller, Jörg", "Jörg Müller"} <= set(muller.variants)
    assert muller.identifiers == ["https://orcid.org/0000-0002-1825-0097"]
    doe = person_named(corpus, "Jane Q. Doe")
    assert doe.id in paper.authors


def test_identifiers_and_years_reach_the_rdf(tmp_path):
    build(BuildOptions([DATA / "sample-openalex.json", DATA / "sample.bib"], tmp_path, keywords=False, html=False))
    g = Graph()
    g.parse(tmp_path / "graph.ttl")
    (paper,) = list(g.subjects(SDO.identifier, Literal("doi:10.1234/example.2020.1")))
    assert (paper, SDO.sameAs, URIRef("https://doi.org/10.1234/example.2020.1")) in g
    assert (paper, SDO.sameAs, URIRef("https://openalex.org/W1234567890")) in g
    assert str(g.value(paper, SDO.datePublished)) == "2020"
    assert (None, SDO.sameAs, URIRef("https://orcid.org/0000-0002-1825-0097")) in g


@pytest.mark.skipif(not (SHARED_EVAL / "acl/sample_2k.bib").is_file(), reason="../shared/eval/acl/sample_2k.bib is absent")
def test_acl_sample_bib():
    result = read_inputs([SHARED_EVAL / "acl/sample_2k.bib"])
    assert len(result.records) == 2000 and result.problems == []
    first = result.records[0]
    assert first.title.startswith("How Contextual are Contextualized Word Representations?")
    assert [m.written for m in first.authors] == ["Ethayarajh, Kawin"] and first.year == 2019
    assert all(r.abstract for r in result.records)


@pytest.mark.skipif(not (SHARED_EVAL / "acl/acl-2016-2025.jsonl.gz").is_file(), reason="the ACL JSON Lines corpus is absent")
def test_acl_jsonl_gz_corpus():
    result = read_inputs([SHARED_EVAL / "acl/acl-2016-2025.jsonl.gz"])
    assert len(result.records) == 61334 and result.problems == []
    assert sum(bool(r.abstract) for r in result.records) == 53044


def test_coauthor_edges_by_year_and_centrality_since(tmp_path):
    from typer.testing import CliRunner

    from kgraph.cli import app
    from kgraph.graph import coauthor_graph

    corpus = resolve(read_inputs([DATA / "sample.bib", DATA / "sample-arxiv.jsonl"]).records)
    g = coauthor_graph(corpus)
    doe, martin = person_named(corpus, "Jane Q. Doe").id, person_named(corpus, "René Martin").id
    assert g[doe][martin]["by_year"] == {2022: 1} and g[doe][martin]["years"] == "2022:1"
    assert coauthor_graph(corpus, since=2023).number_of_edges() == 3  # only "Graph Transformers at Scale"
    build(BuildOptions([DATA / "sample.bib", DATA / "sample-arxiv.jsonl"], tmp_path, keywords=False, html=False))
    result = CliRunner().invoke(app, ["centrality", "--since", "2023", "-m", "degree", "--out", str(tmp_path), "--format", "csv"])
    names = {line.split(",")[1] for line in result.output.strip().splitlines()[1:]}
    assert names == {"Ann Lee", "Bo Chen", "Cara Diaz"}


def test_a_wrong_encoding_line_in_a_large_file_loses_only_that_record(tmp_path):
    lines = [('{"id": "p%d", "title": "Paper number %d on parsing", "authors": ["Ann Lee", "Bo Chen"], '
              '"abstract": "We parse.", "year": 2020}' % (n, n)).encode() for n in range(150)]
    lines[41] = '{"id": "p41", "title": "Caf\u00e9 parsing", "authors": ["Zo\u00eb Ng"], "year": 2020}'.encode("latin-1")
    big = tmp_path / "corpus.jsonl"
    big.write_bytes(b"\n".join(lines) + b"\n")
    result = read_inputs([big])
    assert len(result.records) == 149 and "Paper number 42 on parsing" in {r.title for r in result.records}
    (problem,) = result.problems
    assert problem.line == 42 and "not valid utf-8 (byte 0xE9" in problem.message
    assert result.records[41].at.line == 43  # later records keep their own line numbers


def test_a_50_mb_line_is_refused_and_a_1_gb_file_is_not_read(tmp_path):
    good = '{"id": "p1", "title": "A small paper", "authors": ["Ann Lee"], "year": 2021}'
    huge = '{"id": "p2", "title": "' + "x" * (50 * 2**20) + '", "authors": ["Bo Chen"]}'
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([good, huge, good.replace("p1", "p3")]) + "\n", encoding="utf-8")
    giant = tmp_path / "giant.jsonl"
    with giant.open("wb") as fh:  # sparse: 1 GiB on paper, nothing on disk
        fh.truncate(2**30)
    result = read_inputs([mixed, giant])
    assert [r.title for r in result.records] == ["A small paper", "A small paper"]
    by_file = {Path(p.file).name: p for p in result.problems}
    assert by_file["mixed.jsonl"].line == 2 and "over the 10 MiB limit" in by_file["mixed.jsonl"].message
    assert "1024 MiB, over the 200 MiB limit" in by_file["giant.jsonl"].message
