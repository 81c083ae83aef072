"""Every bundled SPARQL query, on both engines, agrees with the networkx/corpus side."""

from collections import Counter

import pytest

from kgraph.graph import coauthor_graph, topic_graph
from kgraph.query import available, load_graph, load_query, run

QUERY_NAMES = {p.stem for p in available()}


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def engine(request, built):
    _, out = built
    return load_graph(out / "graph.ttl", request.param)


@pytest.fixture(scope="module")
def model(built):
    result, _ = built
    return result.corpus


def ask(engine, query_name, **params):
    names, rows = run(engine, load_query(next(p for p in available() if p.stem == query_name)), params)
    return [dict(zip(names, row)) for row in rows]


def test_pack_has_the_scholia_style_panels():
    assert {"papers-of-author", "coauthors", "author-topics", "topic-authors", "topic-papers", "cooccurring-topics",
            "most-collaborative", "papers-without-abstract", "name-variants"} <= QUERY_NAMES


@pytest.mark.parametrize("path", available(), ids=lambda p: p.stem)
def test_every_query_documents_itself(path):
    query = load_query(path)
    first = path.read_text().splitlines()[0]
    assert first.startswith("# ") and query.purpose
    for param in query.params:
        assert param.doc, f"{path.stem}: ?{param.name} is undocumented"


def some_people(model, n=25):
    ranked = sorted(model.persons.values(), key=lambda p: (-sum(p.id in x.authors for x in model.papers), p.id))
    return ranked[:n]


def test_coauthor_counts_agree_with_networkx(engine, model):
    g = coauthor_graph(model)
    for person in some_people(model):
        rows = ask(engine, "coauthors", name=person.variants[-1])
        got = {r["coauthorName"]: int(r["papers"]) for r in rows}
        want = {model.persons[o].name: g[person.id][o]["papers"] for o in g.neighbors(person.id)}
        assert got == want, person.name


def test_papers_and_topics_of_authors_agree(engine, model):
    for person in some_people(model, 10):
        papers = {r["label"] for r in ask(engine, "papers-of-author", name=person.name.upper())}
        assert papers == {p.label for p in model.papers if person.id in p.authors}
        topics = {r["label"]: int(r["papers"]) for r in ask(engine, "author-topics", name=person.name)}
        mine = {p.id for p in model.papers if person.id in p.authors}
        want = Counter(model.concepts[l.concept_id].label for l in model.links if l.paper_id in mine)
        assert topics == dict(want), person.name


def test_topic_queries_agree(engine, model):
    g = topic_graph(model)
    authors = {p.id: p.authors for p in model.papers}
    for concept in sorted(model.concepts.values(), key=lambda c: -g.nodes[c.id]["papers"])[:12]:
        papers = {r["paper"].rsplit("/", 1)[-1] for r in ask(engine, "topic-papers", topic=concept.label)}
        want_papers = {l.paper_id for l in model.links if l.concept_id == concept.id}
        assert papers == want_papers, concept.label
        people = {r["person"].rsplit("/", 1)[-1]: int(r["papers"]) for r in ask(engine, "topic-authors", topic=concept.label)}
        assert people == dict(Counter(a for p in want_papers for a in set(authors[p]))), concept.label
        other = {r["other"].rsplit("/", 1)[-1]: int(r["papers"]) for r in ask(engine, "cooccurring-topics", topic=concept.label)}
        assert other == {n: g[concept.id][n]["papers"] for n in g.neighbors(concept.id)}, concept.label


def test_most_collaborative_agrees_with_degree(engine, model):
    g = coauthor_graph(model)
    rows = ask(engine, "most-collaborative")
    assert {r["person"].rsplit("/", 1)[-1]: int(r["coauthors"]) for r in rows} == \
        {n: g.degree(n) for n in g if g.nodes[n]["papers"]}
    assert rows[0]["personName"] == "Xue Liu"


def test_papers_without_abstract(engine, model):
    rows = ask(engine, "papers-without-abstract")
    assert {r["label"] for r in rows} == {p.label for p in model.papers if p.abstract is None}
    assert {"Towards Modular LLMs by Building and Reusing a Library of LoRAs", "When is Transfer Learning Possible?"} \
        <= {r["label"] for r in rows}


def test_name_variants_with_sources(engine):
    rows = ask(engine, "name-variants", name="frank n. wood")
    assert {(r["written"], r["file"], r["line"]) for r in rows} == {
        ("Frank Wood", "seeds/000_7854bc53814309f2.txt", "66"), ("Frank N. Wood", "seeds/001_3f13293f3bb4fd6f.txt", "65")}


def test_engines_give_identical_answers(built):
    _, out = built
    ox, rd = load_graph(out / "graph.ttl", "oxigraph"), load_graph(out / "graph.ttl", "rdflib")
    params = {"name": "Xue Liu", "topic": "reinforcement learning"}
    for path in available():
        query = load_query(path)
        values = {p.name: params[p.name] for p in query.params}
        a, b = run(ox, query, values), run(rd, query, values)
        assert a[0] == b[0] and sorted(map(_numbers, a[1])) == sorted(map(_numbers, b[1])), path.stem


def _numbers(row):
    """Engines write the same decimal as "8" or "8.0"; compare values, not spellings."""
    out = []
    for cell in row:
        try:
            out.append(float(cell))
        except ValueError:
            out.append(cell)
    return tuple(out)


def test_hostile_parameter_is_just_a_value(engine):
    for hostile in ['x" } UNION { ?s ?p ?o } #', "x'> <y", 'line\nbreak"""']:
        assert ask(engine, "coauthors", name=hostile) == []


def test_parameters_are_bound_in_the_block_that_uses_them():
    from kgraph.query import with_values

    text = ("SELECT ?x WHERE {\n  { SELECT ?p WHERE { ?p <n> ?w . FILTER (?w = ?name) } }\n"
            "  ?x <a> ?p . FILTER (?x != ?other)\n}")
    bound = with_values(text, {"name": '"Ann"', "other": "<http://x>"})
    inner, outer = bound.index('VALUES ?name { "Ann" }'), bound.index("VALUES ?other { <http://x> }")
    assert bound.index("{ SELECT ?p WHERE {") < inner < bound.index("?p <n> ?w")
    assert outer < bound.index("{ SELECT ?p")  # ?other is used only in the outer block
