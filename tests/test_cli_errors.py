"""Issue 11: one clear line for every mistake, with the right exit code (no server needed).

Exact messages and exit codes; servers that misbehave are local sockets on 127.0.0.1.
"""
import socket
import threading
from pathlib import Path

import pytest

from graphload.store.connection import Neo4jSettings, display_uri
from graphload.store.queries import parse_params, prepared_query
from cli_support import invoke

FIXTURES = Path(__file__).parent / "fixtures"
LISTING = FIXTURES / "corpus" / "listing_blank.txt"
EXTRACTED = FIXTURES / "graph" / "corpus.jsonl"


def help_text(*args) -> str:
    """A command's help as one line of words, the boxes rich draws around it taken out."""
    return " ".join(invoke(*args).output.replace("\u2502", " ").split())


def error_lines(result):
    return [line for line in result.output.splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def silent_server():
    """A server on 127.0.0.1 that accepts TCP connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


# Item 6 and 7: query parameters are typed by the query's header; bad values are usage errors.

@pytest.mark.parametrize("value, message", [
    ("abc", "error: --param limit=abc: limit is a whole number from 0 to 9223372036854775807 (e.g. limit=20)"),
    ("-1", "error: --param limit=-1: limit is a whole number from 0 to 9223372036854775807 (e.g. limit=20)"),
    ("123456789012345678901234567890", "error: --param limit=123456789012345678901234567890: limit is a whole "
                                       "number from 0 to 9223372036854775807 (e.g. limit=20)"),
])
def test_bad_limit_is_one_line_exit_2(value, message):
    result = invoke("query", "top_methods", "--param", f"limit={value}", "--uri", "bolt://127.0.0.1:1")
    assert result.exit_code == 2
    assert error_lines(result) == [message]


def test_ids_stay_text_and_quotes_are_taken_off():
    assert parse_params("similar_papers", ["paper_id=1810.04805", "limit=5"]) == {"paper_id": "1810.04805", "limit": 5}
    assert parse_params("similar_papers", ["paper_id='1810.04805'"]) == {"paper_id": "1810.04805"}
    assert parse_params("entity_details", ['name="BERT"']) == {"name": "BERT"}
    assert parse_params("search_papers", ["text=1e5"]) == {"text": "1e5"}


def test_missing_required_parameter_exits_2_and_names_it():
    result = invoke("query", "similar_papers", "--uri", "bolt://127.0.0.1:1")
    assert result.exit_code == 2
    assert error_lines(result) == ["error: query 'similar_papers' needs --param paper_id=... (e.g. paper_id=2401.01234; "
                                   "graphload query similar_papers --help)"]


def test_unknown_parameter_exits_2_and_lists_the_known_ones():
    result = invoke("query", "top_methods", "--param", "limt=5")
    assert result.exit_code == 2
    assert error_lines(result) == ["error: query 'top_methods' has no parameter 'limt'; it takes: limit "
                                   "(graphload query top_methods --help)"]


def test_required_parameters_are_the_text_ones():
    for name in ("similar_papers", "methods_on_dataset", "search_papers", "entity_details", "shortest_path"):
        query = prepared_query(name)
        assert {p.name for p in query.parameters if p.required} == {
            p.name for p in query.parameters if isinstance(p.example, str)} != set()
        assert all(not p.required for p in query.parameters if p.name == "limit")


def test_query_name_help_lists_its_parameters():
    result = invoke("query", "similar_papers", "--help")
    assert result.exit_code == 0
    assert result.output.splitlines()[:6] == [
        "graphload query similar_papers: Papers most similar to a paper",
        "The papers sharing the most specific, rarest entities with one paper, best score (0-1) first.",
        "",
        "Parameters (--param name=value):",
        "  paper_id  text, required (e.g. '2401.01234')",
        "  limit     whole number, default 10",
    ]
    assert "Example: graphload query similar_papers --param paper_id=2401.01234" in result.output
    plain_help = invoke("query", "--help")
    assert plain_help.exit_code == 0 and "Example: graphload query" in plain_help.output
    assert "--param" in plain_help.output and "--connect-timeout" in plain_help.output


# Item 6: URIs, output paths and extraction files.

def test_http_uri_is_a_usage_error():
    result = invoke("stats", "--uri", "http://127.0.0.1:7474", "--password", "x")
    assert result.exit_code == 2
    assert error_lines(result) == ["error: --uri / NEO4J_URI 'http://127.0.0.1:7474' is not a Bolt URI: use "
                                   "bolt://HOST:7687 (or neo4j://, bolt+s://, neo4j+s://); Neo4j Browser's http:// "
                                   "address does not take Bolt"]


@pytest.mark.parametrize("args, option", [
    (["extract", LISTING, "-o"], "-o/--output"),
    (["export", "--from", EXTRACTED, "--out"], "--out"),
])
def test_output_into_a_missing_folder_is_said_before_the_work(tmp_path, args, option):
    target = tmp_path / "missing" / "out.file"
    result = invoke(*args, target)
    assert result.exit_code == 2
    assert error_lines(result) == [f"error: {option} {target}: the folder {target.parent} does not exist; create it "
                                   f"(mkdir -p {target.parent}) or write somewhere else"]
    assert "Traceback" not in result.output


def test_malformed_lines_in_export_from_are_skipped_once_each(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(EXTRACTED.read_text() + '{"id": "x", "title": "T", "sources": "not a list"}\n{bad json\n[1, 2]\n'
                      '{"id": "y", "title": "T", "published": "2020-13-45"}\n')
    result = invoke("export", "--from", broken, "--format", "json", "--out", tmp_path / "g.json")
    assert result.exit_code == 0, result.output
    skipped = [line.strip() for line in result.output.splitlines() if "skipped" in line]
    assert skipped == [f"skipped {broken}:7: bad entities, authors or sources: expected a list, not str",
                       f"skipped {broken}:8: malformed JSON (Expecting property name enclosed in double quotes)",
                       f"skipped {broken}:9: not an extraction record (needs id and title)",
                       f"skipped {broken}:10: published is not a YYYY-MM-DD date: '2020-13-45'"]
    assert (tmp_path / "g.json").stat().st_size > 0


# Item 5: timeouts, refusals and DNS, each named.

def test_a_server_that_never_speaks_bolt_times_out(silent_server):
    result = invoke("stats", "--uri", f"bolt://127.0.0.1:{silent_server}", "--password", "x",
                    "--connect-timeout", "0.5")
    assert result.exit_code == 1
    assert error_lines(result) == [f"error: Neo4j at bolt://127.0.0.1:{silent_server} did not answer within 0.5 s "
                                   f"(timed out): check the host and port are Neo4j's Bolt port, or allow longer "
                                   f"with --connect-timeout / GRAPHLOAD_CONNECT_TIMEOUT"]


def test_the_timeout_comes_from_the_environment_too(silent_server):
    result = invoke("stats", "--uri", f"neo4j://127.0.0.1:{silent_server}", "--password", "x",
                    env={"GRAPHLOAD_CONNECT_TIMEOUT": "0.7"})
    assert result.exit_code == 1
    assert f"error: Neo4j at neo4j://127.0.0.1:{silent_server} did not answer within 0.7 s (timed out)" in result.output
    assert Neo4jSettings.from_env().connect_timeout == 10.0


def test_refused_on_localhost_says_how_to_start_one():
    port = free_port()
    result = invoke("stats", "--uri", f"bolt://127.0.0.1:{port}", "--password", "x")
    assert result.exit_code == 1
    assert error_lines(result) == [f"error: Neo4j at bolt://127.0.0.1:{port} refused the connection (nothing listens "
                                   f"there): start it (scripts/neo4j-local start or docker compose up -d) or set "
                                   f"NEO4J_URI / --uri"]


def test_refused_elsewhere_does_not_send_you_to_scripts_neo4j_local():
    port = free_port()
    result = invoke("stats", "--uri", f"bolt://127.0.0.2:{port}", "--password", "x")
    assert result.exit_code == 1
    assert error_lines(result) == [f"error: Neo4j at bolt://127.0.0.2:{port} refused the connection (nothing listens "
                                   f"there): check the host and port, and that the server is running and reachable"]


def test_unknown_host_is_named_as_dns():
    result = invoke("stats", "--uri", "bolt://graphload-no-such-host.invalid:7687", "--password", "x")
    assert result.exit_code == 1
    assert error_lines(result) == ["error: cannot resolve the host 'graphload-no-such-host.invalid' of "
                                   "bolt://graphload-no-such-host.invalid:7687 (DNS): check the host name in "
                                   "NEO4J_URI / --uri"]


# Item 8 and 9: messages that point the right way, and no secret printed back.

def test_a_password_inside_the_uri_is_never_printed():
    result = invoke("stats", "--uri", "bolt://neo4j:hunter2-secret@127.0.0.1:7687")
    assert result.exit_code == 2
    assert "hunter2-secret" not in result.output
    assert error_lines(result) == ["error: --uri / NEO4J_URI 'bolt://neo4j:***@127.0.0.1:7687' holds a user and "
                                   "password: give them as NEO4J_USERNAME / NEO4J_PASSWORD (or --user and the "
                                   "password prompt) and keep the URI to bolt://HOST:PORT"]
    assert display_uri("neo4j+s://u:p%40ss@h.example.org/db") == "neo4j+s://u:***@h.example.org/db"
    assert "hunter2" not in repr(Neo4jSettings(uri="bolt://a:hunter2@h", password="hunter2"))


def test_password_option_help_warns_about_ps():
    assert "Prefer NEO4J_PASSWORD or the prompt: options show in `ps`." in help_text("ingest", "--help")


def test_missing_model_names_the_real_fix():
    result = invoke("extract", LISTING, "--model", "xx_no_such_pipeline")
    assert result.exit_code == 1
    assert error_lines(result) == ["error: cannot load spaCy model 'xx_no_such_pipeline': install it into this "
                                   "environment (python -m spacy download xx_no_such_pipeline, for spaCy's own "
                                   "models) or pass the path of a saved pipeline folder"]


# Item 2: commands that delete say what they delete.

def test_reset_says_what_it_deletes():
    result = invoke("reset")
    assert result.exit_code == 2
    assert error_lines(result) == ["graphload reset deletes graphload's nodes (:Paper, :Entity, :Method, :Dataset, "
                                   ":Metric, :Repo, :IngestRun, :GraphloadLock, :GraphloadLinkState), their relationships "
                                   "and graphload's "
                                   "constraints and "
                                   "indexes; nothing else; run it again with --yes to confirm"]
    result = invoke("reset", "--all")
    assert result.exit_code == 2 and "every node and relationship of the database, graphload's or not" in result.output
    reset_help = help_text("reset", "--help")
    assert "Other labels, relationship types and indexes stay" in reset_help
    assert "--all" in reset_help and "graphload's or not" in reset_help


# Item 13 and the double log: every skipped record and warning once, counts in the summary.

def test_skipped_records_and_warnings_print_once(tmp_path):
    papers = tmp_path / "papers.jsonl"
    papers.write_text('{"id": "a", "title": "AlphaNet", "abstract": "We propose AlphaNet, trained on ImageNet."}\n'
                      '{broken\n')
    refs = tmp_path / "refs.bib"
    refs.write_text("@article{a, title={Paper One}}\n@article{b, title={Paper Two}, abstract={We use BERT.}}\n")
    result = invoke("extract", papers, refs, "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 0, result.output
    assert result.output.count(f"{papers}:2") == 1
    assert result.output.count(f"{refs}: 1 entries without an abstract") == 1
    assert "3 papers extracted, 1 records skipped, 0 duplicates merged, 1 without an abstract, 0 truncated" in result.output
    assert f"warning {refs}: 1 entries without an abstract (read from their titles alone)" in result.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_a_write_that_fails_is_one_line_naming_the_file():
    result = invoke("extract", LISTING, "-o", "/dev/full")
    assert result.exit_code == 1
    assert error_lines(result) == ["error: cannot write /dev/full: No space left on device; check the free space and "
                                   "the permissions there, or write somewhere else with -o"]
    result = invoke("export", "--from", EXTRACTED, "--format", "json", "--out", "/dev/full")
    assert result.exit_code == 1
    assert error_lines(result) == ["error: cannot write /dev/full: No space left on device; check the free space and "
                                   "the permissions there, or write somewhere else with --out"]
