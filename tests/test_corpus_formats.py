"""Each reader on small fixtures with the awkward cases, checked value by value."""
import gzip
import io
from datetime import date
from pathlib import Path

import pytest

from graphload.corpus import ReadReport, detect_format, read_papers
from graphload.corpus.files import spool_stdin
from graphload.errors import InputError

FIX = Path(__file__).parent / "fixtures" / "corpus"
ROOT = Path(__file__).parent.parent


def read(*names, **kwargs):
    report = ReadReport()
    papers = list(read_papers([FIX / n for n in names], report=report, **kwargs))
    return papers, report


def test_sample_listings_hold_608_distinct_papers():
    report = ReadReport()
    papers = list(read_papers([ROOT / "examples" / "hf-papers"], report=report))
    assert len(papers) == 608 and report.records == 693 and report.duplicates == 85
    assert all(p.title and p.abstract for p in papers)
    noise = ("Subscribe", "Get trending", "byAK", "Daily Papers")
    assert not [p.title for p in papers if p.title.startswith(noise) or p.title in ("new", "Mar 14")]


def test_hf_listing_both_layouts_noise_and_glued_subscribe():
    papers, report = read("listing_blank.txt", "listing_lines.txt")
    titles = [p.title for p in papers]
    assert titles == ["FooNet: Fast Object Detection", "A Second Paper on Graphs", "Third Title Here"]
    graphs = papers[1]
    assert graphs.sources == (f"{FIX}/listing_blank.txt:15", f"{FIX}/listing_lines.txt:3")
    assert graphs.abstract.endswith("much more text here to be longer.")  # the longer abstract wins
    assert report.duplicates == 1 and report.skipped == []


def test_jsonl_fields_ids_and_skips():
    papers, report = read("papers.jsonl")
    by_title = {p.title: p for p in papers}
    user = by_title["User Id Paper"]
    assert user.id == "my-1" and user.authors == ("Ada Lovelace", "Alan Turing") and user.published == date(2021, 1, 1)
    arxiv = by_title["An arXiv Paper"]
    assert arxiv.id == "2401.01234" and arxiv.abstract == "From the summary field." and arxiv.published == date(2024, 1, 2)
    assert by_title["DOI Paper"].id == "10.1000/abc.123"
    assert [s for s, _ in report.skipped] == [f"{FIX}/papers.jsonl:3", f"{FIX}/papers.jsonl:4", f"{FIX}/papers.jsonl:6"]
    assert report.skipped[0][1] == "no title" and report.skipped[1][1].startswith("malformed JSON")


def test_same_paper_in_two_files_is_merged():
    papers, report = read("papers.jsonl", "repeat.jsonl")
    [user] = [p for p in papers if p.id == "my-1"]
    assert user.abstract == "Kept as given, and this abstract is the longer one."
    assert user.sources == (f"{FIX}/papers.jsonl:1", f"{FIX}/repeat.jsonl:1")
    assert report.duplicates == 1


def test_csv_tsv_and_latin1():
    papers, report = read("papers.csv", "papers.tsv", "latin1.csv")
    by_title = {p.title: p for p in papers}
    csv_paper = by_title["CSV Paper"]
    assert csv_paper.id == "c1" and csv_paper.abstract == "An abstract, with a comma"
    assert csv_paper.authors == ("Ada Lovelace", "Alan Turing") and csv_paper.sources == (f"{FIX}/papers.csv:2",)
    assert by_title["TSV Paper"].id == "10.5555/xyz"
    assert by_title["Café Naïve Paper"].abstract == "Résumé of results."
    assert report.warnings == [f"{FIX}/latin1.csv: not UTF-8, decoded as Windows-1252/Latin-1"]
    assert [s for s, _ in report.skipped] == [f"{FIX}/papers.csv:3", f"{FIX}/papers.csv:4"]


def test_arxiv_atom_feed():
    papers, report = read("feed.xml")
    [paper] = papers
    assert paper.id == "1706.03762" and paper.title == "Attention Is All You Need"
    assert paper.authors == ("Ashish Vaswani", "Noam Shazeer") and paper.published == date(2017, 6, 12)
    assert paper.doi == "10.48550/arxiv.1706.03762"
    assert report.skipped == [(f"{FIX}/feed.xml#2", "entry without a title")]


def test_broken_xml_keeps_what_came_before():
    papers, report = read("broken.xml")
    assert [p.id for p in papers] == ["2101.00001"]
    assert len(report.skipped) == 1 and "broken XML" in report.skipped[0][1]


def test_openalex_and_semantic_scholar():
    papers, _ = read("works.json", "s2.jsonl")
    by_title = {p.title: p for p in papers}
    work = by_title["OpenAlex Work"]
    assert work.abstract == "Graphs are everywhere." and work.id == "10.1234/oa.1" and work.authors == ("Grace Hopper",)
    s2 = by_title["S2 Paper"]
    assert s2.id == "2301.00002" and s2.doi == "10.1000/x" and s2.published == date(2023, 1, 1)


def test_bibtex_with_a_broken_entry():
    papers, report = read("refs.bib")
    [bert] = papers
    assert bert.title == "BERT: Pre-training of Deep Bidirectional Transformers"
    assert bert.id == "1810.04805" and bert.authors == ("Devlin, Jacob", "Chang, Ming-Wei")
    assert len(report.skipped) == 1


def test_gzip_empty_and_binary():
    papers, report = read("packed.jsonl.gz", "empty.jsonl")
    assert [p.title for p in papers] == ["Gzipped Paper"] and report.files == 2
    with pytest.raises(InputError, match="picture.png: looks like a binary file"):
        read("picture.png")


def test_directory_skips_binary_files_and_reports_them():
    _, report = read(".")
    assert (str(FIX / "picture.png"), "looks like a binary file, not a paper collection (text, JSON, CSV, XML or BibTeX)") in report.skipped


def test_strict_stops_at_first_bad_record():
    with pytest.raises(InputError, match=r"papers.jsonl:3: no title \(--strict"):
        read("papers.jsonl", strict=True)


def test_missing_file_and_unknown_format():
    with pytest.raises(InputError, match="no such file"):
        read("nope.jsonl")
    with pytest.raises(InputError, match="unknown format 'xls'"):
        read("papers.csv", format="xls")


def test_stdin_is_spooled_and_format_detected():
    path = spool_stdin(io.BytesIO(b'{"title": "From stdin", "abstract": "x"}\n'))
    assert detect_format(path) == "jsonl"
    assert [p.title for p in read_papers([path])] == ["From stdin"]


def test_gold_file_reads_as_input():
    papers = list(read_papers([ROOT.parent / "shared" / "gold" / "dev.jsonl"]))
    assert len(papers) == 60 and papers[0].id == "001-114"


def test_truncated_gzip_is_refused_with_one_line(tmp_path):
    broken = tmp_path / "cut.jsonl.gz"
    broken.write_bytes((FIX / "packed.jsonl.gz").read_bytes()[:20])
    with pytest.raises(InputError, match=r"cut\.jsonl\.gz: cannot be read, a damaged or truncated gzip file"):
        list(read_papers([broken]))
