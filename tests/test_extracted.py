"""The one extraction record and its one reader: round trip, bad lines with file:line."""
import pickle
from pathlib import Path

from graphload.corpus import Paper, ReadReport
from graphload.corpus.extracted import Entity, ExtractedPaper, Mention, SerialisedRecord, read_extracted
from graphload.export import to_networkx

FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"


def test_fixture_lines_round_trip_byte_for_byte():
    report = ReadReport()
    records = list(read_extracted([FIXTURE], report))
    assert [r.to_json() for r in records] == FIXTURE.read_text(encoding="utf-8").splitlines()
    assert report.records == len(records) == 6 and report.skipped == []
    assert isinstance(records[0].entities[0], Entity) and isinstance(records[0].entities[0].mentions[0], Mention)


def test_record_from_paper_is_paper_dict_plus_entities_and_pickles():
    paper = Paper.build("FooNet", "We propose FooNet.", id="p1", authors=["A"], source="x.txt:1")
    entity = Entity("method", "FooNet", "foonet", ["FooNet"], True, [Mention("title", 0, 6, "FooNet", "vocabulary")])
    record = ExtractedPaper(paper, [entity])
    assert record.to_dict() == {**paper.to_dict(), "entities": [entity.to_dict()]}
    assert pickle.loads(pickle.dumps(record)) == record
    assert ExtractedPaper.from_dict(record.to_dict()) == record


def test_a_serialised_record_writes_its_line_and_reads_as_the_record():
    paper = Paper.build("FooNet", "We propose FooNet.", id="p1")
    entity = Entity("method", "FooNet", "foonet", ["FooNet"], True, [Mention("title", 0, 6, "FooNet", "vocabulary")])
    line = ExtractedPaper(paper, [entity]).to_json()
    # the line as a worker sent it is what is written, whatever it holds
    assert SerialisedRecord(paper, line.replace("FooNet", "BarNet")).to_json() == line.replace("FooNet", "BarNet")
    record = SerialisedRecord(paper, line)
    assert record == ExtractedPaper(paper, [entity]) and record.entities == [entity]
    record.entities[0].name = "Foo Net"  # read, then changed: the line is written from the entities
    assert '"name": "Foo Net"' in record.to_json()
    copy = pickle.loads(pickle.dumps(SerialisedRecord(paper, line)))
    assert type(copy) is ExtractedPaper and copy.to_json() == line


def test_bad_lines_are_skipped_with_file_and_line(tmp_path):
    good = FIXTURE.read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good, "{not json", '{"id": "x"}', '{"id": "y", "title": "T", "entities": "oops"}',
                               '{"id": "z", "title": "T", "entities": [{"type": "planet", "key": "mars"}]}',
                               '{"id": "w", "title": "T", "published": "last year"}', ""]),
                    encoding="utf-8")
    report = ReadReport()
    records = list(read_extracted([path], report))
    assert [r.id for r in records] == ["p1", "z"] and records[1].entities == []
    assert [(source, reason.split(" (")[0]) for source, reason in report.skipped] == [
        (f"{path}:2", "malformed JSON"), (f"{path}:3", "not an extraction record"),
        (f"{path}:4", "bad entities, authors or sources: expected a list, not str"),
        (f"{path}:6", "published is not a YYYY-MM-DD date: 'last year'")]


def test_export_from_file_reports_bad_lines_instead_of_failing(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(FIXTURE.read_text(encoding="utf-8") + "{broken\n", encoding="utf-8")
    report = ReadReport()
    graph = to_networkx(path, report=report, max_df=3)
    assert sum(1 for _, d in graph.nodes(data=True) if d["labels"] == "Paper") == 6
    assert report.skipped == [(f"{path}:7", "malformed JSON (Expecting property name enclosed in double quotes)")]
