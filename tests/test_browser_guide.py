"""The Neo4j Browser guide is made from cypher/queries/; the served copy and the server settings agree with it."""
import re
from html.parser import HTMLParser
from pathlib import Path

from graphload.store.browser import guide_html, params_command, post_connect_command, query_body, write_guide_files
from graphload.store.cypherfiles import cypher_text
from graphload.store.queries import list_queries, prepared_query

ROOT = Path(__file__).resolve().parent.parent


class Blocks(HTMLParser):
    """The text of every <pre class="runnable ..."> block, by (query, kind)."""

    def __init__(self):
        super().__init__()
        self.blocks, self._open = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "pre" and "runnable" in attrs.get("class", ""):
            self._open = (attrs["data-query"], attrs["class"].split()[1])
            self.blocks[self._open] = ""

    def handle_endtag(self, tag):
        if tag == "pre":
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.blocks[self._open] += data


def test_every_prepared_query_is_a_runnable_block_with_its_params():
    parser = Blocks()
    parser.feed(guide_html())
    queries = list_queries()
    assert {name for name, _ in parser.blocks} == {q.name for q in queries}
    for query in queries:
        assert parser.blocks[(query.name, "cypher")] == query_body(query)
        assert query_body(query).startswith(("MATCH", "CALL", "OPTIONAL", "WITH", "UNWIND"))
        if query.examples:
            assert parser.blocks[(query.name, "params")] == params_command(query)
        else:
            assert (query.name, "params") not in parser.blocks


def test_params_line_is_json_that_browser_reads():
    assert params_command(prepared_query("similar_papers")) == ':params {"paper_id": "2401.01234", "limit": 10}'


def test_guide_escapes_cypher_arrows():
    assert "-&gt;" in guide_html() and "]->(" not in guide_html()


def test_committed_guide_files_are_up_to_date(tmp_path):
    """docs/browser/ is what the servers serve; regenerate it with scripts/make-browser-guide."""
    write_guide_files(tmp_path)
    for name in ("guide.html", "style.grass"):
        assert (ROOT / "docs" / "browser" / name).read_text(encoding="utf-8") == \
            (tmp_path / name).read_text(encoding="utf-8"), f"docs/browser/{name} is stale"
    assert (tmp_path / "style.grass").read_text(encoding="utf-8") == cypher_text("style.grass")


def test_neo4j_local_sets_the_same_post_connect_command():
    script = (ROOT / "scripts" / "neo4j-local").read_text(encoding="utf-8")
    line = re.search(r'echo "(config .*)"', script).group(1)
    base = re.search(r'local base="([^"]+)"', script).group(1)
    assert line.replace("$base", base) == post_connect_command(base)
    assert "browser.post_connect_cmd=$(post_connect_cmd)" in script
    assert "browser.remote_content_hostname_whitelist=127.0.0.1,localhost" in script
