// Summarise the given entities as link/entity_summary.cypher does every entity:
// paper_count, the name most papers use (ties: alphabetical), every alias sorted;
// and read back what the link policy needs of them, from the same pass over their mentions:
// name, surface forms, paper count, and whether a paper introduces it
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
CALL (e) {
  MATCH (p:Paper)-[m:MENTIONS]->(e)
  WITH e, count(p) AS papers, collect(m.aliases) AS alias_lists, collect(m.name) AS names,
       any(flag IN collect(m.introduced) WHERE flag) AS introduced
  UNWIND names AS name
  WITH e, papers, alias_lists, introduced, name, count(*) AS uses ORDER BY uses DESC, name
  WITH e, papers, alias_lists, introduced, collect(name)[0] AS top_name
  UNWIND alias_lists AS aliases
  UNWIND aliases AS alias
  WITH e, papers, introduced, top_name, alias ORDER BY alias
  WITH e, papers, introduced, top_name, collect(DISTINCT alias) AS all_aliases
  SET e.paper_count = papers, e.name = top_name, e.aliases = all_aliases,
      e.aliases_text = reduce(text = '', a IN all_aliases | text + a + ' | ')
  RETURN introduced
}
RETURN e.type AS type, e.key AS key, e.name AS name, e.aliases AS aliases, e.paper_count AS paper_count,
       introduced
