"""Links against a real Neo4j: a landmark pair gives exactly one BUILDS_ON, and two loads at
the same time leave the links of a full rebuild (under the link state's N), and after
`relink --full` the same graph as the same two one after the other."""
import json
import threading
from pathlib import Path

import pytest

from graphload.corpus.extracted import Entity, ExtractedPaper, Mention
from graphload.corpus.paper import Paper
from graphload.ingest import extract_to_jsonl, load, relink
from test_store_neo4j import graph_checksum

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).parent.parent


def method(name, key, introduced=False):
    return Entity("method", name, key, [name], introduced, [Mention("abstract", 0, len(name), name, "vocabulary")])


def write(path, records):
    path.write_text("".join(r.to_json() + "\n" for r in records))
    return path


def test_a_landmark_pair_gives_exactly_one_builds_on(neo4j_db, neo4j_settings, tmp_path):
    from datetime import date
    transformer = ExtractedPaper(Paper("1706.03762", "Attention Is All You Need", published=date(2017, 6, 12)),
                                 [method("Transformer", "transformer", introduced=True)])
    bert = ExtractedPaper(Paper("1810.04805", "BERT: Pre-training of Deep Bidirectional Transformers",
                                published=date(2018, 10, 11)),
                          [method("BERT", "bert", introduced=True), method("Transformer", "transformer")])
    unrelated = ExtractedPaper(Paper("2006.11239", "Denoising Diffusion Probabilistic Models",
                                     published=date(2020, 6, 19)), [method("DDPM", "ddpm", introduced=True)])
    load([write(tmp_path / "landmarks.jsonl", [transformer, bert, unrelated])], neo4j_settings)
    builds = neo4j_db.execute_query("MATCH (a)-[r:BUILDS_ON]->(b) RETURN a.id, b.id, r.via",
                                    database_=neo4j_settings.database).records
    assert [tuple(r) for r in builds] == [("1810.04805", "1706.03762", ["Transformer"])]


@pytest.fixture(scope="module")
def halves(tmp_path_factory):
    folder = tmp_path_factory.mktemp("halves")
    extract_to_jsonl([str(ROOT / "examples" / "hf-papers")], folder / "all.jsonl")
    lines = (folder / "all.jsonl").read_text().splitlines(keepends=True)
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    first.write_text("".join(lines[0::2]))
    second.write_text("".join(lines[1::2]))
    return first, second


def link_counts(driver, database):
    return {r["type"]: r["n"] for r in driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n", database_=database).records}


def test_two_loads_at_once_equal_the_same_two_one_after_the_other(neo4j_db, neo4j_settings, halves):
    from conftest import empty_database
    db = neo4j_settings.database
    for half in halves:
        load([half], neo4j_settings, batch_size=50)
    sequential = graph_checksum(neo4j_db, db), link_counts(neo4j_db, db)
    assert sequential[1]["SHARES_ENTITY"] > 100

    empty_database(neo4j_db, db)
    errors = []

    def run(half):
        try:
            load([half], neo4j_settings, batch_size=50, link_batch_size=100)
        except Exception as exc:  # reported below: a failed run is a failed test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(half,)) for half in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not errors
    # The first relink may have run while the other load was still writing, so its N (n_ref) may
    # be smaller than 608 and the second relink incremental under it: the links are then those of
    # a full rebuild under that n_ref, and a full relink gives exactly the sequential graph.
    # The evidence the first relink froze is not known here: the links must be the full rebuild
    # under the evidence the graph holds (and the flags those of its rule, checked in test_store_relink).
    from test_store_relink import full_rebuild_under, n_ref_of, stored_evidence, stored_links
    stored = stored_links(neo4j_db, db)
    expected = full_rebuild_under(neo4j_db, db, n_ref_of(neo4j_db, db), stored_evidence(neo4j_db, db))
    assert (stored[0], stored[2]) == (expected[0], expected[2])
    relink(neo4j_settings, full=True)
    assert (graph_checksum(neo4j_db, db), link_counts(neo4j_db, db)) == sequential
    lock = neo4j_db.execute_query("MATCH (l:GraphloadLock) RETURN l.name, l.holder", database_=db).records
    assert [tuple(r) for r in lock] == [("links", None)]  # released


def test_a_lock_left_by_a_dead_run_is_taken_over_after_its_lease(neo4j_db, neo4j_settings):
    from graphload.errors import GraphloadError
    from graphload.store.relink import LinkLock
    from graphload.store.schema import apply_schema
    db = neo4j_settings.database
    apply_schema(neo4j_db, db)
    dead = LinkLock(neo4j_db, db, "dead-run", lease_seconds=600)
    dead.__enter__()  # and never leaves
    waiting = LinkLock(neo4j_db, db, "next-run", wait_seconds=0.2, poll_seconds=0.05)
    with pytest.raises(GraphloadError, match="held the link lock"):
        waiting.__enter__()
    # ten minutes later, as far as the lease knows
    neo4j_db.execute_query("MATCH (l:GraphloadLock) SET l.expires = datetime() - duration('PT1S')", database_=db)
    with LinkLock(neo4j_db, db, "next-run", wait_seconds=5) as lock:
        with pytest.raises(GraphloadError, match="ran out"):
            dead.renew()
        lock.renew()
    holder = neo4j_db.execute_query("MATCH (l:GraphloadLock) RETURN l.holder", database_=db).records[0][0]
    assert holder is None


def test_writes_renew_the_lease_once_a_tenth_of_it_has_passed_and_still_find_it_lost(neo4j_db, neo4j_settings):
    from graphload.errors import GraphloadError
    from graphload.store.relink import LinkLock
    from graphload.store.schema import apply_schema
    db = neo4j_settings.database
    apply_schema(neo4j_db, db)

    def expires():
        return neo4j_db.execute_query("MATCH (l:GraphloadLock) RETURN l.expires", database_=db).records[0][0]

    run = LinkLock(neo4j_db, db, "run", lease_seconds=600).__enter__()
    claimed = expires()
    run.renew_if_due()  # just claimed: no write
    assert expires() == claimed
    run.renewed_at -= 61  # a tenth of the lease later
    run.renew_if_due()
    assert expires() > claimed
    # a whole lease without a renewal: another run takes the lock, and the next write finds out
    neo4j_db.execute_query("MATCH (l:GraphloadLock) SET l.expires = datetime() - duration('PT1S')", database_=db)
    with LinkLock(neo4j_db, db, "next-run", wait_seconds=5):
        run.renewed_at -= 600
        with pytest.raises(GraphloadError, match="ran out"):
            run.renew_if_due()
