// Summarise entities: paper_count, aliases and name from the mentions
// The name is the one most papers use (ties: alphabetical), aliases are every
// surface form of every paper, sorted; so the result depends only on the graph.
// Parameters: none (run in an auto-commit session: it commits in batches)
MATCH (e:Entity)
CALL (e) {
  MATCH (p:Paper)-[m:MENTIONS]->(e)
  WITH e, count(p) AS papers, collect(m.aliases) AS alias_lists, collect(m.name) AS names
  UNWIND names AS name
  WITH e, papers, alias_lists, name, count(*) AS uses ORDER BY uses DESC, name
  WITH e, papers, alias_lists, collect(name)[0] AS top_name
  UNWIND alias_lists AS aliases
  UNWIND aliases AS alias
  WITH e, papers, top_name, alias ORDER BY alias
  WITH e, papers, top_name, collect(DISTINCT alias) AS all_aliases
  SET e.paper_count = papers, e.name = top_name, e.aliases = all_aliases,
      e.aliases_text = reduce(text = '', a IN all_aliases | text + a + ' | ')
} IN TRANSACTIONS OF 2000 ROWS
