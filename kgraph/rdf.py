"""Export: the resolved corpus as an rdflib graph (vocabulary in kgraph.vocab)."""

from __future__ import annotations

import re
from urllib.parse import quote

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from kgraph.model import Concept, ConceptLink, Corpus, Location, Paper, Record
from kgraph.vocab import DEFAULT_BASE_IRI, KG, PROV, RDF, RDFS, SDO, SKOS, XSD

FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
SAME_AS = {"doi": "https://doi.org/", "arxiv": "https://arxiv.org/abs/", "openalex": "https://openalex.org/",
           "acl": "https://aclanthology.org/"}
# Turtle and N-Triples are written by Oxigraph's serializer: rdflib's Turtle writer
# spends minutes on a million triples computing prefixed names.
_PREFIXES = ("schema", "prov", "kg", "skos", "rdfs", "xsd", "rdf")
_OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")


class IRIs:
    """Stable IRIs under one base: the same input always gives the same names."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.ns = Namespace(base if base.endswith(("/", "#")) else base + "/")
        self.records: dict[Location, URIRef] = {}

    def paper(self, pid: str) -> URIRef:
        return self.ns[f"paper/{pid}"]

    def person(self, pid: str) -> URIRef:
        return self.ns[f"person/{pid}"]

    def record(self, at: Location) -> URIRef:
        return self.ns[f"record/{quote(at.file)}/L{at.line}"]

    def record_of(self, field_at: Location) -> URIRef:
        """The record a field line belongs to (set while the paper's records are added)."""
        return self.records.get(field_at, self.record(field_at))

    def signature(self, record: Location, ordinal: int) -> URIRef:
        return URIRef(f"{self.record(record)}/author/{ordinal}")

    def venue(self, name: str) -> URIRef:
        return self.ns[f"venue/{_slug(name.lower())}"]

    def concept(self, cid: str) -> URIRef:
        return self.ns[f"concept/{quote(cid)}"]

    def scheme(self, name: str) -> URIRef:
        return self.ns[f"scheme/{name}"]


# One SKOS scheme each for methods, datasets and topics; tasks and fields sit with topics.
SCHEMES = {"method": ("methods", KG.Method), "dataset": ("datasets", KG.Dataset),
           "task": ("topics", KG.Task), "topic": ("topics", KG.ResearchTopic)}
SCHEME_LABELS = {"methods": "Methods and models", "datasets": "Datasets and benchmarks",
                 "topics": "Tasks, fields and research topics"}


def _add_concept(g: Graph, iris: IRIs, concept: Concept) -> None:
    node = iris.concept(concept.id)
    scheme, cls = SCHEMES[concept.type]
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, RDF.type, cls))
    g.add((node, SKOS.prefLabel, Literal(concept.label)))
    g.add((node, SKOS.inScheme, iris.scheme(scheme)))
    for alt in concept.alt_labels:
        g.add((node, SKOS.altLabel, Literal(alt)))
    for broader in concept.broader:
        g.add((node, SKOS.broader, iris.concept(broader)))


def _add_link(g: Graph, iris: IRIs, link: ConceptLink) -> None:
    paper, concept = iris.paper(link.paper_id), iris.concept(link.concept_id)
    g.add((paper, SDO.about, concept))
    evidence = URIRef(f"{paper}/about/{quote(link.concept_id)}")
    g.add((paper, KG.hasConceptEvidence, evidence))
    g.add((evidence, RDF.type, KG.ConceptEvidence))
    g.add((evidence, KG.concept, concept))
    g.add((evidence, KG.relevance, Literal(link.score)))
    first = link.evidence[0] if link.evidence else None
    if first:
        g.add((evidence, KG.field, Literal(first.field)))
        g.add((evidence, KG.sentence, Literal(first.sentence)))
        g.add((evidence, KG.charStart, Literal(first.start)))
        g.add((evidence, KG.charEnd, Literal(first.end)))
        g.add((evidence, KG.extractor, Literal(first.source)))
        if first.at:
            g.add((evidence, KG.sourceLine, Literal(first.at.line)))
            g.add((evidence, PROV.wasDerivedFrom, iris.record_of(first.at)))


def external_iri(url: str) -> URIRef:
    """An IRI for a URL read from input: characters IRIs forbid are percent-encoded."""
    return URIRef(quote(url, safe=":/?#[]@!$&'()*+,;=%-._~"))


def _add_record(g: Graph, iris: IRIs, record: Record) -> URIRef:
    node = iris.record(record.at)
    for at in (record.title_at, record.abstract_at, record.venue_at):
        if at:
            iris.records[at] = node
    g.add((node, RDF.type, KG.SourceRecord))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, KG.sourceFile, Literal(record.at.file)))
    g.add((node, KG.sourceLine, Literal(record.at.line)))
    g.add((node, KG.layout, Literal(record.layout)))
    for prop, at in ((KG.titleLine, record.title_at), (KG.abstractLine, record.abstract_at), (KG.venueLine, record.venue_at)):
        if at:
            g.add((node, prop, Literal(at.line)))
    if record.abstract_truncated:
        g.add((node, KG.truncatedAbstract, Literal(True)))
    return node


def _add_paper(g: Graph, iris: IRIs, paper: Paper) -> None:
    node = iris.paper(paper.id)
    g.add((node, RDF.type, SDO.ScholarlyArticle))
    g.add((node, RDFS.label, Literal(paper.label)))
    if paper.title:
        g.add((node, SDO.name, Literal(paper.title)))
    if paper.abstract:
        g.add((node, SDO.abstract, Literal(paper.abstract)))
    for url in paper.code_urls:
        g.add((node, SDO.codeRepository, external_iri(url)))
    if paper.year:
        g.add((node, SDO.datePublished, Literal(str(paper.year), datatype=XSD.gYear)))
    for kind, value in sorted(paper.identifiers.items()):
        g.add((node, SDO.identifier, Literal(f"{kind}:{value}")))
        if kind in SAME_AS:
            g.add((node, SDO.sameAs, URIRef(SAME_AS[kind] + quote(value, safe="/:.-_()"))))
    for venue in paper.venues:
        venue_node = iris.venue(venue)
        g.add((node, SDO.isPartOf, venue_node))
        g.add((venue_node, RDF.type, KG.Venue))
        g.add((venue_node, SDO.name, Literal(venue)))
    for person_id in paper.authors:
        g.add((node, SDO.author, iris.person(person_id)))
    g.add((node, KG.authorCount, Literal(len(paper.authors))))
    for record in paper.records:
        g.add((node, PROV.wasDerivedFrom, _add_record(g, iris, record)))
    for sig in paper.signatures:
        sig_node = iris.signature(sig.record, sig.ordinal)
        g.add((node, KG.hasSignature, sig_node))
        g.add((sig_node, RDF.type, KG.Signature))
        g.add((sig_node, KG.signatureCreator, iris.person(sig.person_id)))
        g.add((sig_node, KG.signatureOrdinal, Literal(sig.ordinal)))
        g.add((sig_node, KG.writtenName, Literal(sig.written)))
        g.add((sig_node, KG.sourceLine, Literal(sig.at.line)))
        g.add((sig_node, PROV.wasDerivedFrom, iris.record(sig.record)))
        if sig.inferred:
            g.add((sig_node, KG.inferredFrom, Literal(sig.inferred)))


def to_rdf(corpus: Corpus, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The corpus as an rdflib Graph."""
    iris = IRIs(base_iri)
    g = Graph(bind_namespaces="core")
    g.bind("schema", SDO)
    g.bind("prov", PROV)
    g.bind("kg", KG._NS)
    g.bind("id", iris.ns)
    for person in corpus.persons.values():
        node = iris.person(person.id)
        g.add((node, RDF.type, SDO.Person))
        g.add((node, SDO.name, Literal(person.name)))
        for variant in person.variants:
            if variant != person.name:
                g.add((node, SDO.alternateName, Literal(variant)))
        for identifier in person.identifiers:
            if identifier.startswith("http"):
                g.add((node, SDO.sameAs, external_iri(identifier)))
            else:
                g.add((node, SDO.identifier, Literal(identifier)))
    g.bind("skos", SKOS)
    for paper in corpus.papers:
        _add_paper(g, iris, paper)
    for name, label in SCHEME_LABELS.items():
        g.add((iris.scheme(name), RDF.type, SKOS.ConceptScheme))
        g.add((iris.scheme(name), SKOS.prefLabel, Literal(label)))
    for concept in corpus.concepts.values():
        _add_concept(g, iris, concept)
    for link in corpus.links:
        _add_link(g, iris, link)
    return g


def _ox_term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def write(graph: Graph, path: Path, fmt: str) -> None:
    """Serialize the graph as `fmt` (ttl, nt or jsonld) to path."""
    if fmt not in _OX_FORMATS:
        graph.serialize(path, format=FORMATS[fmt], encoding="utf-8")
        return
    cache: dict = {}

    def term(t):
        found = cache.get(t)
        if found is None:
            found = cache[t] = _ox_term(t)
        return found

    # Sorted by subject so each subject's triples form one block (stable: same input, same bytes).
    ordered = sorted(graph, key=lambda t: (str(t[0]), str(t[1])))
    triples = (ox.Triple(term(s), term(p), term(o)) for s, p, o in ordered)
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix in _PREFIXES}
    ox.serialize(triples, str(path), format=_OX_FORMATS[fmt], prefixes=prefixes if fmt == "ttl" else None)
