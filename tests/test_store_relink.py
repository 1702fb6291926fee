"""Incremental relinking against a real Neo4j: 50 new papers ingested into the sample graph
give the links a full rebuild gives under the same N (n_ref) and the evidence the last full
rebuild froze, only changed links are written, and `graphload relink --full` converges to the
graph of a fresh full ingest."""
from pathlib import Path

import pytest

from graphload.graph import (ENTITY_COUNTS, MIN_LINKING_SPECIFICITY, EntityInfo, EntityTally, compute_links, rarity,
                            resolve_citations)
from graphload.ingest import extract_to_jsonl, load, relink
from test_store_neo4j import graph_checksum

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    """examples/hf-papers extracted, as the papers minus 50 spread through it, and those 50."""
    folder = tmp_path_factory.mktemp("split")
    extract_to_jsonl([str(ROOT / "examples" / "hf-papers")], folder / "all.jsonl")
    lines = (folder / "all.jsonl").read_text().splitlines(keepends=True)
    held = set(range(5, len(lines), 12)[:50])
    assert len(held) == 50
    base, new = folder / "base.jsonl", folder / "new.jsonl"
    base.write_text("".join(line for i, line in enumerate(lines) if i not in held))
    new.write_text("".join(lines[i] for i in sorted(held)))
    return base, new, folder / "all.jsonl"


def stored_links(driver, db):
    shares = {(r["a"], r["b"]): (r["score"], r["weight"], r["shared"], r["types"], sorted(r["chosen"]))
              for r in driver.execute_query(
                  "MATCH (a:Paper)-[r:SHARES_ENTITY]->(b:Paper) RETURN a.id AS a, b.id AS b, r.score AS score, "
                  "r.weight AS weight, r.shared AS shared, r.shared_types AS types, r.chosen_by AS chosen",
                  database_=db).records}
    flags = {(r["type"], r["key"]): (r["spec"], r["linking"], r["hub"], r["df"], r["evidence"])
             for r in driver.execute_query(
                 "MATCH (e:Entity) RETURN e.type AS type, e.key AS key, e.specificity AS spec, e.linking AS linking, "
                 "e.hub AS hub, e.paper_count AS df, e.evidence AS evidence", database_=db).records}
    other = sorted(tuple(r) for r in driver.execute_query(
        "MATCH (a)-[r:INTRODUCED_BY|BUILDS_ON|CITES]->(b) RETURN type(r), coalesce(a.id, a.type + ':' + a.key), b.id, "
        "r.via", database_=db).records)
    picks = {r["id"]: (r["picks"], [round(score * 1e6) for score in r["scores"] or []], r["count"], r["floor"])
             for r in driver.execute_query(
                 "MATCH (p:Paper) WHERE p.picks IS NOT NULL OR p.pick_scores IS NOT NULL OR p.pick_floor IS NOT NULL "
                 "OR p.pick_count IS NOT NULL RETURN p.id AS id, p.picks AS picks, p.pick_scores AS scores, "
                 "p.pick_count AS count, p.pick_floor_key AS floor", database_=db).records}
    return shares, flags, other, picks


def stored_evidence(driver, db):
    """{uid: {specificity, linking, hub, evidence}} as the graph holds them."""
    return {r["uid"]: {"specificity": r["spec"], "linking": r["linking"], "hub": r["hub"], "evidence": r["evidence"]}
            for r in driver.execute_query(
                "MATCH (e:Entity) RETURN e.type + ':' + e.key AS uid, e.specificity AS spec, e.linking AS linking, "
                "e.hub AS hub, e.evidence AS evidence", database_=db).records}


def frozen_after(frozen, fresh, n_ref, limit):
    """The evidence the README promises between full rebuilds, written out again here: an entity
    of the last full rebuild keeps its values, except that one that did not link only for being in
    one paper links once it is in two, and a linking one past the hub limit becomes a hub; an
    entity first seen since takes the policy under n_ref (`fresh`: compute_links under n_ref)."""
    result = {}
    for entity in fresh:
        uid, df = f"{entity['type']}:{entity['key']}", entity["paper_count"]
        if uid not in frozen:
            result[uid] = {k: entity[k] for k in ("specificity", "linking", "hub", "evidence")}
            continue
        kept = dict(frozen[uid])
        if kept["linking"] and df > limit:
            kept.update(linking=False, hub=True, evidence=0.0)
        elif (not kept["linking"] and not kept["hub"] and df >= 2
              and kept["specificity"] >= MIN_LINKING_SPECIFICITY):
            if df > limit:
                kept.update(hub=True)
            else:
                kept.update(linking=True, evidence=kept["specificity"] * rarity(df, n_ref))
        result[uid] = kept
    return result


def full_rebuild_under(driver, db, n_ref, frozen=None):
    """What graph.compute_links makes of everything the graph holds, with rarity and hub limit
    under n_ref; with `frozen` ({uid: values the last full rebuild stored}) the entities keep
    those values as the README says (frozen_after): what an incremental relink must equal."""
    incidence = [tuple(r) for r in driver.execute_query(
        "MATCH (p:Paper)-[m:MENTIONS]->(e:Entity) RETURN p.id, e.type + ':' + e.key, coalesce(m.introduced, false)",
        database_=db).records]
    papers = [r.data() for r in driver.execute_query(
        "MATCH (p:Paper {stub: false}) RETURN p.id AS id, toString(p.published) AS published, "
        "coalesce(p.ids, []) AS ids, coalesce(p.references, []) AS refs, coalesce(p.cited_by, []) AS cited_by",
        database_=db).records]
    entities = {r["uid"]: EntityInfo(r["name"], tuple(r["aliases"])) for r in driver.execute_query(
        "MATCH (e:Entity) RETURN e.type + ':' + e.key AS uid, e.name AS name, e.aliases AS aliases",
        database_=db).records}
    arguments = dict(papers=[p["id"] for p in papers], entities=entities, n_ref=n_ref,
                     published={p["id"]: p["published"] for p in papers})
    links = compute_links(incidence, **arguments)
    if frozen is not None:
        links = compute_links(incidence, **arguments, frozen=frozen_after(frozen, links.entities, n_ref,
                                                                          links.hub_limit))
    citations = resolve_citations((p["id"], p["ids"], p["refs"], p["cited_by"]) for p in papers)
    shares = {(s["source"], s["target"]): (s["score"], s["weight"], s["shared"], s["shared_types"],
                                           sorted(s["chosen_by"])) for s in links.shares}
    flags = {(e["type"], e["key"]): (e["specificity"], e["linking"], e["hub"], e["paper_count"], e["evidence"])
             for e in links.entities}
    other = sorted([("INTRODUCED_BY", f"{r['type']}:{r['key']}", r["paper_id"], None) for r in links.introduced_by]
                   + [("BUILDS_ON", r["source"], r["target"], r["via"]) for r in links.builds_on]
                   + [("CITES", r["source"], r["target"], None) for r in citations.cites])
    picks = {r["id"]: (r["picks"], [round(score * 1e6) for score in r["pick_scores"]], r["pick_count"],
                       r["pick_floor_key"]) for r in links.pick_state.rows()}
    return shares, flags, other, picks


def linked_by_others(driver, db):
    """Papers some other paper picked a link to."""
    return {r[0] for r in driver.execute_query(
        "MATCH (a:Paper)-[r:SHARES_ENTITY]-(b:Paper) WHERE b.id IN r.chosen_by RETURN DISTINCT a.id",
        database_=db).records}


def n_ref_of(driver, db):
    return driver.execute_query("MATCH (s:GraphloadLinkState) RETURN s.n_ref", database_=db).records[0][0]


def test_fifty_new_papers_relink_incrementally_as_a_full_rebuild_under_the_same_n(neo4j_db, neo4j_settings, split):
    db = neo4j_settings.database
    base, new, _ = split
    first = load([base], neo4j_settings)
    assert first.relink["mode"] == "full" and first.relink["n_ref"] == 558
    before = stored_links(neo4j_db, db)[0]
    # the full rebuild stores each paper's picks in rank order with their scores, as compute_links gives them
    full_picks = stored_links(neo4j_db, db)[3]
    assert len(full_picks) > 200 and full_picks == full_rebuild_under(neo4j_db, db, 558)[3]
    frozen = stored_evidence(neo4j_db, db)
    assert sum(v["linking"] for v in frozen.values()) > 50
    second = load([new], neo4j_settings)
    result = second.relink
    # 608 papers: under the 10% growth that forces a full rebuild, so rarity keeps N = 558
    assert (result["mode"], result["n_ref"], result["papers"], result["pending_papers"]) == ("incremental", 558, 608, 50)
    # only the new papers' rows are computed in full; of the partners they reach, from their stored picks,
    # some have room for every new pair, some keep their picks (no new pair beats their lowest), and
    # the rest merge their stored picks with their new pairs (no link read)
    assert result["rows"] == 50, result
    assert result["room_rows"] > 0 and result["floor_rows"] > 0 and result["merged_rows"] > 0, result
    shares, flags, other, picks = stored_links(neo4j_db, db)
    expected = full_rebuild_under(neo4j_db, db, 558, frozen)
    # frozen evidence is a real difference from a full rebuild under n_ref: paper counts moved
    assert expected[0] != full_rebuild_under(neo4j_db, db, 558)[0]
    assert len(shares) > 500
    assert shares == expected[0]
    assert flags == expected[1]
    assert other == expected[2]
    # and the ordered picks the incremental relink kept up to date are those a full rebuild would store
    assert picks == expected[3] and picks != full_picks
    # only what changed was written
    created = set(shares) - set(before)
    deleted = set(before) - set(shares)
    updated = {pair for pair in set(shares) & set(before) if shares[pair] != before[pair]}
    assert (result["shares_created"], result["shares_deleted"], result["shares_updated"]) == (
        len(created), len(deleted), len(updated))
    assert len(created) + len(deleted) + len(updated) < len(shares)
    assert not neo4j_db.execute_query("MATCH (n:Relink) RETURN count(n)", database_=db).records[0][0]

    # nothing pending: an incremental relink writes nothing
    again = relink(neo4j_settings)
    assert (again.mode, again.rows, again.merged_rows, again.shares_created, again.shares_updated,
            again.shares_deleted, again.other_written) == ("incremental", 0, 0, 0, 0, 0, 0)
    assert stored_links(neo4j_db, db)[0] == shares


def test_relink_full_converges_to_a_fresh_full_ingest(neo4j_db, neo4j_settings, split):
    from conftest import empty_database
    db = neo4j_settings.database
    base, new, everything = split
    load([everything], neo4j_settings)
    assert n_ref_of(neo4j_db, db) == 608
    fresh = graph_checksum(neo4j_db, db)

    empty_database(neo4j_db, db)
    load([base], neo4j_settings)
    load([new], neo4j_settings)
    assert n_ref_of(neo4j_db, db) == 558 and graph_checksum(neo4j_db, db) != fresh
    result = relink(neo4j_settings, full=True)
    assert (result.mode, result.reason, result.n_ref) == ("full", "asked for", 608)
    assert graph_checksum(neo4j_db, db) == fresh


def test_a_changed_paper_moves_its_links_and_growth_forces_a_full_rebuild(neo4j_db, neo4j_settings, split, tmp_path):
    import json
    db = neo4j_settings.database
    base, new, _ = split
    load([base], neo4j_settings)
    frozen = stored_evidence(neo4j_db, db)
    records = [json.loads(line) for line in base.read_text().splitlines()]
    # a paper drops its entities: its pairs are scored again, so the partners that picked one of
    # its links are computed in full
    changed = next(r for r in records if len(r["entities"]) >= 3 and r["id"] in linked_by_others(neo4j_db, db))
    changed["entities"] = changed["entities"][:1]
    path = tmp_path / "changed.jsonl"
    path.write_text(json.dumps(changed) + "\n")
    result = load([path], neo4j_settings).relink
    assert result["mode"] == "incremental" and result["rows"] > 1
    assert stored_links(neo4j_db, db) == full_rebuild_under(neo4j_db, db, 558, frozen)
    # a graph whose papers hold only the count and lowest pick of an older version: rebuilt in full once
    neo4j_db.execute_query("MATCH (s:GraphloadLinkState) SET s.pick_state = true REMOVE s.ordered_picks "
                           "WITH s MATCH (p:Paper) WHERE p.picks IS NOT NULL "
                           "SET p.pick_floor = p.pick_scores[-1], p.pick_floor_with = p.picks[-1], "
                           "p.picks = size(p.picks) REMOVE p.pick_scores", database_=db)
    older = relink(neo4j_settings)
    assert (older.mode, older.reason) == ("full", "the link state predates the papers' ordered picks")
    assert stored_links(neo4j_db, db)[3] == full_rebuild_under(neo4j_db, db, older.n_ref)[3]
    assert not neo4j_db.execute_query("MATCH (p:Paper) WHERE p.pick_floor IS NOT NULL RETURN count(p)",
                                      database_=db).records[0][0]
    # a graph whose papers hold their ordered picks but not the count and rank key of the lowest as
    # numbers (what the incremental relink reads of every partner): rebuilt in full once
    neo4j_db.execute_query("MATCH (s:GraphloadLinkState) REMOVE s.pick_floors WITH s MATCH (p:Paper) "
                           "REMOVE p.pick_count, p.pick_floor_key", database_=db)
    floorless = relink(neo4j_settings)
    assert (floorless.mode, floorless.reason) == ("full", "the link state predates the papers' pick floors")
    stored = stored_links(neo4j_db, db)[3]
    assert stored == full_rebuild_under(neo4j_db, db, floorless.n_ref)[3]
    assert all(count == len(partners) and floor for partners, _, count, floor in stored.values())
    # other link options: a full rebuild
    assert relink(neo4j_settings, top_k=3).reason == "the link options changed"
    assert n_ref_of(neo4j_db, db) == 558


def test_an_entity_that_becomes_a_hub_recomputes_only_the_papers_that_pick_through_it(neo4j_db, neo4j_settings,
                                                                                      split, tmp_path):
    import json
    db = neo4j_settings.database
    base, _, _ = split
    load([base], neo4j_settings)
    frozen = stored_evidence(neo4j_db, db)
    limit = neo4j_db.execute_query("MATCH (s:GraphloadLinkState) RETURN s.hub_limit", database_=db).records[0][0]
    # the linking entity closest under the hub limit, and copies of its papers (new ids) that push it past
    uid, df = neo4j_db.execute_query(
        "MATCH (e:Entity) WHERE e.linking RETURN e.type + ':' + e.key AS uid, e.paper_count AS df "
        "ORDER BY df DESC, uid LIMIT 1", database_=db).records[0]
    records = [json.loads(line) for line in base.read_text().splitlines()]
    holders = [r for r in records if any(f"{e['type']}:{e['key']}" == uid for e in r["entities"])]
    copies = [dict(r, id=f"{r['id']}-copy") for r in holders[:limit - df + 1]]
    path = tmp_path / "copies.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in copies))
    result = load([path], neo4j_settings).relink
    assert result["mode"] == "incremental" and stored_evidence(neo4j_db, db)[uid]["hub"]
    # every paper of the new hub was looked at, only those picking a pair through it computed in full
    assert result["hub_papers"] == limit + 1
    assert len(copies) < result["hub_rows"] < result["hub_papers"], result
    assert stored_links(neo4j_db, db) == full_rebuild_under(neo4j_db, db, 558, frozen)


def entity_summaries(driver, db):
    """{uid: (name, aliases, aliases_text, paper_count, the use counts)} as the graph holds them."""
    return {r["uid"]: tuple(r)[1:] for r in driver.execute_query(
        "MATCH (e:Entity) RETURN e.type + ':' + e.key AS uid, e.name, e.aliases, e.aliases_text, e.paper_count, "
        "e.name_forms, e.name_papers, e.alias_forms, e.alias_papers, e.introduced_papers", database_=db).records}


def summaries_from_mentions(driver, db):
    """The same, from every mention the graph holds now (graph.EntityTally, as a full rebuild computes them)."""
    tally = EntityTally()
    for r in driver.execute_query("MATCH (:Paper)-[m:MENTIONS]->(e:Entity) RETURN e.type AS type, e.key AS key, "
                                  "m.name AS name, m.aliases AS aliases, m.introduced AS introduced",
                                  database_=db).records:
        tally.add(r["type"], r.data())
    return {f"{s['type']}:{s['key']}": (s["name"], s["aliases"], s["aliases_text"], s["paper_count"],
                                        *(s[k] for k in ENTITY_COUNTS)) for s in tally.summaries()}


def holders_of_a_three_paper_method(records):
    """The records of the three papers of a method only three papers mention, each with other entities."""
    holders = {}
    for r in records:
        for e in r["entities"]:
            if e["type"] == "method":
                holders.setdefault(e["key"], []).append(r)
    key = min(k for k, rs in holders.items() if len(rs) == 3 and all(len(r["entities"]) >= 2 for r in rs))
    return key, holders[key]


def with_entity(record, key, **changes):
    return dict(record, entities=[dict(e, **changes) if e["key"] == key and e["type"] == "method" else e
                                  for e in record["entities"]])


def write_jsonl(path, records):
    import json
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_reloaded_papers_that_change_names_aliases_and_mentions_are_summarised_from_counts(neo4j_db, neo4j_settings,
                                                                                          split, tmp_path):
    import json
    from graphload.corpus import ReadReport
    from graphload.corpus.extracted import read_extracted
    from graphload.store.load import write_records
    db = neo4j_settings.database
    base, _, _ = split
    load([base], neo4j_settings)
    # the full rebuild stores the use counts a tally of every mention gives (as the bulk export writes them)
    assert entity_summaries(neo4j_db, db) == summaries_from_mentions(neo4j_db, db)
    frozen = stored_evidence(neo4j_db, db)
    key, (a, b, c) = holders_of_a_three_paper_method([json.loads(line) for line in base.read_text().splitlines()])
    uid = f"method:{key}"
    before = entity_summaries(neo4j_db, db)[uid]
    intro_a = next(e["introduced"] for e in a["entities"] if e["key"] == key and e["type"] == "method")
    b_name = next(e["name"] for e in b["entities"] if e["key"] == key and e["type"] == "method")
    # two of its three papers now call it "Zz Renamed" (the majority flips), one stops or starts introducing it,
    # and they add surface forms
    a1 = with_entity(a, key, name="Zz Renamed", aliases=["Zz Renamed", "zz-shared"], introduced=not intro_a)
    b1 = with_entity(b, key, name="Zz Renamed", aliases=["Zz Renamed", "zz-shared", "zz-only-b"])
    result = load([write_jsonl(tmp_path / "one.jsonl", [a1, b1])], neo4j_settings).relink
    assert result["mode"] == "incremental"
    now = entity_summaries(neo4j_db, db)
    assert now == summaries_from_mentions(neo4j_db, db)
    assert now[uid][0] == "Zz Renamed" != before[0] and now[uid][3] == 3
    assert {"zz-shared", "zz-only-b"} <= set(now[uid][1])
    assert stored_links(neo4j_db, db) == full_rebuild_under(neo4j_db, db, 558, frozen)
    # loaded twice before a relink (as after a crash between load and relink): b goes back to its name and
    # drops both new forms, c drops the method, a flips introduced back and is written twice
    b2 = with_entity(b, key, aliases=[b_name])
    c2 = dict(c, entities=[e for e in c["entities"] if not (e["key"] == key and e["type"] == "method")])
    a2 = with_entity(a1, key, introduced=intro_a)
    for batch in ([b2, c2, a2], [a2]):
        write_records(neo4j_db, db, read_extracted([str(write_jsonl(tmp_path / "two.jsonl", batch))], ReadReport()),
                      run_id="test-rerun", batch_size=2)
    result = relink(neo4j_settings)
    assert result.mode == "incremental"
    now = entity_summaries(neo4j_db, db)
    assert now == summaries_from_mentions(neo4j_db, db)
    # two papers left, one name each: the alphabetical first; a form goes only with the last paper that had it
    assert now[uid][3] == 2 and now[uid][0] == min("Zz Renamed", b_name)
    assert "zz-shared" in now[uid][1] and "zz-only-b" not in now[uid][1]
    # and a full rebuild computes the same
    relink(neo4j_settings, full=True)
    assert entity_summaries(neo4j_db, db) == now


def test_entities_of_an_older_graph_without_counts_are_summarised_from_their_mentions_once(neo4j_db, neo4j_settings,
                                                                                          split, tmp_path):
    import json
    db = neo4j_settings.database
    base, _, _ = split
    load([base], neo4j_settings)
    # a graph an older graphload wrote: no use counts
    neo4j_db.execute_query("MATCH (e:Entity) REMOVE " + ", ".join(f"e.{k}" for k in ENTITY_COUNTS), database_=db)
    key, (a, b, c) = holders_of_a_three_paper_method([json.loads(line) for line in base.read_text().splitlines()])
    uid = f"method:{key}"
    a1 = with_entity(a, key, name="Zz Renamed", aliases=["Zz Renamed"])
    b1 = with_entity(b, key, name="Zz Renamed", aliases=["Zz Renamed", "zz-only-b"])
    c1 = dict(c, entities=[e for e in c["entities"] if not (e["key"] == key and e["type"] == "method")])
    assert load([write_jsonl(tmp_path / "one.jsonl", [a1, b1, c1])], neo4j_settings).relink["mode"] == "incremental"
    now, expected = entity_summaries(neo4j_db, db), summaries_from_mentions(neo4j_db, db)
    # every summary is right; the entities of the re-loaded papers have their counts now, the others none yet
    assert {u: s[:4] for u, s in now.items()} == {u: s[:4] for u, s in expected.items()}
    counted = {u for u, s in now.items() if s[4] is not None}
    touched = {f"{e['type']}:{e['key']}" for r in (a1, b1, c1) for e in r["entities"]}
    assert counted == touched and uid in counted and len(counted) < len(now)
    assert {u: now[u] for u in counted} == {u: expected[u] for u in counted}
    assert now[uid][:4] == ("Zz Renamed", ["Zz Renamed", "zz-only-b"], "Zz Renamed | zz-only-b | ", 2)
    # from then on their counts are kept: b goes back to one form
    b2 = with_entity(b1, key, aliases=["Zz Renamed"])
    assert load([write_jsonl(tmp_path / "two.jsonl", [b2])], neo4j_settings).relink["mode"] == "incremental"
    now = entity_summaries(neo4j_db, db)
    assert {u: now[u] for u in counted} == {u: summaries_from_mentions(neo4j_db, db)[u] for u in counted}
    assert now[uid][:4] == ("Zz Renamed", ["Zz Renamed"], "Zz Renamed | ", 2)


def test_two_loads_writing_the_same_entities_at_once_keep_its_use_counts_exact(neo4j_db, neo4j_settings, split,
                                                                              tmp_path):
    """The use counts are read and written in one SET whose right-hand side reads the entity's own
    properties, so Neo4j locks the entity before reading them: two writers that change the same
    entities' counts at the same moment lose no update."""
    import json
    import threading
    from graphload.corpus import ReadReport
    from graphload.corpus.extracted import read_extracted
    from graphload.store.load import write_records
    db = neo4j_settings.database
    base, _, _ = split
    load([base], neo4j_settings)
    records = [json.loads(line) for line in base.read_text().splitlines()]
    holders: dict[str, list[dict]] = {}
    for r in records:
        for e in r["entities"]:
            if e["type"] == "method":
                holders.setdefault(e["key"], []).append(r)
    hot = sorted(holders, key=lambda k: (-len(holders[k]), k))[:3]  # the three methods most papers mention
    papers = sorted({r["id"]: r for k in hot for r in holders[k]}.values(), key=lambda r: r["id"])
    assert len(papers) >= 40
    # every paper of them is re-written with new names, surface forms and introduced flags for them
    changed = []
    for i, r in enumerate(papers):
        for key in hot:
            r = with_entity(r, key, name=f"Zz {key} {i % 3}", aliases=[f"Zz {key} {i % 3}", f"zz-{key}-{i % 5}"],
                            introduced=i % 2 == 0)
        changed.append(r)
    halves = [write_jsonl(tmp_path / f"half{n}.jsonl", changed[n::2]) for n in range(2)]
    start, failures = threading.Barrier(2), []

    def writer(path):
        try:
            start.wait()
            write_records(neo4j_db, db, read_extracted([str(path)], ReadReport()), run_id="test-concurrent",
                          batch_size=1)
        except Exception as exc:  # reported below: a thread's exception does not fail the test by itself
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(path,)) for path in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    now, expected = entity_summaries(neo4j_db, db), summaries_from_mentions(neo4j_db, db)

    def counted(summary):  # {form: papers} of names and of surface forms (a form no paper writes any more may
        # stay with 0 until the relink prunes it), and the papers introducing it
        name_forms, name_papers, alias_forms, alias_papers, introduced = summary[4:]
        return ({f: n for f, n in zip(name_forms, name_papers) if n},
                {f: n for f, n in zip(alias_forms, alias_papers) if n}, introduced)

    for key in hot:
        uid = f"method:{key}"
        assert counted(now[uid]) == counted(expected[uid]), uid  # every count equals a tally of the stored mentions
        names, _, introduced = counted(now[uid])
        assert set(names) == {f"Zz {key} {i}" for i in range(3)} and sum(names.values()) == len(holders[key])
        holding = {r["id"] for r in holders[key]}
        assert introduced == sum(1 for i, r in enumerate(papers) if r["id"] in holding and i % 2 == 0)
    assert relink(neo4j_settings).mode == "incremental"
    assert entity_summaries(neo4j_db, db) == summaries_from_mentions(neo4j_db, db)
