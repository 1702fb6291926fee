// Summarise the given entities as link/entity_summary.cypher does every entity:
// paper_count, the name most papers use (ties: alphabetical), every alias sorted;
// from the entity's use counts (load/mentions.cypher keeps them as mentions are written,
// changed and dropped), so the cost is the entity's, not its mentions'. An entity with no
// counts (written by an older graphload) is summarised from all its mentions, once: they become
// its counts. The counts are written back sorted, without forms no paper uses any more.
// Reads back what the link policy needs of them: name, surface forms, paper count, and whether
// a paper introduces it.
// The first SET takes the entity's write lock before its counts are read: a load writing a
// mention of it meanwhile waits, then adds to the counts written here.
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
SET e.introduced_papers = e.introduced_papers
WITH e
CALL (e) {
  WITH e WHERE e.name_forms IS NOT NULL
  RETURN COLLECT { UNWIND range(0, size(e.name_forms) - 1) AS i
                   WITH e.name_forms[i] AS form, e.name_papers[i] AS papers WHERE papers > 0
                   RETURN [form, papers] ORDER BY form } AS names,
         COLLECT { UNWIND range(0, size(e.alias_forms) - 1) AS i
                   WITH e.alias_forms[i] AS form, e.alias_papers[i] AS papers WHERE papers > 0
                   RETURN [form, papers] ORDER BY form } AS aliases,
         e.introduced_papers AS introduced_papers
  UNION
  WITH e WHERE e.name_forms IS NULL
  RETURN COLLECT { MATCH (:Paper)-[m:MENTIONS]->(e)
                   WITH m.name AS form, count(*) AS papers RETURN [form, papers] ORDER BY form } AS names,
         COLLECT { MATCH (:Paper)-[m:MENTIONS]->(e) UNWIND m.aliases AS form
                   WITH form, count(*) AS papers RETURN [form, papers] ORDER BY form } AS aliases,
         COUNT { (:Paper)-[:MENTIONS {introduced: true}]->(e) } AS introduced_papers
}
WITH e, names, aliases, introduced_papers, [alias IN aliases | alias[0]] AS all_aliases
SET e.name_forms = [name IN names | name[0]], e.name_papers = [name IN names | name[1]],
    e.alias_forms = all_aliases, e.alias_papers = [alias IN aliases | alias[1]],
    e.introduced_papers = introduced_papers,
    e.paper_count = reduce(papers = 0, name IN names | papers + name[1]),
    // the first of the most used: names are in alphabetical order
    e.name = reduce(top = null, name IN names | CASE WHEN top IS NULL OR name[1] > top[1] THEN name ELSE top END)[0],
    e.aliases = all_aliases, e.aliases_text = reduce(text = '', a IN all_aliases | text + a + ' | ')
RETURN e.type AS type, e.key AS key, e.name AS name, e.aliases AS aliases, e.paper_count AS paper_count,
       introduced_papers > 0 AS introduced
