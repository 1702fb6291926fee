"""The graphload command line: typer commands only, each calling one library function."""
from __future__ import annotations

import csv
import functools
import io
import json
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphload.errors import GraphloadError
from graphload.graph import DEFAULT_MAX_DF, DEFAULT_MIN_SHARED, DEFAULT_TOP_K
from graphload.progress import no_progress
from graphload.store.connection import DEFAULT_URI
from graphload.store.load import DEFAULT_BATCH_SIZE
from graphload.streams import DEFAULT_NLP_BATCH_SIZE

app = typer.Typer(help="Turn research-paper abstracts into a Neo4j knowledge graph.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


class State:
    quiet = False
    verbose = False
    json = False


state = State()

# Options declared once, used by every command that talks to Neo4j.
Uri = Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="Bolt URI (bolt://, neo4j://, bolt+s://, neo4j+s://).")]
User = Annotated[str, typer.Option("--user", envvar="NEO4J_USERNAME", help="Neo4j user.")]
Password = Annotated[Optional[str], typer.Option("--password", envvar="NEO4J_PASSWORD", show_default=False,
                                                 help="Neo4j password (asked for on a terminal when missing).")]
Database = Annotated[str, typer.Option("--database", envvar="NEO4J_DATABASE", help="Neo4j database.")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Rows per write transaction.")]
NlpBatchSize = Annotated[int, typer.Option("--nlp-batch-size", min=1, help="Texts per spaCy batch.")]
NProcess = Annotated[int, typer.Option("--n-process", min=1, help="spaCy worker processes.")]
MaxDf = Annotated[float, typer.Option("--max-df", min=0.0, help="Entities in more papers than this (fraction < 1, "
                                      "or a count) make no SHARES_ENTITY links.")]
MinShared = Annotated[int, typer.Option("--min-shared", min=1, help="Entities two papers must share to link.")]
TopK = Annotated[int, typer.Option("--top-k", min=1, help="SHARES_ENTITY links kept per paper, heaviest first.")]
Format = Annotated[Optional[str], typer.Option("--format", help="Input format (default: detected): "
                                               "hf, jsonl, json, csv, tsv, arxiv, openalex, s2, bibtex.")]
Strict = Annotated[bool, typer.Option("--strict", help="Stop at the first unusable record instead of skipping it.")]
Model = Annotated[Optional[str], typer.Option("--model", help="An installed spaCy pipeline to run our components on.")]
Patterns = Annotated[Optional[list[Path]], typer.Option("--patterns", help="Extra pattern file (JSONL), repeatable.")]


def handle_errors(command):
    """GraphloadError -> one red line on stderr and exit 1; the traceback only with --verbose."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except GraphloadError as exc:
            if state.verbose:
                traceback.print_exc()
            err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True, soft_wrap=True)
            raise typer.Exit(1)
    return wrapper


@app.callback()
def main(quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summaries.")] = False,
         verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Tracebacks and details.")] = False,
         json_output: Annotated[bool, typer.Option("--json", help="Machine-readable summary on stdout.")] = False):
    """graphload: research papers -> methods, datasets, metrics, repos -> Neo4j.

    Example: graphload ingest examples/hf-papers
    """
    state.quiet, state.verbose, state.json = quiet, verbose, json_output


def settings_from(uri: str, user: str, password: Optional[str], database: str):
    from graphload.store.connection import Neo4jSettings
    if not password and sys.stdin.isatty():
        password = typer.prompt(f"Password for {user} at {uri}", hide_input=True)
    return Neo4jSettings(uri=uri, user=user, password=password or "", database=database)


@contextmanager
def _rich_progress(description: str, total: int | None = None):
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(description, total=total)

        class Bar:
            def advance(self, amount: int = 1) -> None:
                progress.advance(task, amount)
        yield Bar()


def progress_factory():
    return no_progress if state.quiet or state.json else _rich_progress


def print_summary(stats) -> None:
    if state.json:
        out.print_json(json.dumps(stats.to_dict()))
        return
    if state.quiet:
        return
    table = Table(title=f"graphload run {stats.run_id}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, count in stats.labels.items():
        table.add_row(f"(:{label})", str(count))
    for rel, count in stats.relationships.items():
        table.add_row(f"[:{rel}]", str(count))
    table.add_row("papers written", str(stats.papers))
    table.add_row("skipped records", str(stats.skipped))
    err.print(table)
    for stage, seconds in stats.seconds.items():
        rate = stats.rate(stage)
        err.print(f"  {stage:8} {seconds:7.2f} s" + (f"  {rate:,.0f} rows/s" if rate else ""))
    print_skipped(stats.skipped_records)


def print_skipped(skipped: list[tuple[str, str]], most: int = 20) -> None:
    for source, reason in skipped[:most]:
        err.print(f"  [yellow]skipped[/yellow] {source}: {reason}", highlight=False)


@app.command()
@handle_errors
def ingest(inputs: Annotated[list[str], typer.Argument(help="Files, folders or - (stdin).")],
           uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
           database: Database = "neo4j", format: Format = None, strict: Strict = False, model: Model = None,
           patterns: Patterns = None, batch_size: BatchSize = DEFAULT_BATCH_SIZE, max_df: MaxDf = DEFAULT_MAX_DF,
           min_shared: MinShared = DEFAULT_MIN_SHARED, top_k: TopK = DEFAULT_TOP_K,
           nlp_batch_size: NlpBatchSize = DEFAULT_NLP_BATCH_SIZE, n_process: NProcess = 1):
    """Read papers, extract entities, load and link them in Neo4j.

    Example: graphload ingest examples/hf-papers --max-df 0.05
    """
    from graphload.ingest import ingest as run_ingest
    stats = run_ingest(inputs, settings_from(uri, user, password, database), format=format, strict=strict,
                       model=model, patterns=patterns or (), batch_size=batch_size, max_df=max_df,
                       min_shared=min_shared, top_k=top_k, nlp_batch_size=nlp_batch_size, n_process=n_process,
                       progress=progress_factory())
    print_summary(stats)


@app.command()
@handle_errors
def load(files: Annotated[list[Path], typer.Argument(help="JSONL written by graphload extract.")],
         uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
         database: Database = "neo4j", batch_size: BatchSize = DEFAULT_BATCH_SIZE, max_df: MaxDf = DEFAULT_MAX_DF,
         min_shared: MinShared = DEFAULT_MIN_SHARED, top_k: TopK = DEFAULT_TOP_K):
    """Load extracted papers (graphload extract output) and link them.

    Example: graphload load papers.extracted.jsonl
    """
    from graphload.ingest import load as run_load
    stats = run_load(files, settings_from(uri, user, password, database), batch_size=batch_size, max_df=max_df,
                     min_shared=min_shared, top_k=top_k, progress=progress_factory())
    print_summary(stats)


@app.command()
@handle_errors
def extract(inputs: Annotated[list[str], typer.Argument(help="Files, folders or - (stdin).")],
            output: Annotated[str, typer.Option("--output", "-o", help="JSONL file, or - for stdout.")] = "-",
            format: Format = None, strict: Strict = False, model: Model = None, patterns: Patterns = None,
            nlp_batch_size: NlpBatchSize = DEFAULT_NLP_BATCH_SIZE, n_process: NProcess = 1):
    """Find methods, datasets, metrics and repos in papers; write one JSON object per paper.

    Example: graphload extract examples/hf-papers -o papers.extracted.jsonl
    """
    from graphload.ingest import extract_to_jsonl
    count, report = extract_to_jsonl(inputs, output, format=format, strict=strict, model=model,
                                     patterns=patterns or (), nlp_batch_size=nlp_batch_size, n_process=n_process,
                                     progress=progress_factory())
    if not state.quiet:
        err.print(f"{count} papers extracted, {len(report.skipped)} records skipped, {report.duplicates} duplicates merged")
        print_skipped(report.skipped)


@app.command()
@handle_errors
def schema(uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
           database: Database = "neo4j"):
    """Create graphload's constraints and indexes (safe to repeat).

    Example: graphload schema --uri bolt://localhost:7687
    """
    from graphload.store import apply_schema, connect
    settings = settings_from(uri, user, password, database)
    with connect(settings) as driver:
        count = apply_schema(driver, settings.database)
    err.print(f"schema applied: {count} constraints and indexes") if not state.quiet else None


@app.command()
@handle_errors
def stats(uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
          database: Database = "neo4j", top: Annotated[int, typer.Option("--top", min=1)] = 5):
    """Counts per label and relationship, and the top entities of each type.

    Example: graphload stats --top 10
    """
    from graphload.store.admin import graph_stats
    from graphload.store import connect
    settings = settings_from(uri, user, password, database)
    with connect(settings) as driver:
        result = graph_stats(driver, settings.database, top)
    if state.json:
        out.print_json(json.dumps(result))
        return
    for label, count in result["labels"].items():
        typer.echo(f"(:{label})\t{count}")
    for rel, count in result["relationships"].items():
        typer.echo(f"[:{rel}]\t{count}")
    for entity_type, rows in result["top_entities"].items():
        typer.echo(f"top {entity_type}: " + ", ".join(f"{r['name']} ({r['papers']})" for r in rows))


@app.command()
@handle_errors
def doctor(uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
           database: Database = "neo4j"):
    """Check connection, auth, database, server version and schema; say what to fix.

    Example: graphload doctor --uri neo4j+s://xxxx.databases.neo4j.io
    """
    from graphload.store.admin import doctor as diagnose
    diagnosis = diagnose(settings_from(uri, user, password, database))
    for check in diagnosis.checks:
        mark = "[green]ok[/green]  " if check.ok else "[red]FAIL[/red]"
        out.print(f"{mark} {check.name}: {check.detail}", highlight=False)
    if not diagnosis.ok:
        raise typer.Exit(1)


@app.command()
@handle_errors
def reset(yes: Annotated[bool, typer.Option("--yes", help="Really delete every node and relationship.")] = False,
          uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
          database: Database = "neo4j"):
    """Empty the graph (constraints and indexes stay). Refuses without --yes.

    Example: graphload reset --yes
    """
    if not yes:
        err.print("graphload reset deletes every node and relationship; run it again with --yes to confirm")
        raise typer.Exit(2)
    from graphload.store.admin import reset as empty
    from graphload.store import connect
    settings = settings_from(uri, user, password, database)
    with connect(settings) as driver:
        empty(driver, settings.database)
    err.print(f"database {settings.database!r} emptied") if not state.quiet else None


@app.command()
@handle_errors
def query(name: Annotated[Optional[str], typer.Argument(help="A query of cypher/queries/ (see --list).")] = None,
          param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="key=value, repeatable.")] = None,
          output_format: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
          list_: Annotated[bool, typer.Option("--list", help="List the prepared queries.")] = False,
          uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
          database: Database = "neo4j"):
    """Run a prepared query (the same files you paste into Neo4j Browser).

    Example: graphload query top_datasets --param limit=5
    """
    from graphload.store.queries import list_queries, parse_param, run_query
    if list_:
        for prepared in list_queries():
            typer.echo(f"{prepared.name:26} {prepared.description}")
        return
    if not name:
        err.print("Usage: graphload query NAME [--param key=value ...]  (graphload query --list shows the names)")
        raise typer.Exit(2)
    if output_format not in ("table", "json", "csv"):
        err.print(f"Usage: --format must be table, json or csv, not {output_format!r}")
        raise typer.Exit(2)
    params = dict(parse_param(p) for p in param or [])
    from graphload.store import connect
    settings = settings_from(uri, user, password, database)
    with connect(settings) as driver:
        keys, rows = run_query(driver, settings.database, name, params)
    if output_format == "json":
        out.print_json(json.dumps(rows, default=str))
    elif output_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=keys)
        writer.writeheader()
        writer.writerows({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in r.items()} for r in rows)
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(*keys)
        for row in rows:
            table.add_row(*(json.dumps(v, default=str) if isinstance(v, (list, dict)) else str(v) for v in row.values()))
        out.print(table)


@app.command()
@handle_errors
def export(output: Annotated[Path, typer.Option("--out", help="File to write (csv: <out>-nodes.csv, <out>-edges.csv).")],
           export_format: Annotated[str, typer.Option("--format", help="graphml, gexf, json, edgelist or csv.")] = "graphml",
           projection: Annotated[str, typer.Option("--projection", help="full: everything; papers: paper-paper links.")] = "full",
           source: Annotated[str, typer.Option("--from", help="neo4j, or an extraction JSONL file.")] = "neo4j",
           uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
           database: Database = "neo4j"):
    """Export the graph for NetworkX, Gephi or Cytoscape.

    Example: graphload export --format graphml --out graph.graphml
    """
    from graphload.export import FORMATS, paper_graph, to_networkx, write_graph
    if export_format not in FORMATS or projection not in ("full", "papers"):
        err.print(f"Usage: --format is one of {', '.join(FORMATS)}; --projection is full or papers")
        raise typer.Exit(2)
    if source == "neo4j":
        from graphload.store import connect
        settings = settings_from(uri, user, password, database)
        with connect(settings) as driver:
            graph = to_networkx(driver=driver, database=settings.database)
    else:
        from graphload.corpus import ReadReport
        report = ReadReport()
        graph = to_networkx(source, report=report)
        if not state.quiet:
            print_skipped(report.skipped)
    if projection == "papers":
        graph = paper_graph(graph)
    written = write_graph(graph, export_format, output)
    if not state.quiet:
        err.print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> "
                  + ", ".join(str(p) for p in written))
