// Load mentions: the papers' MENTIONS of their entities, of every type (the entities exist:
// load/entities_*.cypher ran before in the same transaction)
// The entity's use counts (name_forms/name_papers, alias_forms/alias_papers: how many papers
// write each name and surface form; introduced_papers) take off what the mention held before
// and add what it holds now, in the same SET: every item reads the values from before it, the
// count items read the entity's own counts, so the entity is locked before they are read and
// a later row of the batch sees the earlier rows' counts. link/entity_summary_of.cypher turns
// the counts into name, aliases and paper_count (and sorts them); an entity an older graphload
// wrote has none (null stays null) and is summarised from its mentions there once.
// Parameters: $rows (list of maps: paper_id, type, key, name, count, aliases, fields, rules,
//   introduced, and the first mention: field, start, end, rule, sentence, sentence_start)
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper_id})
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
MERGE (p)-[m:MENTIONS]->(e)
SET e.name_papers = CASE WHEN e.name_forms IS NULL THEN null ELSE
      [i IN range(0, size(e.name_forms) - 1) | e.name_papers[i] + CASE e.name_forms[i] WHEN row.name THEN 1 ELSE 0 END
                                                                 - CASE e.name_forms[i] WHEN m.name THEN 1 ELSE 0 END]
      + CASE WHEN row.name IN e.name_forms THEN [] ELSE [1] END END,
    e.name_forms = CASE WHEN e.name_forms IS NULL OR row.name IN e.name_forms THEN e.name_forms
                        ELSE e.name_forms + row.name END,
    e.alias_papers = CASE WHEN e.alias_forms IS NULL THEN null ELSE
      [i IN range(0, size(e.alias_forms) - 1) | e.alias_papers[i]
                                                + CASE WHEN e.alias_forms[i] IN row.aliases THEN 1 ELSE 0 END
                                                - CASE WHEN e.alias_forms[i] IN coalesce(m.aliases, []) THEN 1 ELSE 0 END]
      + [alias IN row.aliases WHERE NOT alias IN e.alias_forms | 1] END,
    e.alias_forms = e.alias_forms + [alias IN row.aliases WHERE NOT alias IN e.alias_forms],
    e.introduced_papers = e.introduced_papers + CASE WHEN row.introduced THEN 1 ELSE 0 END
                                              - CASE WHEN m.introduced THEN 1 ELSE 0 END,
    m.count = row.count, m.name = row.name, m.aliases = row.aliases, m.fields = row.fields,
    m.rules = row.rules, m.introduced = row.introduced,
    m.field = row.field, m.start = row.start, m.end = row.end, m.rule = row.rule,
    m.sentence = row.sentence, m.sentence_start = row.sentence_start
