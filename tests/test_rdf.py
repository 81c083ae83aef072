import shutil

from conftest import SEEDS
from rdflib import Graph, Literal, URIRef

from kgraph.build import BuildOptions, build
from kgraph.vocab import KG, PROV, RDF, RDFS, SDO

ID = "https://kgraph.example/id/"


def load(out, name="graph.ttl"):
    g = Graph()
    g.parse(out / name)
    return g


def paper_node(g, title):
    (node,) = list(g.subjects(SDO.name, Literal(title)))
    return node


def test_papers_persons_and_labels(built):
    _, out = built
    g = load(out)
    papers = set(g.subjects(RDF.type, SDO.ScholarlyArticle))
    assert len(papers) == 46
    assert all(g.value(p, RDFS.label) for p in papers)
    untitled = [p for p in papers if g.value(p, SDO.name) is None]
    assert len(untitled) == 10 and all(g.value(p, SDO.author) is None for p in untitled)
    fatras = URIRef(ID + "person/kilian-fatras")
    assert (fatras, RDF.type, SDO.Person) in g
    assert g.value(fatras, SDO.name) == Literal("Kilian Fatras")
    assert set(g.objects(fatras, SDO.alternateName)) == {Literal("Kilian FATRAS")}


def test_signatures_keep_order_and_written_names(built):
    _, out = built
    g = load(out)
    paper = paper_node(g, "No Wrong Turns: The Simple Geometry Of Neural Networks Optimization Paths")
    sigs = sorted(((int(g.value(s, KG.signatureOrdinal)), str(g.value(s, KG.writtenName)), int(g.value(s, KG.sourceLine)))
                   for s in g.objects(paper, KG.hasSignature)))
    assert sigs == [(1, "Charles Guille-Escuret", 51), (2, "Hiroki Naganuma", 52), (3, "Kilian FATRAS", 53)]
    wood = URIRef(ID + "person/frank-wood")
    written = {str(g.value(s, KG.writtenName)) for s in g.subjects(KG.signatureCreator, wood)}
    assert written == {"Frank Wood", "Frank N. Wood"}


def test_provenance_points_at_file_and_line(built):
    _, out = built
    g = load(out)
    paper = paper_node(g, "Think Before You Act: Decision Transformers with Working Memory")
    sources = {(str(g.value(r, KG.sourceFile)), int(g.value(r, KG.sourceLine))) for r in g.objects(paper, PROV.wasDerivedFrom)}
    assert sources == {("seeds/000_7854bc53814309f2.txt", 1), ("seeds/001_3f13293f3bb4fd6f.txt", 36)}
    owner_sig = next(g.subjects(KG.inferredFrom, Literal("profile owner")))
    assert g.value(owner_sig, KG.sourceLine) == Literal(3)


def test_code_repository_and_venue(built):
    _, out = built
    g = load(out)
    paper = paper_node(g, "Harmony in Diversity: Merging Neural Networks with Canonical Correlation Analysis")
    assert set(g.objects(paper, SDO.codeRepository)) == {URIRef("https://github.com/shoroi/align-n-merge")}
    griffin = paper_node(g, "Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models")
    venue = g.value(griffin, SDO.isPartOf)
    assert g.value(venue, SDO.name) == Literal("arXiv.org Artificial Intelligence")


def test_other_serialisations_hold_the_same_triples(built):
    _, out = built
    ttl = load(out)
    assert len(load(out, "graph.nt")) == len(ttl)
    jsonld = Graph()
    jsonld.parse(out / "graph.jsonld", format="json-ld")
    assert len(jsonld) == len(ttl)


def test_iris_are_stable_and_adding_a_file_renames_nothing(tmp_path):
    subset = tmp_path / "in"
    subset.mkdir()
    for name in ("000_7854bc53814309f2.txt", "002_a4323ca72a42ac54.txt"):
        shutil.copy(SEEDS / name, subset / name)
    build(BuildOptions([subset], tmp_path / "a"))
    build(BuildOptions([subset], tmp_path / "b"))
    assert (tmp_path / "a/graph.ttl").read_bytes() == (tmp_path / "b/graph.ttl").read_bytes()
    before = load(tmp_path / "a")
    shutil.copy(SEEDS / "001_3f13293f3bb4fd6f.txt", subset)
    build(BuildOptions([subset], tmp_path / "c"))
    after = load(tmp_path / "c")
    for cls in (SDO.ScholarlyArticle, SDO.Person):
        assert set(before.subjects(RDF.type, cls)) <= set(after.subjects(RDF.type, cls))


def test_base_iri_is_configurable(tmp_path):
    build(BuildOptions([SEEDS / "004_7c2b8c4e2964e47d.txt"], tmp_path, base_iri="http://lab.example/kg"))
    g = load(tmp_path)
    assert all(str(p).startswith("http://lab.example/kg/paper/") for p in g.subjects(RDF.type, SDO.ScholarlyArticle))


def test_concepts_are_skos_with_schemes_broader_and_evidence(built):
    from kgraph.vocab import SKOS
    _, out = built
    g = load(out)
    (fox,) = list(g.subjects(SKOS.altLabel, Literal("FoX")))
    assert (fox, RDF.type, SKOS.Concept) in g and (fox, RDF.type, KG.Method) in g
    assert g.value(fox, SKOS.prefLabel) == Literal("Forgetting Transformer")
    assert g.value(fox, SKOS.inScheme) == URIRef(ID + "scheme/methods")
    paper = paper_node(g, "Forgetting Transformer: Softmax Attention with a Forget Gate")
    assert (paper, SDO.about, fox) in g
    evidence = next(e for e in g.objects(paper, KG.hasConceptEvidence) if g.value(e, KG.concept) == fox)
    sentence = str(g.value(evidence, KG.sentence))
    start, end = int(g.value(evidence, KG.charStart)), int(g.value(evidence, KG.charEnd))
    assert "Forgetting Transformer" in sentence and end > start
    record = g.value(evidence, PROV.wasDerivedFrom)
    assert str(g.value(record, KG.sourceFile)).endswith("003_96950300e5923283.txt")
    (ppo,) = list(g.subjects(SKOS.altLabel, Literal("PPO")))
    rl = URIRef(ID + "concept/reinforcementlearning")
    assert (ppo, SKOS.broader, rl) in g and (rl, RDF.type, KG.ResearchTopic) in g


def test_urls_with_forbidden_characters_become_valid_iris(tmp_path):
    from kgraph.model import Corpus, Location, Paper, Record
    from kgraph.rdf import write
    record = Record(Location("x.txt", 1), "institute", title="T")
    paper = Paper("t", "T", "T", None, [], [], [record], code_urls=["https://github.com/a/b}x|y"])
    path = tmp_path / "g.ttl"
    write(Corpus([paper], {}, []), path, "ttl")
    g = Graph()
    g.parse(path)
    assert str(g.value(URIRef(ID + "paper/t"), SDO.codeRepository)) == "https://github.com/a/b%7Dx%7Cy"
