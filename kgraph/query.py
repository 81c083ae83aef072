"""SPARQL over the built graph, with parameters bound as RDF terms, never spliced in.

Two engines answer the same queries: Oxigraph (pyoxigraph, the default: it parses a
million triples in about 3 s where rdflib takes about a minute) and rdflib. Parameters
are passed as terms: a VALUES block of library-serialized terms, opening the innermost
WHERE block that uses the parameter (both engines).

A query file documents itself in its leading comment lines:

    # What the query answers.
    # param ?name: what to pass (any name variant)
    # param ?n (integer): how many
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

QUERY_DIRS = (Path("queries"), Path(__file__).resolve().parent.parent / "queries")
_PARAM = re.compile(r"^#\s*param\s+\?(\w+)\s*(?:\((\w+)\))?\s*:?\s*(.*)$")
_TYPES = ("string", "iri", "integer", "decimal")
_XSD = "http://www.w3.org/2001/XMLSchema#"
ENGINES = ("oxigraph", "rdflib")


class QueryError(Exception):
    """A problem to report in one line: unknown query, missing parameter, bad syntax."""


@dataclass
class Param:
    name: str
    type: str
    doc: str


@dataclass
class QueryFile:
    path: Path
    text: str
    purpose: str
    params: list[Param] = field(default_factory=list)


def find_query(name: str) -> Path:
    """A query given as a path, or as a name (with or without .rq) in queries/."""
    direct = Path(name)
    if direct.is_file():
        return direct
    stem = name.removesuffix(".rq")
    for folder in QUERY_DIRS:
        candidate = folder / f"{stem}.rq"
        if candidate.is_file():
            return candidate
    known = ", ".join(q.stem for q in available())
    raise QueryError(f"{name}: no such query file or bundled query (bundled: {known})")


def available() -> list[Path]:
    """The bundled queries, by name."""
    seen: dict[str, Path] = {}
    for folder in QUERY_DIRS:
        for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
            seen.setdefault(path.stem, path)
    return sorted(seen.values(), key=lambda p: p.stem)


def load_query(path: Path) -> QueryFile:
    text = path.read_text(encoding="utf-8")
    purpose, params = "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM.match(line)
        if match:
            kind = (match.group(2) or "string").lower()
            if kind not in _TYPES:
                raise QueryError(f"{path}: parameter ?{match.group(1)} has unknown type {kind!r}")
            params.append(Param(match.group(1), kind, match.group(3)))
        elif not purpose:
            purpose = line.lstrip("# ").strip()
    return QueryFile(path, text, purpose, params)


def check_params(query: QueryFile, values: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The user's --param values with their declared types, checked against the header."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(f"{query.path}: unknown parameter {', '.join(unknown)}; it takes: {', '.join(declared) or 'none'}")
    missing = [p for p in query.params if p.name not in values]
    if missing:
        wanted = " ".join(f"--param {p.name}=…" for p in missing)
        raise QueryError(f"{query.path}: missing {wanted} ({missing[0].doc})")
    typed = {k: (declared[k].type, v) for k, v in values.items()}
    for name, (kind, value) in typed.items():
        try:
            {"integer": int, "decimal": float}.get(kind, str)(value)
        except ValueError:
            raise QueryError(f"{query.path}: --param {name} must be {kind}, not {value!r}") from None
    return typed


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _blocks(blanked: str) -> list[tuple[int, int]]:
    """(start, end) of every WHERE { … } block: just inside its braces."""
    spans = []
    for match in _WHERE.finditer(blanked):
        depth, i = 1, match.end()
        while depth and i < len(blanked):
            depth += {"{": 1, "}": -1}.get(blanked[i], 0)
            i += 1
        spans.append((match.end(), i - 1))
    return spans


def with_values(text: str, bindings: dict[str, str]) -> str:
    """The query with `VALUES ?var { term }` opening the innermost WHERE block that uses
    ?var (the top-level one if none does), so a sub-select that looks a name up first
    gets its parameter.

    Terms come serialized by the RDF library (quotes and newlines escaped), so user text
    can never end the literal; `substitutions` would need the variable projected.
    """
    if not bindings:
        return text
    blanked = re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group(0)), text)
    blocks = _blocks(blanked)
    if not blocks:
        raise QueryError("the query has no WHERE { … } block to bind parameters in")
    inserts: dict[int, list[str]] = {}
    for name, term in bindings.items():
        uses = [m.start() for m in re.finditer(rf"[?$]{re.escape(name)}\b", blanked)]
        inside = [min((b for b in blocks if b[0] <= use < b[1]), key=lambda b: b[1] - b[0]) for use in uses
                  if any(b[0] <= use < b[1] for b in blocks)]
        for start in sorted({b[0] for b in inside} or {blocks[0][0]}):
            inserts.setdefault(start, []).append(f"VALUES ?{name} {{ {term} }}")
    for start in sorted(inserts, reverse=True):
        text = text[:start] + " " + " ".join(inserts[start]) + " " + text[start:]
    return text


class OxigraphEngine:
    """pyoxigraph in memory; parameters bound as serialized terms in a VALUES block."""

    def __init__(self, path: Path) -> None:
        self.store = ox.Store()
        self.store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)

    @staticmethod
    def _term(kind: str, value: str):
        if kind == "iri":
            return ox.NamedNode(value)
        if kind in ("integer", "decimal"):
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + kind))
        return ox.Literal(value)

    def select(self, text: str, params: dict[str, tuple[str, str]]) -> tuple[list[str], list[list[str]]]:
        terms = {k: str(self._term(kind, v)) for k, (kind, v) in params.items()}
        solutions = self.store.query(with_values(text, terms))
        names = [v.value for v in solutions.variables]
        return names, [["" if s[n] is None else s[n].value for n in names] for s in solutions]


class RdflibEngine:
    """rdflib in memory; parameters bound as serialized terms in VALUES blocks, as for Oxigraph
    (rdflib's `initBindings` binds only the outer query, never a sub-select)."""

    def __init__(self, path: Path) -> None:
        self.graph = Graph()
        self.graph.parse(path)

    @staticmethod
    def _term(kind: str, value: str):
        return URIRef(value) if kind == "iri" else Literal({"integer": int, "decimal": float}.get(kind, str)(value))

    def select(self, text: str, params: dict[str, tuple[str, str]]) -> tuple[list[str], list[list[str]]]:
        terms = {k: self._term(kind, v).n3() for k, (kind, v) in params.items()}
        result = self.graph.query(with_values(text, terms))
        names = [str(v) for v in result.vars or []]
        return names, [["" if term is None else str(term) for term in row] for row in result]


def load_graph(path: Path, engine: str = "oxigraph"):
    if not path.is_file():
        raise QueryError(f"{path}: no built graph here; run `kgraph build` first or pass --graph")
    try:
        return OxigraphEngine(path) if engine == "oxigraph" else RdflibEngine(path)
    except (OSError, SyntaxError, ValueError) as err:
        raise QueryError(f"{path}: cannot load the graph: {str(err).splitlines()[0]}") from None


def run(engine, query: QueryFile, values: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of plain strings (empty string for unbound)."""
    params = check_params(query, values)
    try:
        return engine.select(query.text, params)
    except Exception as err:  # both engines raise their own error types for bad SPARQL
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise QueryError(f"{query.path}: query failed: {message}") from None


def format_rows(names: list[str], table: list[list[str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(names, row)) for row in table], indent=2, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(table)
        return buffer.getvalue().rstrip("\n")
    widths = [min(60, max([len(n)] + [len(r[i]) for r in table])) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in table]
    out.append(f"({len(table)} row{'s' if len(table) != 1 else ''})")
    return "\n".join(out)
