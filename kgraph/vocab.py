"""RDF vocabularies. schema.org, PROV and RDFS come from rdflib; KG is kgraph's own.

KG terms follow dblp's signature model: a paper has one signature per author slot of
each source record, giving the person, the ordinal and the name as written.
"""

from rdflib import URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace, Namespace

VOCAB_IRI = "https://kgraph.example/vocab#"
DEFAULT_BASE_IRI = "https://kgraph.example/id/"


class KG(DefinedNamespace):
    """kgraph's own terms (`kg:`)."""

    _NS = Namespace(VOCAB_IRI)
    _fail = True

    Signature: URIRef  # one author slot of one source record
    SourceRecord: URIRef  # one listing entry as read (a prov:Entity)
    Venue: URIRef
    hasSignature: URIRef  # paper -> signature
    signatureCreator: URIRef  # signature -> person
    signatureOrdinal: URIRef  # 1-based position in the record's author list
    writtenName: URIRef  # the name exactly as the source wrote it
    inferredFrom: URIRef  # why an unwritten author is on a record ("profile owner")
    sourceFile: URIRef
    sourceLine: URIRef  # line of the record, or of the name on a signature
    titleLine: URIRef
    abstractLine: URIRef
    venueLine: URIRef
    layout: URIRef  # which reader read the record
    truncatedAbstract: URIRef  # the record's abstract was cut by the page
    authorCount: URIRef  # distinct persons authoring the paper
    # Concepts (also skos:Concept) and the evidence for each paper -> concept link
    Method: URIRef
    Dataset: URIRef
    Task: URIRef
    ResearchTopic: URIRef
    ConceptEvidence: URIRef
    hasConceptEvidence: URIRef  # paper -> evidence node
    concept: URIRef  # evidence -> concept
    relevance: URIRef  # score of a paper -> concept link
    field: URIRef  # "title" or "abstract"
    sentence: URIRef  # the sentence that mentions the concept
    charStart: URIRef  # offsets of the mention in the field text
    charEnd: URIRef
    extractor: URIRef  # the pipeline component that found the mention


__all__ = ["KG", "PROV", "RDF", "RDFS", "SDO", "SKOS", "XSD", "VOCAB_IRI", "DEFAULT_BASE_IRI"]
