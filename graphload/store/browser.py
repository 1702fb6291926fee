"""What Neo4j Browser opens on connect: the graphload guide (made from cypher/queries/) and the style sheet.

The server runs `browser.post_connect_cmd` after a user connects (scripts/neo4j-local
and docker-compose.yml set it): it applies cypher/style.grass, turns off Browser's
"connect result nodes" (so a query draws exactly the relationships it returns) and
`:play`s the guide. The guide is a page Browser renders: the graph model, and for
every prepared query its `:params` line and its Cypher as blocks a click puts
into the editor.

    python -m graphload.store.browser docs/browser    # writes guide.html and style.grass
"""
from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path

from graphload.store.cypherfiles import cypher_text
from graphload.store.queries import PreparedQuery, list_queries

# The Browser settings the post-connect command applies before it opens the guide.
BROWSER_CONFIG = {"autoComplete": False}
GUIDE_FILES = ("guide.html", "style.grass")

_MODEL = """\
(:Paper {id, title, abstract, url, published, authors})
  -[:MENTIONS {count, fields, rules, field, start, end, rule, sentence}]->
(:Method | :Dataset | :Metric | :Repo   all :Entity {key, name, aliases, paper_count})
(:Entity)-[:INTRODUCED_BY]->(:Paper)
(:Paper)-[:BUILDS_ON {via}]->(:Paper)
(:Paper)-[:SHARES_ENTITY {weight, shared, shared_count}]->(:Paper)"""


def params_command(query: PreparedQuery) -> str:
    """The one Browser command that sets all of a query's parameters to its header's examples.

    >>> from graphload.store.queries import prepared_query
    >>> params_command(prepared_query("top_datasets"))
    ':params {"limit": 20}'
    """
    return ":params " + json.dumps(query.examples, ensure_ascii=False)


def query_body(query: PreparedQuery) -> str:
    """The query's Cypher without its header comments (title, description, :param lines)."""
    lines = query.text.splitlines()
    while lines and (lines[0].startswith("//") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).strip()


def post_connect_command(base_url: str) -> str:
    """The value of `browser.post_connect_cmd` for a server serving the guide files at `base_url`.

    >>> post_connect_command("http://127.0.0.1:7474/browser/graphload")  # doctest: +NORMALIZE_WHITESPACE
    'config autoComplete: false; style http://127.0.0.1:7474/browser/graphload/style.grass;
     play http://127.0.0.1:7474/browser/graphload/guide.html'
    """
    config = ", ".join(f"{key}: {json.dumps(value)}" for key, value in BROWSER_CONFIG.items())
    base = base_url.rstrip("/")
    return f"config {config}; style {base}/style.grass; play {base}/guide.html"


def guide_html(queries: list[PreparedQuery] | None = None) -> str:
    """The guide page: the graph model, then each prepared query with its parameters and Cypher."""
    queries = list_queries() if queries is None else queries
    parts = [
        '<article class="guide">',
        "<h3>graphload: papers, methods, datasets, metrics</h3>",
        "<p>The graph that <code>graphload ingest</code> built. Click a grey block to put it in the editor, "
        "then run it: first a query's <code>:params</code> line (change the values to yours), then the query. "
        "The style and settings were applied when you connected; run "
        '<code>:play</code> with this page\'s address to open it again.</p>',
        "<h4>The graph</h4>",
        f"<pre>{escape(_MODEL)}</pre>",
        "<h4>Prepared queries</h4>",
    ]
    for query in queries:
        parts += [
            f'<section class="query" data-query="{query.name}">',
            f"<h4>{escape(query.title)} <small><code>{query.name}</code></small></h4>",
            f"<p>{escape(query.description)}</p>",
            f'<pre class="runnable params" data-query="{query.name}">{escape(params_command(query))}</pre>'
            if query.examples else "",
            f'<pre class="runnable cypher" data-query="{query.name}">{escape(query_body(query))}</pre>',
            "</section>",
        ]
    parts.append("</article>")
    return "\n".join(part for part in parts if part) + "\n"


def write_guide_files(folder: str | Path) -> list[Path]:
    """Write guide.html and style.grass into `folder` (what the server serves to Browser)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    contents = {"guide.html": guide_html(), "style.grass": cypher_text("style.grass")}
    written = []
    for name in GUIDE_FILES:
        path = folder / name
        path.write_text(contents[name], encoding="utf-8", newline="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m graphload.store.browser OUTPUT_FOLDER")
    for written_path in write_guide_files(sys.argv[1]):
        print(written_path)
