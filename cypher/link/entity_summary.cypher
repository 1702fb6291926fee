// Summarise entities: paper_count, aliases and name from the mentions
// The name is the one most papers use (ties: alphabetical), aliases are every
// surface form of every paper, sorted; so the result depends only on the graph.
// Also the entity's use counts, sorted, which load/mentions.cypher keeps up to date and
// link/entity_summary_of.cypher summarises from: how many papers write each name
// (name_forms/name_papers) and each surface form (alias_forms/alias_papers), and how many
// introduce it. The first SET takes the entity's write lock before its mentions are read, so
// a load writing a mention of it meanwhile waits, then adds to these counts.
// Parameters: none (run in an auto-commit session: it commits in batches)
MATCH (e:Entity)
CALL (e) {
  SET e.introduced_papers = e.introduced_papers
  WITH e, COLLECT { MATCH (:Paper)-[m:MENTIONS]->(e)
                    WITH m.name AS form, count(*) AS papers RETURN [form, papers] ORDER BY form } AS names,
          COLLECT { MATCH (:Paper)-[m:MENTIONS]->(e) UNWIND m.aliases AS form
                    WITH form, count(*) AS papers RETURN [form, papers] ORDER BY form } AS aliases
  WITH e, names, aliases, [alias IN aliases | alias[0]] AS all_aliases
  SET e.name_forms = [name IN names | name[0]], e.name_papers = [name IN names | name[1]],
      e.alias_forms = all_aliases, e.alias_papers = [alias IN aliases | alias[1]],
      e.introduced_papers = COUNT { (:Paper)-[:MENTIONS {introduced: true}]->(e) },
      e.paper_count = reduce(papers = 0, name IN names | papers + name[1]),
      // the first of the most used: names are in alphabetical order
      e.name = reduce(top = null, name IN names | CASE WHEN top IS NULL OR name[1] > top[1] THEN name ELSE top END)[0],
      e.aliases = all_aliases, e.aliases_text = reduce(text = '', a IN all_aliases | text + a + ' | ')
} IN TRANSACTIONS OF 2000 ROWS
