"""Neo4j Browser, for real: prepared queries pasted into a headless Chromium, checked against the driver.

The sample corpus is ingested into the test server; Browser connects to it over
Bolt as a person would, and nothing is pasted to set it up: the server's
post-connect command (scripts/neo4j-local, docker-compose.yml) applies
cypher/style.grass, turns off "connect result nodes" and opens the graphload
guide. One query is run by clicking its blocks in the guide; the others set
their `:param` lines from the header and run the file unchanged. The test
reads what the page shows and compares it with the driver. Screenshots go to $GRAPHLOAD_SCREENSHOTS (the README's come from
`GRAPHLOAD_SCREENSHOTS=docs/screenshots scripts/test tests/e2e`), else to a
temporary folder.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from graphload.store.cypherfiles import cypher_text
from graphload.ingest import ingest
from graphload.store.browser import params_command, query_body
from graphload.store.queries import list_queries, prepared_query
from neo4j_browser import Neo4jBrowser, parse_grass

pytestmark = [pytest.mark.neo4j, pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
ENTITY_LABELS = {"Method", "Dataset", "Metric", "Repo"}


def browser_url() -> str:
    return os.environ.get("NEO4J_BROWSER_URL") or f"http://127.0.0.1:{os.environ.get('NEO4J_HTTP_PORT', '7474')}/browser/"


@pytest.fixture(scope="module")
def sample_graph(neo4j_driver, neo4j_settings):
    from conftest import empty_database
    empty_database(neo4j_driver, neo4j_settings.database)
    stats = ingest([ROOT / "examples" / "hf-papers"], neo4j_settings)
    assert stats.papers == 608
    return neo4j_driver


@pytest.fixture(scope="module")
def browser(sample_graph, neo4j_settings, tmp_path_factory):
    session = Neo4jBrowser(browser_url(), tmp_path_factory.mktemp("chromium-profile"))
    try:
        session.open_and_connect(neo4j_settings.uri, neo4j_settings.user, neo4j_settings.password)
        # the post-connect commands have run once the guide is there
        session.wait_for_frame(":play http")
        yield session
    finally:
        session.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = os.environ.get("GRAPHLOAD_SCREENSHOTS")
    return Path(folder).resolve() if folder else tmp_path_factory.mktemp("screenshots")


def run_prepared(browser, driver, database, name, **overrides):
    """Set the query's :param lines (its header's, or overrides) in Browser, run the file unchanged in both."""
    query = prepared_query(name)
    params = {**query.examples, **overrides}
    for key, value in params.items():
        browser.run(f":param {key} => {json.dumps(value)}")
    frame = browser.run(query.text)
    result = driver.execute_query(query.text, params, database_=database)
    return frame, result


def browser_cell(value) -> str:
    """How Browser's table shows a value: strings and lists as JSON, numbers plain."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (str, list)) else str(value)


def caption_shows(caption: str, value: str) -> bool:
    """Browser fits a caption into its circle: it starts with the value's first word and keeps
    the value's words in order, dropping or cutting (…) those that don't fit."""
    shown, words = caption.replace("…", " ").split(), value.split()
    if not shown or not words or not words[0].startswith(shown[0]):
        return False
    remaining = iter(words)
    return all(any(word.startswith(piece) for word in remaining) for piece in shown)


def table_rows(frame) -> list[list[str]]:
    rows = frame.locator("tbody tr")
    return [[cell.strip() for cell in rows.nth(i).locator("td.relatable__table-body-cell:not(.relatable__table-row-actions-cell)").all_inner_texts()]
            for i in range(rows.count())]


def test_guide_opens_on_connect_and_its_blocks_run(sample_graph, neo4j_settings, screenshots, tmp_path):
    session = Neo4jBrowser(browser_url(), tmp_path / "chromium-profile")
    try:
        session.open_and_connect(neo4j_settings.uri, neo4j_settings.user, neo4j_settings.password)
        guide = session.wait_for_frame(":play http")
        guide.locator("pre.runnable").first.wait_for()
        # every prepared query is in the guide, with its parameters as one :params line
        for query in list_queries():
            section = guide.locator(f'section[data-query="{query.name}"]')
            assert section.count() == 1, query.name
            assert " ".join(section.locator("pre.cypher").inner_text().split()) == " ".join(query_body(query).split())
            if query.examples:
                assert section.locator("pre.params").inner_text().strip() == params_command(query)
        # the post-connect :config and :style ran: Browser reports the setting and the style sheet's rules
        settings = json.loads(session.wait_for_frame(":config").locator("pre").first.inner_text())
        assert settings["autoComplete"] is False
        style_frame = " ".join(session.wait_for_frame(":style http").inner_text().split())
        assert "node.Paper {" in style_frame and parse_grass(cypher_text("style.grass"))["node.Paper"]["color"] in style_frame
        session.screenshot(guide, screenshots / "guide.png")

        # a click on the query's :params block, Run; a click on its Cypher, Run: the table is the driver's
        session.run_guide_block('section[data-query="top_datasets"] pre.params')
        frame = session.run_guide_block('section[data-query="top_datasets"] pre.cypher')
        query = prepared_query("top_datasets")
        result = sample_graph.execute_query(query.text, query.examples, database_=neo4j_settings.database)
        assert len(result.records) == query.examples["limit"]
        assert table_rows(frame) == [[browser_cell(v) for v in record.values()] for record in result.records]
    finally:
        session.close()


def test_paper_neighbourhood_graph_with_params_and_style(browser, sample_graph, neo4j_settings, screenshots):
    db = neo4j_settings.database
    paper_id = sample_graph.execute_query(
        "MATCH (p:Paper)-[:MENTIONS]->(e) WITH p, count(e) AS n RETURN p.id AS id ORDER BY n DESC, id LIMIT 1",
        database_=db).records[0]["id"]
    frame, result = run_prepared(browser, sample_graph, db, "paper_neighbourhood", paper_id=paper_id)
    nodes = {n.element_id: n for record in result.records for n in record.values() if hasattr(n, "labels")}
    relationships = {r.element_id for record in result.records for r in record.values()
                     if r is not None and hasattr(r, "type")}
    frame.locator("svg g.node").first.wait_for()

    # What the page draws is what the driver returns.
    assert frame.locator("svg g.node").count() == len(nodes)
    assert frame.locator("svg g.relationship").count() == len(relationships)
    overview = " ".join(frame.inner_text().split())
    per_label = {}
    for node in nodes.values():
        for label in node.labels:
            per_label[label] = per_label.get(label, 0) + 1
    for label, count in per_label.items():
        assert f"{label} ({count})" in overview, (label, count, overview[-300:])

    # Every drawn node carries the colour and caption that style.grass gives its label.
    grass = parse_grass(cypher_text("style.grass"))
    by_internal_id = {element_id.rsplit(":", 1)[-1]: node for element_id, node in nodes.items()}
    styled = set()
    for drawn in frame.locator("svg g.node").all():
        node = by_internal_id[drawn.get_attribute("aria-label").removeprefix("graph-node")]
        label = "Paper" if "Paper" in node.labels else next(iter(set(node.labels) & ENTITY_LABELS))
        rule = grass[f"node.{label}"]
        assert drawn.locator("circle.b-outline").get_attribute("fill").upper() == rule["color"].upper(), label
        caption = " ".join(drawn.locator("text.caption").all_text_contents())
        expected = str(node[re.fullmatch(r"\{(\w+)\}", rule["caption"]).group(1)])
        assert caption_shows(caption, expected), (label, caption, expected)
        styled.add(label)
    assert "Paper" in styled and styled & ENTITY_LABELS
    browser.screenshot(frame, screenshots / "paper-neighbourhood.png")


def test_top_datasets_table(browser, sample_graph, neo4j_settings, screenshots):
    frame, result = run_prepared(browser, sample_graph, neo4j_settings.database, "top_datasets", limit=10)
    assert len(result.records) == 10
    assert f"Started streaming {len(result.records)} records" in frame.inner_text()
    assert table_rows(frame) == [[browser_cell(v) for v in record.values()] for record in result.records]
    assert table_rows(frame)[0][0] == '"ImageNet"'  # the sample corpus's most used dataset
    browser.screenshot(frame, screenshots / "top-datasets.png")


def test_methods_on_dataset_with_param(browser, sample_graph, neo4j_settings):
    frame, result = run_prepared(browser, sample_graph, neo4j_settings.database, "methods_on_dataset",
                                 dataset="cifar-10")
    assert result.records, "the sample corpus has methods used with CIFAR-10"
    assert table_rows(frame) == [[browser_cell(v) for v in record.values()] for record in result.records]


def test_broken_query_shows_the_servers_error(browser):
    with pytest.raises(AssertionError, match=r"Neo\.ClientError\.Statement\.SyntaxError"):
        browser.run("MATCH (p:Paper RETURN p")
