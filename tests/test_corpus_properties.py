"""Random text, JSON and bytes into every reader: Papers or reported skips, never a crash."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphload.corpus import FORMATS, ReadReport, read_papers
from graphload.corpus.paper import Paper
from graphload.errors import InputError

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "abstract", "id", "authors", "year", "doi", "url", "summary", "paperId",
                         "externalIds", "abstract_inverted_index", "ids", "display_name", "x"]), children, max_size=6),
    max_leaves=12)


def read_all(path, fmt):
    report = ReadReport()
    try:
        papers = list(read_papers([path], format=fmt, report=report))
    except InputError as exc:  # binary, damaged gzip or formatless content named directly is refused, by design
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
        known = ("binary file", "damaged or truncated gzip", f"matches no input format (read as {fmt}")
        assert any(reason in str(exc) for reason in known), str(exc)
        return
    assert all(isinstance(p, Paper) and p.title for p in papers)
    assert report.papers == len(papers)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), fmt=st.sampled_from(FORMATS))
def test_random_text_any_reader(tmp_path, text, fmt):
    path = tmp_path / "input.txt"
    path.write_text(text, encoding="utf-8")
    read_all(path, fmt)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(json_values, max_size=5), fmt=st.sampled_from(["jsonl", "json", "openalex", "s2"]))
def test_random_json_records(tmp_path, values, fmt):
    path = tmp_path / "input.jsonl"
    path.write_text("\n".join(json.dumps(v) for v in values), encoding="utf-8")
    read_all(path, fmt)
    path.write_text(json.dumps(values), encoding="utf-8")
    read_all(path, "json")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), fmt=st.sampled_from(FORMATS))
def test_random_bytes_any_reader(tmp_path, data, fmt):
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    read_all(path, fmt)
