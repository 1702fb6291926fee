// Load repo entities: make the (:Repo) nodes a batch's mentions point at (load/mentions.cypher
// then writes the mentions of every type in one statement)
// One file per label because labels cannot be parameters; the loader picks the file from a
// fixed allow-list of entity types. A new entity starts with the name of its first mention in
// the batch and empty use counts; the relink summarises its name from the counts.
// Parameters: $rows (list of maps: key, name), one per entity
UNWIND $rows AS row
MERGE (e:Repo {key: row.key})
ON CREATE SET e:Entity, e.type = 'repo', e.name = row.name,
              e.name_forms = [], e.name_papers = [], e.alias_forms = [], e.alias_papers = [], e.introduced_papers = 0
