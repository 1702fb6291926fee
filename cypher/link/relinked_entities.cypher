// Take the :Relink label off the entities this relink read
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity:Relink {key: row.key})
WHERE e.type = row.type
REMOVE e:Relink
