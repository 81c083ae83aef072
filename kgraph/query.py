"""SPARQL over the built graph, with parameters bound as RDF terms, never spliced in.

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

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.query import Result

QUERY_DIRS = (Path("queries"), Path(__file__).resolve().parent.parent / "queries")
_PARAM = re.compile(r"^#\s*param\s+\?(\w+)\s*(?:\((\w+)\))?\s*:?\s*(.*)$")
_TYPES = {"string": Literal, "iri": URIRef, "integer": lambda v: Literal(int(v)),
          "decimal": lambda v: Literal(float(v))}


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


def bind(query: QueryFile, values: dict[str, str]) -> dict[Variable, object]:
    """RDF terms for the user's --param values, checked against the query's header."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(f"{query.path}: unknown parameter {', '.join(unknown)}; it takes: {', '.join(declared) or 'none'}")
    missing = [p for p in query.params if p.name not in values]
    if missing:
        wanted = " ".join(f"--param {p.name}=…" for p in missing)
        raise QueryError(f"{query.path}: missing {wanted} ({missing[0].doc})")
    try:
        return {Variable(k): _TYPES[declared[k].type](v) for k, v in values.items()}
    except ValueError as err:
        raise QueryError(f"{query.path}: bad parameter value: {err}") from None


def load_graph(path: Path) -> Graph:
    if not path.is_file():
        raise QueryError(f"{path}: no built graph here; run `kgraph build` first or pass --graph")
    graph = Graph()
    graph.parse(path)
    return graph


def run(graph: Graph, query: QueryFile, values: dict[str, str]) -> Result:
    bindings = bind(query, values)
    try:
        return graph.query(query.text, initBindings=bindings)
    except Exception as err:  # rdflib raises pyparsing errors and others for bad SPARQL
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise QueryError(f"{query.path}: query failed: {message}") from None


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of plain strings (empty string for unbound)."""
    names = [str(v) for v in result.vars or []]
    return names, [["" if term is None else str(term) for term in row] for row in result]


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
