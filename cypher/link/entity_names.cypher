// Read every entity's name and surface forms: the link policy's "is a proper name" signal
// Parameters: none
MATCH (e:Entity)
RETURN e.type + ':' + e.key AS uid, e.name AS name, coalesce(e.aliases, []) AS aliases
