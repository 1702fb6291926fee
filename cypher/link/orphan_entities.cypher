// Remove orphan entities: an entity no paper mentions any more is deleted
// Happens when a changed abstract drops the last mention of a name.
// Parameters: none
MATCH (e:Entity)
WHERE NOT (e)<-[:MENTIONS]-(:Paper)
DETACH DELETE e
