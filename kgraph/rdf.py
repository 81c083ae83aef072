"""Export: the resolved corpus as RDF (vocabulary in kgraph.vocab).

`triples()` streams the statements paper by paper, each subject's statements together;
`write()` pipes that stream into Oxigraph's Turtle/N-Triples serializer without building
a graph in memory (rdflib's Graph and Turtle writer took gigabytes and minutes on the
ACL Anthology), and `to_rdf()` collects it into an rdflib Graph (JSON-LD, library use).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from kgraph.model import Concept, ConceptLink, Corpus, Location, Paper, Record
from kgraph.vocab import DEFAULT_BASE_IRI, KG, PROV, RDF, RDFS, SDO, SKOS, XSD

FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
SAME_AS = {"doi": "https://doi.org/", "arxiv": "https://arxiv.org/abs/", "openalex": "https://openalex.org/",
           "acl": "https://aclanthology.org/"}
PREFIXES = {"schema": str(SDO), "prov": str(PROV), "kg": str(KG._NS), "skos": str(SKOS), "rdfs": str(RDFS),
            "xsd": str(XSD), "rdf": str(RDF)}
_OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")


class IRIs:
    """Stable IRIs under one base: the same input always gives the same names."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.ns = Namespace(base if base.endswith(("/", "#")) else base + "/")
        self.records: dict[Location, URIRef] = {}
        self.venues_done: set[str] = set()
        self._files: dict[str, str] = {}  # file name -> percent-encoded (few files, many records)

    def paper(self, pid: str) -> URIRef:
        return self.ns[f"paper/{pid}"]

    def person(self, pid: str) -> URIRef:
        return self.ns[f"person/{pid}"]

    def record(self, at: Location) -> URIRef:
        quoted = self._files.get(at.file)
        if quoted is None:
            quoted = self._files[at.file] = quote(at.file)
        return URIRef(f"{self.ns}record/{quoted}/L{at.line}")

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

Emit = Callable[[tuple], None]


def external_iri(url: str) -> URIRef:
    """An IRI for a URL read from input: characters IRIs forbid are percent-encoded."""
    return URIRef(quote(url, safe=":/?#[]@!$&'()*+,;=%-._~"))


def _person(emit: Emit, iris: IRIs, person) -> None:
    node = iris.person(person.id)
    emit((node, RDF.type, SDO.Person))
    emit((node, SDO.name, Literal(person.name)))
    for variant in person.variants:
        if variant != person.name:
            emit((node, SDO.alternateName, Literal(variant)))
    for identifier in person.identifiers:
        if identifier.startswith("http"):
            emit((node, SDO.sameAs, external_iri(identifier)))
        else:
            emit((node, SDO.identifier, Literal(identifier)))


def _concept(emit: Emit, iris: IRIs, concept: Concept) -> None:
    node = iris.concept(concept.id)
    scheme, cls = SCHEMES[concept.type]
    emit((node, RDF.type, SKOS.Concept))
    emit((node, RDF.type, cls))
    emit((node, SKOS.prefLabel, Literal(concept.label)))
    emit((node, SKOS.inScheme, iris.scheme(scheme)))
    for alt in concept.alt_labels:
        emit((node, SKOS.altLabel, Literal(alt)))
    for broader in concept.broader:
        emit((node, SKOS.broader, iris.concept(broader)))


def _record(emit: Emit, iris: IRIs, record: Record) -> None:
    node = iris.record(record.at)
    for at in (record.title_at, record.abstract_at, record.venue_at):
        if at:
            iris.records[at] = node
    emit((node, RDF.type, KG.SourceRecord))
    emit((node, RDF.type, PROV.Entity))
    emit((node, KG.sourceFile, Literal(record.at.file)))
    emit((node, KG.sourceLine, Literal(record.at.line)))
    emit((node, KG.layout, Literal(record.layout)))
    for prop, at in ((KG.titleLine, record.title_at), (KG.abstractLine, record.abstract_at), (KG.venueLine, record.venue_at)):
        if at:
            emit((node, prop, Literal(at.line)))
    if record.abstract_truncated:
        emit((node, KG.truncatedAbstract, Literal(True)))


def _paper(emit: Emit, iris: IRIs, paper: Paper, links: list[ConceptLink]) -> None:
    """The paper's own statements first, then its records, signatures, venues, evidence."""
    node = iris.paper(paper.id)
    emit((node, RDF.type, SDO.ScholarlyArticle))
    emit((node, RDFS.label, Literal(paper.label)))
    if paper.title:
        emit((node, SDO.name, Literal(paper.title)))
    if paper.abstract:
        emit((node, SDO.abstract, Literal(paper.abstract)))
    for url in paper.code_urls:
        emit((node, SDO.codeRepository, external_iri(url)))
    if paper.year:
        emit((node, SDO.datePublished, Literal(str(paper.year), datatype=XSD.gYear)))
    for kind, value in sorted(paper.identifiers.items()):
        emit((node, SDO.identifier, Literal(f"{kind}:{value}")))
        if kind in SAME_AS:
            emit((node, SDO.sameAs, URIRef(SAME_AS[kind] + quote(value, safe="/:.-_()"))))
    for venue in paper.venues:
        emit((node, SDO.isPartOf, iris.venue(venue)))
    for person_id in paper.authors:
        emit((node, SDO.author, iris.person(person_id)))
    emit((node, KG.authorCount, Literal(len(paper.authors))))
    for record in paper.records:
        emit((node, PROV.wasDerivedFrom, iris.record(record.at)))
    sig_nodes = [iris.signature(sig.record, sig.ordinal) for sig in paper.signatures]
    for sig_node in sig_nodes:
        emit((node, KG.hasSignature, sig_node))
    for link in links:
        emit((node, SDO.about, iris.concept(link.concept_id)))
        emit((node, KG.hasConceptEvidence, URIRef(f"{node}/about/{quote(link.concept_id)}")))
    for record in paper.records:
        _record(emit, iris, record)
    for sig, sig_node in zip(paper.signatures, sig_nodes):
        emit((sig_node, RDF.type, KG.Signature))
        emit((sig_node, KG.signatureCreator, iris.person(sig.person_id)))
        emit((sig_node, KG.signatureOrdinal, Literal(sig.ordinal)))
        emit((sig_node, KG.writtenName, Literal(sig.written)))
        emit((sig_node, KG.sourceLine, Literal(sig.at.line)))
        emit((sig_node, PROV.wasDerivedFrom, iris.record(sig.record)))
        if sig.inferred:
            emit((sig_node, KG.inferredFrom, Literal(sig.inferred)))
    for venue in paper.venues:
        venue_node = iris.venue(venue)
        if str(venue_node) not in iris.venues_done:
            iris.venues_done.add(str(venue_node))
            emit((venue_node, RDF.type, KG.Venue))
            emit((venue_node, SDO.name, Literal(venue)))
    for link in links:
        _evidence(emit, iris, node, link)


def _evidence(emit: Emit, iris: IRIs, paper: URIRef, link: ConceptLink) -> None:
    evidence = URIRef(f"{paper}/about/{quote(link.concept_id)}")
    emit((evidence, RDF.type, KG.ConceptEvidence))
    emit((evidence, KG.concept, iris.concept(link.concept_id)))
    emit((evidence, KG.relevance, Literal(link.score)))
    first = link.evidence[0] if link.evidence else None
    if first:
        emit((evidence, KG.field, Literal(first.field)))
        emit((evidence, KG.sentence, Literal(first.sentence)))
        emit((evidence, KG.charStart, Literal(first.start)))
        emit((evidence, KG.charEnd, Literal(first.end)))
        emit((evidence, KG.extractor, Literal(first.source)))
        if first.at:
            emit((evidence, KG.sourceLine, Literal(first.at.line)))
            emit((evidence, PROV.wasDerivedFrom, iris.record_of(first.at)))


def triples(corpus: Corpus, base_iri: str = DEFAULT_BASE_IRI) -> Iterator[tuple]:
    """Every statement of the corpus, streamed; each subject's statements come together."""
    iris = IRIs(base_iri)
    batch: list[tuple] = []
    emit = batch.append
    links: dict[str, list[ConceptLink]] = {}
    for link in corpus.links:
        links.setdefault(link.paper_id, []).append(link)
    for name, label in SCHEME_LABELS.items():
        emit((iris.scheme(name), RDF.type, SKOS.ConceptScheme))
        emit((iris.scheme(name), SKOS.prefLabel, Literal(label)))
    for concept in corpus.concepts.values():
        _concept(emit, iris, concept)
    for person in corpus.persons.values():
        _person(emit, iris, person)
        yield from batch
        batch.clear()
    yield from batch
    batch.clear()
    for paper in corpus.papers:
        _paper(emit, iris, paper, links.get(paper.id, []))
        yield from batch
        batch.clear()


def to_rdf(corpus: Corpus, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The corpus as an rdflib Graph."""
    g = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    for triple in triples(corpus, base_iri):
        g.add(triple)
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


def write(corpus: Corpus, path: Path, fmt: str, base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Serialize the corpus as `fmt` (ttl, nt or jsonld) to path; ttl and nt stream."""
    if fmt not in _OX_FORMATS:
        to_rdf(corpus, base_iri).serialize(path, format=FORMATS[fmt], encoding="utf-8")
        return
    cache: dict = {}

    def term(t):  # IRIs repeat (cached); literals are mostly unique (not cached: hashing them costs more)
        if type(t) is Literal:
            return _ox_term(t)
        found = cache.get(t)
        if found is None:
            found = cache[t] = _ox_term(t)
        return found

    stream = (ox.Triple(term(s), term(p), term(o)) for s, p, o in triples(corpus, base_iri))
    ox.serialize(stream, str(path), format=_OX_FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None)
