"""Extraction over partitions: worker processes and a Dask LocalCluster write the bytes one process writes."""
import sys
import threading
from contextlib import contextmanager, nullcontext
from math import ceil
from pathlib import Path

import pytest

from cli_support import invoke
from graphload.corpus import PaperSource, ReadReport
from graphload.corpus.extracted import read_extracted
from graphload.corpus.paper import Paper
from graphload.errors import ExtractError
from graphload.extract import Extractor, extract_papers
from graphload.extract.parallel import ParallelExtractor

EXAMPLES = Path(__file__).parent.parent / "examples" / "hf-papers"

# A name introduced at the end of the corpus and used at its start: a partition must learn it from another.
USES = Paper.build("Rendering compared", "We compare against Glimra and MSCN on DTU, reporting PSNR.", id="use-1")
INTRODUCES = [Paper.build("Glimra: Sparse Ray Fields", "We propose Glimra, a renderer that beats pixelNeRF.",
                          id="intro-1"),
              Paper.build("Audio codes", "We introduce Masked Spectral Coding Networks (MSCN) for audio.",
                          id="intro-2")]


@pytest.fixture(scope="module")
def papers():
    return [USES] + list(PaperSource([EXAMPLES]))[:100] + INTRODUCES


@pytest.fixture(scope="module")
def one_process(papers):
    return "".join(r.to_json() + "\n" for r in Extractor().extract(papers))


def test_the_corpus_crosses_partitions(one_process):
    first = one_process.splitlines()[0]
    assert '"id": "use-1"' in first and '"name": "Glimra"' in first and '"name": "Masked Spectral Coding Network"' in first


@pytest.mark.slow
def test_worker_processes_write_the_same_bytes_for_1_2_and_5_partitions(papers, one_process):
    with ParallelExtractor(workers=2) as extractor:
        for partitions in (1, 2, 5):
            extractor.chunk_size = ceil(len(papers) / partitions)
            assert "".join(r.to_json() + "\n" for r in extractor.extract(papers)) == one_process, partitions
        # a stream (read once) is extracted window by window, as in one process
        extractor.window, extractor.chunk_size = 40, 7
        stream = "".join(r.to_json() + "\n" for r in extractor.extract(iter(papers)))
    assert stream == "".join(r.to_json() + "\n" for r in Extractor(window=40).extract(iter(papers)))
    assert stream != one_process  # windows learn only from themselves: use-1 does not meet Glimra


@pytest.mark.slow
def test_worker_processes_look_for_a_graphs_known_names_as_one_process_does(papers):
    from graphload.extract.learned import KnownEntity
    known = [KnownEntity("method", "episodicrehearsal", "episodic rehearsal", ("episodic rehearsal",),
                         frozenset({"in-the-graph"}))]
    corpus = papers[:20] + [Paper.build("Continual learning", "We build on episodic rehearsal for tracking.", id="later")]
    one = [r.to_json() for r in Extractor(known=known).extract(corpus)]
    with ParallelExtractor(workers=2, known=known, chunk_size=7) as extractor:
        assert [r.to_json() for r in extractor.extract(corpus)] == one
    assert '"name": "episodic rehearsal"' in one[-1]
    assert '"episodic rehearsal"' not in Extractor().extract(corpus[-1:]).__next__().to_json()  # only the graph knows it


@pytest.mark.slow
def test_extract_papers_n_process_uses_the_workers(papers, one_process):
    assert "".join(r.to_json() + "\n" for r in extract_papers(papers, n_process=2)) == one_process


@pytest.mark.slow
def test_worker_records_read_as_one_process_records(papers):
    one = list(Extractor().extract(papers))
    with ParallelExtractor(workers=2, chunk_size=30) as extractor:
        records = list(extractor.extract(papers))  # sent as JSON lines, entities parsed when read
    assert [r.paper for r in records] == [r.paper for r in one]
    assert [r.entities for r in records] == [r.entities for r in one] and sum(len(r.entities) for r in one) > 100
    assert [r.to_json() for r in records] == [r.to_json() for r in one]  # written again from the parsed entities


def _pipeline_built_here() -> bool:
    from graphload.extract import parallel
    return "extractor" in parallel._worker


@pytest.mark.slow
def test_workers_forked_from_a_caller_without_threads_start_with_its_pipeline():
    with ParallelExtractor(workers=2) as extractor:
        assert extractor.pool.submit(_pipeline_built_here).result()  # before any chunk was sent
        assert extractor.start_method == "fork"


@contextmanager
def another_thread():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@pytest.mark.slow
def test_a_caller_running_threads_starts_its_workers_from_the_fork_server(papers, one_process):
    with another_thread(), ParallelExtractor(workers=2) as extractor:
        assert not extractor.pool.submit(_pipeline_built_here).result()  # built on the first chunk
        assert "".join(r.to_json() + "\n" for r in extractor.extract(papers)) == one_process
        assert extractor.start_method == "forkserver"


@pytest.mark.slow
@pytest.mark.parametrize("threads", [False, True], ids=["forked", "fork-server"])
def test_a_worker_error_is_the_error_not_a_broken_pool(papers, threads):
    with another_thread() if threads else nullcontext():
        with pytest.raises(ExtractError, match="cannot load spaCy model 'no-such-model'"):
            list(extract_papers(papers[:3], model="no-such-model", n_process=2))


# Dask: the same function on a LocalCluster of two worker processes

@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed", reason="scripts/test installs graphload[dask]")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.mark.slow
def test_dask_writes_the_same_bytes_for_1_2_and_5_partitions(dask_client, papers, one_process, tmp_path):
    from graphload.extract.cluster import extract_on_dask
    for partitions in (1, 2, 5):
        out = tmp_path / f"dask-{partitions}.jsonl"
        assert extract_on_dask(papers, out, dask_client, partitions=partitions) == len(papers)
        assert out.read_text(encoding="utf-8") == one_process, partitions


@pytest.mark.slow
def test_dask_shards_concatenate_to_the_file_and_load_as_a_folder(dask_client, papers, one_process, tmp_path):
    from graphload.bulk import bulk_export
    from graphload.extract.cluster import extract_on_dask
    shards = tmp_path / "shards"
    (shards).mkdir()
    (shards / "part-00009.jsonl").write_text("an earlier run's shard\n")
    extract_on_dask(papers, shards, dask_client, partitions=5)
    names = sorted(p.name for p in shards.iterdir())
    assert names == [f"part-0000{i}.jsonl" for i in range(5)]
    assert "".join((shards / name).read_text(encoding="utf-8") for name in names) == one_process
    records = list(read_extracted([shards], ReadReport()))
    assert [r.to_json() + "\n" for r in records] == one_process.splitlines(keepends=True)
    single = tmp_path / "single.jsonl"
    single.write_text(one_process, encoding="utf-8")
    bulk_export([shards], tmp_path / "bulk-shards")
    bulk_export([single], tmp_path / "bulk-single")
    files = sorted(p.name for p in (tmp_path / "bulk-single").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "bulk-shards").iterdir())
    assert all((tmp_path / "bulk-single" / f).read_bytes() == (tmp_path / "bulk-shards" / f).read_bytes()
               for f in files)


def test_dask_without_the_extra_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = invoke("extract", EXAMPLES, "--dask", "local", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    assert "error: --dask needs Dask: install graphload[dask]" in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_partitions_without_dask_and_dask_to_stdout_are_usage_errors():
    result = invoke("extract", EXAMPLES, "--partitions", "3")
    assert result.exit_code == 2 and "--partitions needs --dask" in result.output
    result = invoke("extract", EXAMPLES, "--dask", "local")
    assert result.exit_code == 2 and "--dask writes a file or a folder" in result.output


@pytest.mark.neo4j
@pytest.mark.slow
def test_ingest_with_two_workers_builds_the_graph_of_one_process(papers, tmp_path, neo4j_db, neo4j_settings):
    import json

    from conftest import empty_database
    from graphload.ingest import ingest
    from test_bulk import graph_dump
    corpus = tmp_path / "papers.jsonl"
    corpus.write_text("".join(json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract}) + "\n"
                              for p in papers[:30] + papers[-2:]))
    ingest([corpus], neo4j_settings)
    one = graph_dump(neo4j_db, neo4j_settings.database)
    empty_database(neo4j_db, neo4j_settings.database)
    stats = ingest([corpus], neo4j_settings, n_process=2)
    assert stats.papers == 32 and graph_dump(neo4j_db, neo4j_settings.database) == one
    assert any('"Glimra"' in row and '"use-1"' in row for row in one)  # the name crossed the corpus
