"""Provenance: MENTIONS keep field, offsets and the sentence; `graphload show` prints them, with and without Neo4j."""
import json

import pytest
from typer.testing import CliRunner

from graphload.cli import app
from graphload.ingest import extract_to_jsonl, load
from graphload.provenance import SNIPPET_CHARS, mark, show_paper, snippet
from graphload.store.cypherfiles import cypher_text
from cli_support import connection, invoke

ABSTRACT = ("Image classifiers keep improving. We train ResNet on ImageNet and report top-1 accuracy. "
            "The same model is then tested on CIFAR-10!")
PAPER = {"id": "p-evidence", "title": "Notes on Training Image Classifiers", "abstract": ABSTRACT}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("evidence")
    (folder / "papers.jsonl").write_text(json.dumps(PAPER) + "\n", encoding="utf-8")
    extract_to_jsonl([folder / "papers.jsonl"], folder / "extracted.jsonl")
    return folder / "extracted.jsonl"


def test_snippet_is_the_sentence_holding_the_name():
    start = ABSTRACT.index("ResNet")
    assert snippet(ABSTRACT, start, start + 6) == ("We train ResNet on ImageNet and report top-1 accuracy.",
                                                   ABSTRACT.index("We train"))
    last = ABSTRACT.index("CIFAR-10")
    assert snippet(ABSTRACT, last, last + 8)[0] == "The same model is then tested on CIFAR-10!"


def test_snippet_of_text_without_sentence_breaks_is_bounded_and_keeps_the_name():
    text = " ".join(["word"] * 5000 + ["ResNet"] + ["word"] * 5000)
    start = text.index("ResNet")
    sentence, offset = snippet(text, start, start + 6)
    assert len(sentence) <= SNIPPET_CHARS and "ResNet" in sentence
    assert text[offset:offset + len(sentence)] == sentence
    assert not sentence.startswith("ord") and sentence.split()[0] == "word"  # whole words


def test_snippet_of_an_absurdly_long_name_is_still_bounded():
    text = "x" * 10_000
    sentence, offset = snippet(text, 10, 9_000)
    assert len(sentence) == SNIPPET_CHARS and offset == 10


def test_mark_puts_the_name_between_brackets():
    assert mark("We train ResNet.", 100, 109, 115) == "We train [[ResNet]]."
    assert mark("We train ResNet.", 100, 90, 95) == "We train ResNet."  # offsets outside: unchanged


def test_show_from_an_extraction_file(extracted):
    evidence = show_paper("p-evidence", extracted)
    assert evidence.title == PAPER["title"]
    found = {(e.type, e.name): e for e in evidence.entities}
    resnet, imagenet = found[("method", "ResNet")], found[("dataset", "ImageNet")]
    assert resnet.field == "abstract" and ABSTRACT[resnet.start:resnet.end] == "ResNet"
    assert resnet.rule and resnet.marked == "We train [[ResNet]] on ImageNet and report top-1 accuracy."
    assert imagenet.marked == "We train ResNet on [[ImageNet]] and report top-1 accuracy."
    assert found[("dataset", "CIFAR-10")].marked == "The same model is then tested on [[CIFAR-10]]!"
    # reading order
    assert [e.start for e in evidence.entities] == sorted(e.start for e in evidence.entities)


def test_show_command_without_a_database(extracted):
    result = CliRunner().invoke(app, ["show", "p-evidence", "--from", str(extracted)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "p-evidence  Notes on Training Image Classifiers"
    resnet = next(i for i, line in enumerate(lines) if line.strip().startswith("method   ResNet"))
    assert lines[resnet + 1].strip() == "We train [[ResNet]] on ImageNet and report top-1 accuracy."


def test_show_unknown_paper_is_one_line_and_exit_1(extracted):
    result = CliRunner().invoke(app, ["show", "nope", "--from", str(extracted)])
    assert result.exit_code == 1
    assert "no paper 'nope' in" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.neo4j
def test_show_against_neo4j_matches_the_file(neo4j_db, neo4j_settings, extracted):
    load([extracted], neo4j_settings)
    from_file = show_paper("p-evidence", extracted)
    from_neo4j = show_paper("p-evidence", driver=neo4j_db, database=neo4j_settings.database)
    assert from_neo4j == from_file
    # the Browser query marks the same sentence
    rows = neo4j_db.execute_query(
        cypher_text("queries/paper_evidence.cypher"),
        {"paper_id": "p-evidence"}, database_=neo4j_settings.database).records
    assert [r["marked"] for r in rows] == [e.marked for e in from_file.entities]
    cli = invoke("show", "p-evidence", *connection(neo4j_settings))
    assert cli.exit_code == 0, cli.output
    assert cli.stdout == CliRunner().invoke(app, ["show", "p-evidence", "--from", str(extracted)]).stdout
    missing = invoke("show", "nope", *connection(neo4j_settings))
    assert missing.exit_code == 1 and "no paper 'nope' in the database" in missing.stderr


def test_readme_show_example_is_what_show_prints():
    """The README's `graphload show` example is real output for the sample corpus."""
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ graphload show title:79a940ce437a6b05 --from out/papers.jsonl\n", 1)[1].split("```")[0]
    folder = Path(__file__).resolve().parent.parent / "examples" / "hf-papers"
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "papers.jsonl"
        extract_to_jsonl([folder], out)
        result = CliRunner().invoke(app, ["show", "title:79a940ce437a6b05", "--from", str(out)])
    assert result.exit_code == 0 and result.stdout == block
