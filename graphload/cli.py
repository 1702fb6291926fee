"""The graphload command line: typer commands only, each calling one library function."""
from __future__ import annotations

import csv
import functools
import io
import json
import logging
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphload.errors import GraphloadError, UsageError, check_output_path, write_failed
from graphload.graph import DEFAULT_MAX_DF, DEFAULT_MAX_DF_COUNT, DEFAULT_MIN_SCORE, DEFAULT_MIN_SHARED, DEFAULT_TOP_K
from graphload.progress import no_progress
from graphload.store.connection import CONNECT_TIMEOUT_ENV, DEFAULT_CONNECT_TIMEOUT, DEFAULT_URI
from graphload.store.load import DEFAULT_BATCH_SIZE, STALE_AFTER_SECONDS
from graphload.streams import DEFAULT_NLP_BATCH_SIZE

app = typer.Typer(help="Turn research-paper abstracts into a Neo4j knowledge graph.", no_args_is_help=True,
                  add_completion=True, pretty_exceptions_enable=False)
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
                                                 help="Neo4j password (asked for on a terminal when missing). "
                                                      "Prefer NEO4J_PASSWORD or the prompt: options show in `ps`.")]
ConnectTimeout = Annotated[float, typer.Option("--connect-timeout", envvar=CONNECT_TIMEOUT_ENV, min=0.1,
                                               help="Seconds to wait for Neo4j to accept and answer a connection.")]
Database = Annotated[str, typer.Option("--database", envvar="NEO4J_DATABASE", help="Neo4j database.")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Rows per write transaction.")]
NlpBatchSize = Annotated[int, typer.Option("--nlp-batch-size", min=1, help="Texts per spaCy batch.")]
NProcess = Annotated[int, typer.Option("--n-process", min=1, help="Extraction worker processes (the output is "
                                       "the same bytes for any number).")]
MaxDf = Annotated[float, typer.Option("--max-df", min=0.0, help="Entities in more papers than this (fraction < 1, "
                                      "never below sqrt(papers); or a count) make no SHARES_ENTITY links.")]
MaxDfCount = Annotated[int, typer.Option("--max-df-count", min=1, help="Absolute hub limit in papers, at any "
                                         "collection size.")]
MinScore = Annotated[float, typer.Option("--min-score", min=0.0, help="Least score (0-1) a SHARES_ENTITY "
                                         "link needs.")]
MinShared = Annotated[int, typer.Option("--min-shared", min=1, help="Entities two papers must share to link.")]
TopK = Annotated[int, typer.Option("--top-k", min=1, help="SHARES_ENTITY links kept per paper, heaviest first.")]
Format = Annotated[Optional[str], typer.Option("--format", help="Input format (default: detected): "
                                               "hf, jsonl, json, csv, tsv, arxiv, openalex, s2, bibtex.")]
Strict = Annotated[bool, typer.Option("--strict", help="Stop at the first unusable record instead of skipping it.")]
Model = Annotated[Optional[str], typer.Option("--model", help="An installed spaCy pipeline to run our components on.")]
Patterns = Annotated[Optional[list[Path]], typer.Option("--patterns", help="Extra pattern file (JSONL), repeatable.")]


def _fail(message: str, code: int) -> None:
    if state.verbose:
        traceback.print_exc()
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


def handle_errors(command):
    """Every error that reaches the CLI is one red line on stderr that names the fix: exit 2 for
    usage mistakes, 1 for the rest. The traceback only with --verbose."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from neo4j.exceptions import DriverError, Neo4jError
        try:
            return command(*args, **kwargs)
        except UsageError as exc:
            _fail(str(exc), 2)
        except GraphloadError as exc:
            _fail(str(exc), 1)
        except Neo4jError as exc:
            _fail(f"Neo4j refused the request ({exc.code}): {exc.message}; run `graphload doctor` to check the "
                  f"server and schema", 1)
        except DriverError as exc:
            _fail(f"the Neo4j driver failed: {exc}; run `graphload doctor` to check the connection", 1)
        except BrokenPipeError:  # stdout closed early (| head): nothing left to say
            raise typer.Exit(1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(f"{where}{exc.strerror or exc}: check the path and its permissions, and the free disk space", 1)
        except (ValueError, UnicodeError) as exc:
            _fail(f"{exc} (run again with --verbose for the details, and report it if the input looks right)", 1)
    return wrapper


def package_version() -> str:
    """The installed distribution's version (the source tree's when not installed)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("graphload")
    except PackageNotFoundError:
        from graphload import __version__
        return __version__


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"graphload {package_version()}")
        raise typer.Exit()


@app.callback()
def main(quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summaries.")] = False,
         verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Tracebacks and details.")] = False,
         json_output: Annotated[bool, typer.Option("--json", help="Machine-readable summary on stdout.")] = False,
         _version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                                help="Print graphload's version and exit.")] = False):
    """graphload: research papers -> methods, datasets, metrics, repos -> Neo4j.

    Example: graphload ingest examples/hf-papers
    """
    state.quiet, state.verbose, state.json = quiet, verbose, json_output
    # The summaries print every skipped record and warning once; the library's log records of the same
    # lines would print them twice (Python's last-resort handler), so they go nowhere here.
    # The driver's own warnings ("Unable to retrieve routing information") repeat what our one line says.
    for name in ("graphload", "neo4j"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
    driver_log = logging.getLogger("neo4j")
    if verbose and not any(type(h) is logging.StreamHandler for h in driver_log.handlers):
        # the driver's retry warnings (deadlocks between concurrent runs, retried) are details
        driver_log.addHandler(logging.StreamHandler(sys.stderr))


def settings_from(uri: str, user: str, password: Optional[str], database: str,
                  connect_timeout: float = DEFAULT_CONNECT_TIMEOUT):
    from graphload.store.connection import Neo4jSettings, check_uri
    check_uri(uri)  # a wrong URI is a usage error, said before any prompt
    settings = Neo4jSettings(uri=uri, user=user, password=password or "", database=database,
                             connect_timeout=connect_timeout)
    if not password and sys.stdin.isatty():
        password = typer.prompt(f"Password for {user} at {settings.shown_uri}", hide_input=True)
        settings = Neo4jSettings(uri=uri, user=user, password=password or "", database=database,
                                 connect_timeout=connect_timeout)
    return settings


@contextmanager
def _rich_progress(description: str, total: int | None = None):
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(description, total=total)

        class Bar:
            def advance(self, amount: int = 1) -> None:
                progress.advance(task, amount)

            def set_total(self, total: int) -> None:
                progress.update(task, total=total)
        yield Bar()


def progress_factory():
    return no_progress if state.quiet or state.json else _rich_progress


def is_id_column(key: str) -> bool:
    """Columns whose values people copy (a paper id, an entity key): never wrapped or cut.
    Lists of ids fold like other columns, between items when they can."""
    return key in ("id", "key") or key.endswith(("_id", "_key"))


def result_table(keys: list[str], rows: list[dict]) -> Table:
    """A query's rows as a table that keeps id columns whole (no wrap, as wide as their longest value)
    and folds the other columns instead, whatever the terminal's width."""
    cells = [[json.dumps(v, default=str, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)
              for v in (row[k] for k in keys)] for row in rows]
    table = Table()
    for i, key in enumerate(keys):
        if is_id_column(key):
            width = max([len(key)] + [len(row[i]) for row in cells])
            table.add_column(key, no_wrap=True, min_width=width, overflow="ignore")
        else:
            table.add_column(key, overflow="fold")
    for row in cells:
        table.add_row(*row)
    return table


def print_summary(stats) -> None:
    if state.json:
        out.print_json(json.dumps(stats.to_dict()))
        return
    if state.quiet:
        return
    table = Table(title=f"graphload run {stats.run_id}" if stats.run_id else "graphload bulk export", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, count in stats.labels.items():
        table.add_row(f"(:{label})", str(count))
    for rel, count in stats.relationships.items():
        table.add_row(f"[:{rel}]", str(count))
    table.add_row("papers written", str(stats.papers))
    table.add_row("skipped records", str(stats.skipped))
    table.add_row("without an abstract", str(stats.without_abstract))
    table.add_row("truncated", str(stats.truncated))
    err.print(table)
    for stage, seconds in stats.seconds.items():
        rate = stats.rate(stage)
        err.print(f"  {stage:8} {seconds:7.2f} s" + (f"  {rate:,.0f} rows/s" if rate else ""))
    if stats.known_names:
        err.print(f"  looked for {stats.known_names:,} names that papers already in the graph introduced or defined")
    print_relink(stats.relink)
    print_hubs(stats.hubs, stats.hub_limit)
    print_read_notes(stats.skipped_records, stats.warnings)
    if stats.interrupted_runs:
        err.print(f"  marked {len(stats.interrupted_runs)} earlier run(s) interrupted (running, but no heartbeat for "
                  f"{STALE_AFTER_SECONDS // 60} minutes): {', '.join(stats.interrupted_runs)}", highlight=False)



def print_relink(relink: dict) -> None:
    """One line on how the links were brought up to date."""
    if not relink:
        return
    how = (f"full rebuild ({relink['reason']}), N = {relink['n_ref']:,}" if relink["mode"] == "full" else
           f"incremental under N = {relink['n_ref']:,} (now {relink['papers']:,}): {relink['rows']:,} papers' "
           f"links recomputed, {relink.get('merged_rows', 0):,} merged with new pairs, "
           f"{relink.get('room_rows', 0):,} took new pairs and {relink.get('floor_rows', 0):,} kept theirs by "
           f"their pick state")
    err.print(f"  links: {how}; SHARES_ENTITY {relink['shares_created']:,} created, {relink['shares_updated']:,} "
              f"updated, {relink['shares_deleted']:,} deleted", highlight=False)


def print_hubs(hubs: list[dict], limit: int, most: int = 10) -> None:
    """Name the entities too common to link, so a user knows why two papers on ImageNet are not linked."""
    if not hubs:
        return
    names = ", ".join(f"{h['name']} ({h['paper_count']})" for h in hubs[:most])
    more = f" and {len(hubs) - most} more" if len(hubs) > most else ""
    err.print(f"  held back as hubs (in more than {limit} papers, no SHARES_ENTITY links): {escape(names)}{more}",
              highlight=False)


def print_read_notes(skipped: list[tuple[str, str]], warnings: list[str], most: int = 20) -> None:
    """Each skipped record and warning once (the first `most` of each, then how many more)."""
    for source, reason in skipped[:most]:
        err.print(f"  [yellow]skipped[/yellow] {escape(f'{source}: {reason}')}", highlight=False)
    if len(skipped) > most:
        err.print(f"  ... and {len(skipped) - most} more skipped records (--json lists them all)", highlight=False)
    for warning in warnings[:most]:
        err.print(f"  [yellow]warning[/yellow] {escape(warning)}", highlight=False)
    if len(warnings) > most:
        err.print(f"  ... and {len(warnings) - most} more warnings (--json lists them all)", highlight=False)


@app.command()
@handle_errors
def ingest(inputs: Annotated[list[str], typer.Argument(help="Files, folders or - (stdin).")],
           uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
           database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT,
           format: Format = None, strict: Strict = False, model: Model = None,
           patterns: Patterns = None, batch_size: BatchSize = DEFAULT_BATCH_SIZE, max_df: MaxDf = DEFAULT_MAX_DF,
           min_shared: MinShared = DEFAULT_MIN_SHARED, top_k: TopK = DEFAULT_TOP_K,
           max_df_count: MaxDfCount = DEFAULT_MAX_DF_COUNT, min_score: MinScore = DEFAULT_MIN_SCORE,
           nlp_batch_size: NlpBatchSize = DEFAULT_NLP_BATCH_SIZE, n_process: NProcess = 1,
           graph_names: Annotated[bool, typer.Option(
               help="Also look for the names that papers already in the graph introduced or defined.")] = True):
    """Read papers, extract entities, load and link them in Neo4j.

    Example: graphload ingest examples/hf-papers --max-df 0.05
    """
    from graphload.ingest import ingest as run_ingest
    settings = settings_from(uri, user, password, database, connect_timeout)
    stats = run_ingest(inputs, settings, format=format, strict=strict, model=model, patterns=patterns or (),
                       batch_size=batch_size, max_df=max_df,
                       min_shared=min_shared, top_k=top_k, max_df_cap=max_df_count, min_score=min_score,
                       nlp_batch_size=nlp_batch_size, n_process=n_process, graph_names=graph_names,
                       progress=progress_factory())
    print_summary(stats)


@app.command()
@handle_errors
def load(files: Annotated[list[Path], typer.Argument(help="JSONL written by graphload extract, or folders "
                                                            "of its shards.")],
         uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
         database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT,
         batch_size: BatchSize = DEFAULT_BATCH_SIZE, max_df: MaxDf = DEFAULT_MAX_DF,
         min_shared: MinShared = DEFAULT_MIN_SHARED, top_k: TopK = DEFAULT_TOP_K,
         max_df_count: MaxDfCount = DEFAULT_MAX_DF_COUNT, min_score: MinScore = DEFAULT_MIN_SCORE):
    """Load extracted papers (graphload extract output) and link them.

    Example: graphload load papers.extracted.jsonl   (or a folder of graphload extract --dask shards)
    """
    from graphload.ingest import load as run_load
    settings = settings_from(uri, user, password, database, connect_timeout)
    stats = run_load(files, settings, batch_size=batch_size, max_df=max_df,
                     min_shared=min_shared, top_k=top_k, max_df_cap=max_df_count, min_score=min_score,
                     progress=progress_factory())
    print_summary(stats)


@app.command()
@handle_errors
def extract(inputs: Annotated[list[str], typer.Argument(help="Files, folders or - (stdin).")],
            output: Annotated[str, typer.Option("--output", "-o", help="JSONL file, or - for stdout (with "
                                                "--dask: a .jsonl file, or a folder for one shard a partition).")] = "-",
            format: Format = None, strict: Strict = False, model: Model = None, patterns: Patterns = None,
            nlp_batch_size: NlpBatchSize = DEFAULT_NLP_BATCH_SIZE, n_process: NProcess = 1,
            dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS", help="Extract on a Dask "
                            "cluster: its scheduler's address, or local (a local cluster of --n-process workers, "
                            "default one per core). Needs the dask extra: graphload\\[dask].")] = None,
            partitions: Annotated[Optional[int], typer.Option("--partitions", min=1, help="Dask partitions "
                                  "(default: one per 2,000 papers).")] = None):
    """Find methods, datasets, metrics and repos in papers; write one JSON object per paper.

    Example: graphload extract examples/hf-papers -o papers.extracted.jsonl
    """
    from graphload.ingest import extract_to_jsonl
    if partitions and not dask:
        err.print("Usage: --partitions needs --dask (--n-process sets the worker processes)")
        raise typer.Exit(2)
    count, report = extract_to_jsonl(inputs, output, format=format, strict=strict, model=model,
                                     patterns=patterns or (), nlp_batch_size=nlp_batch_size, n_process=n_process,
                                     dask=dask, partitions=partitions, progress=progress_factory())
    if state.json:
        out.print_json(json.dumps({"papers": count, **report.to_dict(),
                                   "skipped_records": [{"source": s, "reason": r} for s, r in report.skipped],
                                   "warnings": report.warnings}))
    elif not state.quiet:
        err.print(f"{count} papers extracted, {len(report.skipped)} records skipped, {report.duplicates} duplicates "
                  f"merged, {report.without_abstract} without an abstract, {report.truncated} truncated")
        print_read_notes(report.skipped, report.warnings)


@app.command("bulk-export")
@handle_errors
def bulk_export(inputs: Annotated[list[str], typer.Argument(help="Files or folders to read and extract, or "
                                                              "graphload extract output (JSONL).")],
                out_dir: Annotated[Path, typer.Option("--out", help="Folder for the import files (new, empty, or "
                                                                    "an earlier export's).")],
                format: Format = None, strict: Strict = False, model: Model = None, patterns: Patterns = None,
                max_df: MaxDf = DEFAULT_MAX_DF, min_shared: MinShared = DEFAULT_MIN_SHARED, top_k: TopK = DEFAULT_TOP_K,
                max_df_count: MaxDfCount = DEFAULT_MAX_DF_COUNT, min_score: MinScore = DEFAULT_MIN_SCORE,
                nlp_batch_size: NlpBatchSize = DEFAULT_NLP_BATCH_SIZE, n_process: NProcess = 1):
    """Write a neo4j-admin database import file set (papers, entities, MENTIONS, links, import.args).

    Example: graphload bulk-export examples/hf-papers --out out/bulk && scripts/neo4j-local import out/bulk
    """
    from graphload.bulk import bulk_export as run_bulk_export
    stats = run_bulk_export(inputs, out_dir, format=format, strict=strict, model=model, patterns=patterns or (),
                            max_df=max_df, min_shared=min_shared, top_k=top_k, max_df_cap=max_df_count,
                            min_score=min_score, nlp_batch_size=nlp_batch_size,
                            n_process=n_process, progress=progress_factory())
    print_summary(stats)


@app.command()
@handle_errors
def relink(full: Annotated[bool, typer.Option("--full", help="Recompute every link from the whole graph, under "
                                                            "the N it has now.")] = False,
           uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
           database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT,
           max_df: MaxDf = DEFAULT_MAX_DF, min_shared: MinShared = DEFAULT_MIN_SHARED, top_k: TopK = DEFAULT_TOP_K,
           max_df_count: MaxDfCount = DEFAULT_MAX_DF_COUNT, min_score: MinScore = DEFAULT_MIN_SCORE):
    """Bring the links up to date: only what papers written since the last relink change, or all with --full.

    Example: graphload relink --full
    """
    from graphload.ingest import relink as run_relink
    settings = settings_from(uri, user, password, database, connect_timeout)
    result = run_relink(settings, full=full, max_df=max_df, min_shared=min_shared, top_k=top_k,
                        max_df_cap=max_df_count, min_score=min_score, progress=progress_factory())
    if state.json:
        out.print_json(json.dumps(result.to_dict()))
    elif not state.quiet:
        print_relink(result.to_dict())
        print_hubs(result.hubs, result.hub_limit)


@app.command()
@handle_errors
def schema(uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
           database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT,
           wait: Annotated[bool, typer.Option("--wait", help="Return only once every index is online (after a bulk "
                                                            "import the server builds them in the background: about "
                                                            "a minute at 1M papers).")] = False):
    """Create graphload's constraints and indexes (safe to repeat).

    Example: graphload schema --uri bolt://localhost:7687
    """
    from graphload.store import apply_schema, await_indexes, connect
    settings = settings_from(uri, user, password, database, connect_timeout)
    with connect(settings) as driver:
        count = apply_schema(driver, settings.database)
        if wait:
            await_indexes(driver, settings.database)
    if not state.quiet:
        err.print(f"schema applied: {count} constraints and indexes" + (", all online" if wait else ""))


@app.command()
@handle_errors
def stats(uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
          database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT,
          top: Annotated[int, typer.Option("--top", min=1)] = 5):
    """Counts per label and relationship, and the top entities of each type.

    Example: graphload stats --top 10
    """
    from graphload.store.admin import graph_stats
    from graphload.store import connect
    settings = settings_from(uri, user, password, database, connect_timeout)
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
           database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT):
    """Check connection, auth, database, server version and schema; say what to fix.

    Example: graphload doctor --uri neo4j+s://xxxx.databases.neo4j.io
    """
    from graphload.store.admin import doctor as diagnose
    diagnosis = diagnose(settings_from(uri, user, password, database, connect_timeout))
    for check in diagnosis.checks:
        mark = "[green]ok[/green]  " if check.ok else "[red]FAIL[/red]"
        out.print(f"{mark} {check.name}: {check.detail}", highlight=False)
    if not diagnosis.ok:
        raise typer.Exit(1)


RESET_SAYS = ("graphload reset deletes graphload's nodes (:Paper, :Entity, :Method, :Dataset, :Metric, :Repo, "
              ":IngestRun, :GraphloadLock, :GraphloadLinkState), their relationships and graphload's constraints and "
              "indexes; nothing else")


@app.command()
@handle_errors
def reset(yes: Annotated[bool, typer.Option("--yes", help="Confirm: really delete.")] = False,
          everything: Annotated[bool, typer.Option("--all", help="Delete every node and relationship of the "
                                                   "database, graphload's or not (and graphload's schema).")] = False,
          uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
          database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT):
    """Delete graphload's nodes (:Paper, :Entity and its :Method, :Dataset, :Metric, :Repo, :IngestRun,
    :GraphloadLock and :GraphloadLinkState),
    their relationships and graphload's constraints and indexes. Other labels, relationship types and
    indexes stay; a node that also has a label of its own only loses graphload's labels. --all deletes
    every node and relationship of the database. Refuses without --yes; prints what it deleted.

    Example: graphload reset --yes
    """
    if not yes:
        what = ("graphload reset --all deletes every node and relationship of the database, graphload's or not, "
                "and graphload's constraints and indexes") if everything else RESET_SAYS
        err.print(f"{what}; run it again with --yes to confirm", highlight=False)
        raise typer.Exit(2)
    from graphload.store.admin import reset as delete_graph
    from graphload.store import connect
    settings = settings_from(uri, user, password, database, connect_timeout)
    with connect(settings) as driver:
        report = delete_graph(driver, settings.database, everything=everything)
    if state.json:
        out.print_json(json.dumps(report.to_dict()))
    elif not state.quiet:
        err.print(report.describe(), highlight=False)


@app.command(add_help_option=False)
@handle_errors
def query(ctx: typer.Context,
          name: Annotated[Optional[str], typer.Argument(help="A query of cypher/queries/ (see --list).")] = None,
          param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="name=value, repeatable; typed "
                                                             "as the query declares (graphload query NAME --help).")] = None,
          output_format: Annotated[Optional[str], typer.Option("--format", show_default=False, help="table, json or "
                                                               "csv (default: table; json with the global --json).")] = None,
          list_: Annotated[bool, typer.Option("--list", help="List the prepared queries.")] = False,
          uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
          database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT,
          help_: Annotated[bool, typer.Option("--help", help="Show this message and exit; with NAME: that query's "
                                              "parameters.")] = False):
    """Run a prepared query (the same files you paste into Neo4j Browser). Text parameters (ids, names,
    search text) are required; numbers (limits) default to the value in the query's header.

    Example: graphload query top_datasets --param limit=5
    """
    from graphload.store.queries import list_queries, parse_params, prepared_query, run_query
    if help_:
        typer.echo(prepared_query(name).help_text() if name else ctx.get_help())
        return
    if list_:
        for prepared in list_queries():
            typer.echo(f"{prepared.name:26} {prepared.description}")
        return
    if not name:
        err.print("Usage: graphload query NAME [--param name=value ...]  (graphload query --list shows the names)")
        raise typer.Exit(2)
    output_format = output_format or ("json" if state.json else "table")
    if output_format not in ("table", "json", "csv"):
        err.print(f"Usage: --format must be table, json or csv, not {output_format!r}")
        raise typer.Exit(2)
    params = parse_params(name, param or [])
    from graphload.store import connect
    from graphload.store.queries import query_values
    query_values(prepared_query(name), params)  # a missing parameter is said before connecting
    settings = settings_from(uri, user, password, database, connect_timeout)
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
        out.print(result_table(keys, rows))


@app.command()
@handle_errors
def export(output: Annotated[Path, typer.Option("--out", help="File to write (csv: <out>-nodes.csv, <out>-edges.csv).")],
           export_format: Annotated[str, typer.Option("--format", help="graphml, gexf, json, edgelist or csv.")] = "graphml",
           projection: Annotated[str, typer.Option("--projection", help="full: everything; papers: paper-paper links.")] = "full",
           source: Annotated[str, typer.Option("--from", help="neo4j, or an extraction JSONL file.")] = "neo4j",
           uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
           database: Database = "neo4j", connect_timeout: ConnectTimeout = DEFAULT_CONNECT_TIMEOUT):
    """Export the graph for NetworkX, Gephi or Cytoscape.

    Example: graphload export --format graphml --out graph.graphml
    """
    from graphload.export import FORMATS, paper_graph, to_networkx, write_graph
    if export_format not in FORMATS or projection not in ("full", "papers"):
        err.print(f"Usage: --format is one of {', '.join(FORMATS)}; --projection is full or papers")
        raise typer.Exit(2)
    check_output_path(output, "--out")  # before reading the graph, not after
    if source == "neo4j":
        from graphload.store import connect
        settings = settings_from(uri, user, password, database, connect_timeout)
        with connect(settings) as driver:
            graph = to_networkx(driver=driver, database=settings.database)
    else:
        from graphload.corpus import ReadReport
        report = ReadReport()
        graph = to_networkx(source, report=report)
        if not state.quiet:
            print_read_notes(report.skipped, report.warnings)
    if projection == "papers":
        graph = paper_graph(graph)
    try:
        written = write_graph(graph, export_format, output)
    except OSError as exc:
        raise write_failed(output, exc, "--out") from None
    if not state.quiet:
        err.print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> "
                  + ", ".join(str(p) for p in written))


@app.command()
@handle_errors
def show(paper_id: Annotated[str, typer.Argument(help="The paper's id (graphload query search_papers finds it).")],
         source: Annotated[str, typer.Option("--from", help="neo4j, or an extraction JSONL file.")] = "neo4j",
         uri: Uri = DEFAULT_URI, user: User = "neo4j", password: Password = None,
         database: Database = "neo4j"):
    """A paper's title and each entity found in it: type, rule, and the sentence with the name in [[ ]].

    Example: graphload show 2401.01234 --from out/papers.jsonl
    """
    from graphload.provenance import show_paper
    if source == "neo4j":
        from graphload.store import connect
        settings = settings_from(uri, user, password, database)
        with connect(settings) as driver:
            evidence = show_paper(paper_id, driver=driver, database=settings.database)
    else:
        evidence = show_paper(paper_id, source)
    if state.json:
        out.print_json(json.dumps(evidence.to_dict(), ensure_ascii=False))
        return
    typer.echo(f"{evidence.id}  {evidence.title}")
    if not evidence.entities:
        typer.echo("  (no entities found)")
    for entity in evidence.entities:
        where = f"{entity.field} {entity.start}-{entity.end}" if entity.field else "no offsets"
        typer.echo(f"  {entity.type:8} {entity.name}  ({entity.rule or 'no rule'}, {where})")
        if entity.marked:
            typer.echo(f"           {entity.marked}")
