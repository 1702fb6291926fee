"""CLI conventions: --version, shell completion, tables that keep ids whole at 80 columns."""
from importlib.metadata import version

from rich.console import Console
from typer.testing import CliRunner

from graphload.cli import app, result_table


def test_version_prints_the_package_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"graphload {version('graphload')}\n"


def test_shell_completion_is_offered():
    result = CliRunner().invoke(app, ["--help"], terminal_width=100)
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_table_never_cuts_ids_at_80_columns():
    ids = ["title:017868760d220ac1", "2401.01234", "doi:10.1145/3580305.3599256"]
    rows = [{"id": paper_id, "title": "A very long paper title " * 6, "aliases": ["one", "two", "three"] * 5,
             "paper_ids": [paper_id, "title:9ea0c1d2e3f40516"]} for paper_id in ids]
    console = Console(width=80, record=True, file=open("/dev/null", "w"))
    console.print(result_table(["id", "title", "aliases", "paper_ids"], rows))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    for paper_id in ids:
        assert paper_id in text, paper_id  # whole, on one line, copyable
    assert "…" not in text  # the other columns fold rather than cut
    title_cells = "".join(line.split("│")[2].strip() for line in text.splitlines() if line.count("│") == 5)
    assert title_cells.count("paper") == 18


class RecordingBar:
    def __init__(self, log):
        self.log = log

    def advance(self, amount=1):
        self.log.append(("advance", amount))

    def set_total(self, total):
        self.log.append(("total", total))


def recording_progress(log):
    from contextlib import contextmanager

    @contextmanager
    def progress(description, total=None):
        log.append(("open", description, total))
        yield RecordingBar(log)
    return progress


def test_extract_progress_knows_its_total_before_the_first_paper(tmp_path):
    from graphload.ingest import extract_to_jsonl
    log = []
    count, _ = extract_to_jsonl(["examples/hf-papers"], tmp_path / "x.jsonl", progress=recording_progress(log))
    assert count == 608
    assert log[0] == ("open", "extract papers", None) and log[1] == ("total", 608)
    assert sum(step[1] for step in log if step[0] == "advance") == 608


def test_extraction_file_total_is_its_line_count(tmp_path):
    from graphload.corpus import ReadReport
    from graphload.corpus.extracted import read_extracted
    from graphload.progress import with_total
    fixture = "tests/fixtures/graph/corpus.jsonl"
    report, log = ReadReport(), []
    records = list(with_total(read_extracted([fixture, fixture], report), RecordingBar(log), report))
    lines = sum(1 for _ in open(fixture, encoding="utf-8"))
    assert log == [("total", 2 * lines)] and len(records) == 2 * lines
