// Remove stubs nothing cites any more (their work was loaded under another id, or the
// reference went away); runs after the CITES of this rebuild are written
// Parameters: none
MATCH (p:Paper {stub: true})
WHERE NOT (p)-[:CITES]-()
DETACH DELETE p
