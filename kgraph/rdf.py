"""Export: the resolved corpus as an rdflib graph (vocabulary in kgraph.vocab)."""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef

from kgraph.model import Corpus, Location, Paper, Record
from kgraph.vocab import DEFAULT_BASE_IRI, KG, PROV, RDF, RDFS, SDO

FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")


class IRIs:
    """Stable IRIs under one base: the same input always gives the same names."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.ns = Namespace(base if base.endswith(("/", "#")) else base + "/")

    def paper(self, pid: str) -> URIRef:
        return self.ns[f"paper/{pid}"]

    def person(self, pid: str) -> URIRef:
        return self.ns[f"person/{pid}"]

    def record(self, at: Location) -> URIRef:
        return self.ns[f"record/{quote(at.file)}/L{at.line}"]

    def signature(self, record: Location, ordinal: int) -> URIRef:
        return URIRef(f"{self.record(record)}/author/{ordinal}")

    def venue(self, name: str) -> URIRef:
        return self.ns[f"venue/{_slug(name.lower())}"]


def _add_record(g: Graph, iris: IRIs, record: Record) -> URIRef:
    node = iris.record(record.at)
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
        g.add((node, SDO.codeRepository, URIRef(url)))
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
    for paper in corpus.papers:
        _add_paper(g, iris, paper)
    return g
