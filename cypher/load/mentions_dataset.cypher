// Load dataset mentions: upsert (:Dataset) entities and the papers' MENTIONS of them
// One file per label because labels cannot be parameters; the loader picks
// the file from a fixed allow-list of entity types.
// Parameters: $rows (list of maps: paper_id, key, name, count, aliases, fields, rules, introduced,
//   and the first mention: field, start, end, rule, sentence, sentence_start)
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper_id})
MERGE (e:Dataset {key: row.key})
ON CREATE SET e:Entity, e.type = 'dataset', e.name = row.name
MERGE (p)-[m:MENTIONS]->(e)
SET m.count = row.count, m.name = row.name, m.aliases = row.aliases, m.fields = row.fields,
    m.rules = row.rules, m.introduced = row.introduced,
    m.field = row.field, m.start = row.start, m.end = row.end, m.rule = row.rule,
    m.sentence = row.sentence, m.sentence_start = row.sentence_start
