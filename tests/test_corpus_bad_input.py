"""Broken and hostile input: each bad record is skipped and reported with its file and line,
its neighbours are read, and a file that matches no format is refused with the formats listed."""
import json

import pytest

from graphload.corpus import ReadReport, read_papers
from graphload.corpus import paper as paper_module
from graphload.corpus.paper import Paper, title_id
from graphload.errors import InputError


def read(*paths, **kwargs):
    report = ReadReport()
    papers = list(read_papers(list(paths), report=report, **kwargs))
    return papers, report


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# 10. An unterminated CSV quote must not swallow the rows after it.

def test_csv_unterminated_quote_is_reported_and_the_rows_after_it_are_read(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text(
        "id,title,abstract\n"
        "c1,First Paper,First abstract.\n"
        'c2,"Unclosed Title,Second abstract.\n'
        "c3,Third Paper,Third abstract.\n"
        "c4,Fourth Paper,Fourth abstract.\n", encoding="utf-8")
    papers, report = read(path)
    assert [p.id for p in papers] == ["c1", "c3", "c4"]
    assert len(report.skipped) == 1
    source, reason = report.skipped[0]
    assert source == f"{path}:3" and "quote" in reason


def test_csv_unterminated_quote_later_closed_by_another_row_still_loses_no_neighbour(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text(
        "id,title,abstract\n"
        'c1,"Unclosed Title,First abstract.\n'
        'c2,Second Paper,"Second abstract, quoted."\n'
        "c3,Third Paper,Third abstract.\n", encoding="utf-8")
    papers, report = read(path)
    assert [p.id for p in papers] == ["c2", "c3"]
    assert papers[0].abstract == "Second abstract, quoted."
    assert [s for s, _ in report.skipped] == [f"{path}:2"]


def test_csv_lines_that_each_reopen_a_quote_are_each_read_at_most_three_times(monkeypatch):
    from graphload.corpus import csvfile
    taken: dict[int, int] = {}
    take = csvfile._Lines.take

    def counting_take(self):
        line = take(self)
        if line is not None:
            taken[line[0]] = taken.get(line[0], 0) + 1
        return line

    monkeypatch.setattr(csvfile._Lines, "take", counting_take)
    lines = ["title,abstract"] + ['x","'] * 500 + ["Last Paper,Fine."]
    records = list(csvfile.csv_records(iter(lines), "hostile.csv"))  # one pass (read_papers makes two)
    assert [r.title for r in records if isinstance(r, Paper)] == ["Last Paper"]
    skipped = [r for r in records if isinstance(r, tuple)]
    assert len(skipped) == 500 and skipped[0][0] == "hostile.csv:2"
    assert max(taken.values()) == 3 and len(taken) == 502


def test_csv_quoted_cell_over_several_lines_is_one_row_with_its_words_apart(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text('id,title,abstract\nc1,Multi Line,"line one\nline two"\nc2,Next,After.\n', encoding="utf-8")
    papers, report = read(path)
    assert [(p.id, p.abstract) for p in papers] == [("c1", "line one line two"), ("c2", "After.")]
    assert report.skipped == []
    assert papers[1].sources == (f"{path}:4",)


# 11. A NUL byte spoils one line, not the file.

def test_jsonl_line_with_a_nul_byte_is_skipped_alone(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_bytes(b'{"title": "First", "abstract": "One."}\n'
                     b'{"title": "Sec\x00ond", "abstract": "Two."}\n'
                     b'{"title": "Third", "abstract": "Three."}\n')
    papers, report = read(path)
    assert [p.title for p in papers] == ["First", "Third"]
    assert report.skipped == [(f"{path}:2", "a NUL byte in the line (binary data, not JSON text)")]


def test_control_characters_and_lone_surrogates_are_dropped_from_text(tmp_path):
    path = write_jsonl(tmp_path / "papers.jsonl", [{"title": "Graph\u0000Nets \ud800Again", "abstract": "a\u001bb\u0085c"}])
    [paper], report = read(path)
    assert (paper.title, paper.abstract) == ("Graph Nets Again", "a b c")
    paper.title.encode("utf-8")  # a lone surrogate would make this raise, and Neo4j's driver with it
    assert report.skipped == []


def test_latin1_text_with_nul_free_high_bytes_is_not_binary(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_bytes(("title,abstract\n" + "Caf\u00e9 Na\u00efve,R\u00e9sum\u00e9 \u00e0 la fran\u00e7aise\n" * 40).encode("latin-1"))
    papers, report = read(path)
    assert papers[0].title == "Café Naïve" and report.records == 40
    assert report.warnings == [f"{path}: not UTF-8, decoded as Windows-1252/Latin-1"]


def test_mostly_binary_content_is_still_refused(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="looks like a binary file"):
        read(path)


# 12. A title or abstract that is not text is never turned into a Python repr.

@pytest.mark.parametrize("record, reason", [
    ({"title": ["a", "b"], "abstract": "x"}, "title is a list, not text"),
    ({"title": {"en": "A"}, "abstract": "x"}, "title is an object, not text"),
    ({"title": 42, "abstract": "x"}, "title is a number, not text"),
    ({"title": "Fine", "abstract": ["a", "b"]}, "abstract is a list, not text"),
    ({"title": "Fine", "summary": {"text": "a"}}, "abstract is an object, not text"),
    ({"title": "Fine", "abstract": 3.5}, "abstract is a number, not text"),
    ({"title": "Fine", "abstract": True}, "abstract is true/false, not text"),
    ({"paperId": "s1", "title": ["S2"], "abstract": "x"}, "title is a list, not text"),
    ({"paperId": "s1", "title": "S2", "abstract": {"a": 1}}, "abstract is an object, not text"),
    ({"ids": {}, "display_name": ["OA"]}, "title is a list, not text"),
    ({"ids": {}, "title": "OA", "abstract_inverted_index": ["a"]},
     "abstract_inverted_index is a list, not {word: [positions]}"),
    ({"ids": {}, "title": "OA", "abstract_inverted_index": {"a": ["0"]}},
     "abstract_inverted_index has a word whose positions are not a list of whole numbers"),
    ({"ids": {}, "title": "OA", "abstract": 7}, "abstract is a number, not text"),
])
def test_title_or_abstract_that_is_not_text_is_skipped_and_reported(tmp_path, record, reason):
    path = write_jsonl(tmp_path / "papers.jsonl", [{"title": "Before", "abstract": "ok"}, record,
                                                   {"title": "After", "abstract": "ok"}])
    papers, report = read(path)
    assert [p.title for p in papers] == ["Before", "After"]
    assert report.skipped == [(f"{path}:2", reason)]
    array = tmp_path / "papers.json"
    array.write_text(json.dumps([record]), encoding="utf-8")
    papers, report = read(array)
    assert papers == [] and report.skipped == [(f"{array}#1", reason)]


def test_openalex_inverted_index_is_rebuilt_in_word_order(tmp_path):
    path = write_jsonl(tmp_path / "works.jsonl", [
        {"ids": {}, "title": "OA", "abstract_inverted_index": {"graphs": [0, 3], "are": [1], "everywhere": [2]}}])
    [paper], _ = read(path)
    assert paper.abstract == "graphs are everywhere graphs"


# 13. A file that matches no format is refused; abstracts missing from BibTeX are counted.

def test_text_file_that_is_no_listing_is_refused_with_the_formats(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: matches no input format")
    assert "\n" not in message
    for fmt in ("hf", "jsonl", "json", "csv", "tsv", "arxiv", "openalex", "s2", "bibtex"):
        assert fmt in message


def test_file_of_unknown_kind_in_a_folder_is_skipped_and_reported(tmp_path):
    (tmp_path / "notes.txt").write_text("hello world\n", encoding="utf-8")
    (tmp_path / "pom.xml").write_text("<project><name>not a feed</name></project>\n", encoding="utf-8")
    (tmp_path / "table.csv").write_text("name_of_thing,value\nx,1\n", encoding="utf-8")
    write_jsonl(tmp_path / "papers.jsonl", [{"title": "Kept", "abstract": "ok"}])
    papers, report = read(tmp_path)
    assert [p.title for p in papers] == ["Kept"]
    refused = {source: reason for source, reason in report.skipped}
    assert set(refused) == {str(tmp_path / n) for n in ("notes.txt", "pom.xml", "table.csv")}
    assert all(reason.startswith("matches no input format") for reason in refused.values())
    assert "title column" in refused[str(tmp_path / "table.csv")]
    assert "Atom" in refused[str(tmp_path / "pom.xml")]


def test_csv_header_without_a_title_column_is_refused(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"table\.csv: matches no input format .*title column"):
        read(path)


def test_listing_with_a_title_and_an_abstract_is_still_read(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text("A Short Title\n\nWe study graphs. Our method, described in this abstract, beats the baselines "
                    "on every benchmark we tried, with fewer parameters and less training time.\n", encoding="utf-8")
    [paper], report = read(path)
    assert paper.title == "A Short Title" and report.skipped == []


def test_empty_files_are_read_as_nothing_not_refused(tmp_path):
    for name in ("empty.txt", "empty.csv", "empty.xml", "empty.bib"):
        (tmp_path / name).write_text("\n", encoding="utf-8")
    papers, report = read(*sorted(tmp_path.iterdir()))
    assert papers == [] and report.files == 4 and report.skipped == []


def test_bibtex_entries_without_an_abstract_are_counted(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@article{a, title = {With Abstract}, abstract = {Some text.}}\n"
                    "@article{b, title = {Without Abstract One}}\n"
                    "@inproceedings{c, title = {Without Abstract Two}, year = {2020}}\n", encoding="utf-8")
    papers, report = read(path)
    assert sorted(p.title for p in papers) == ["With Abstract", "Without Abstract One", "Without Abstract Two"]
    assert report.without_abstract == 2
    assert report.to_dict()["without_abstract"] == 2
    assert f"{path}: 2 entries without an abstract (read from their titles alone)" in report.warnings


# 4 (part). Title and abstract length caps.

def test_overlong_title_and_abstract_are_cut_with_a_warning_and_the_same_id(tmp_path):
    from graphload.corpus.paper import MAX_ABSTRACT_CHARS, MAX_TITLE_CHARS
    title = " ".join(["Longword"] * 400)  # 3,599 characters
    abstract = "word " * 30_000  # 150,000 characters
    path = write_jsonl(tmp_path / "papers.jsonl", [{"title": "Short", "abstract": "ok"},
                                                   {"title": title, "abstract": abstract}])
    papers, report = read(path)
    long_paper = papers[1]
    assert long_paper.id == title_id(title) == Paper.build(title).id
    assert len(long_paper.title) <= MAX_TITLE_CHARS and title.startswith(long_paper.title)
    assert len(long_paper.abstract) <= MAX_ABSTRACT_CHARS and abstract.startswith(long_paper.abstract)
    assert not long_paper.title.endswith(" ") and long_paper.title.endswith("Longword")
    assert report.truncated == 1
    assert report.warnings == [
        f"{path}:2: title cut to {MAX_TITLE_CHARS:,} characters (was 3,599)",
        f"{path}:2: abstract cut to {MAX_ABSTRACT_CHARS:,} characters (was 149,999)",
    ]
    again, _ = read(path)
    assert [p.to_dict() for p in again] == [p.to_dict() for p in papers]


def test_caps_are_the_documented_defaults():
    assert (getattr(paper_module, "MAX_TITLE_CHARS", None), getattr(paper_module, "MAX_ABSTRACT_CHARS", None)) == (2_000, 100_000)
