// Summarise the given entities as link/entity_summary.cypher does every entity:
// paper_count, the name most papers use (ties: alphabetical), every alias sorted
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
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
}
