"""kgraph: research publication listings to a knowledge graph of papers, authors and topics."""

__version__ = "0.1.0"
